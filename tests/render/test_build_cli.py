"""`tiip build` as a user runs it: exit codes, messages, where files go."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.render.conftest import ROOT
from tiip_writer.cli.main import cli

SAMPLE = ROOT / "samples" / "high-value-thermal-compensation.yaml"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", *args])
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def sample_copy(tmp_path: Path, replace: tuple[str, str] | None = None) -> Path:
    target = tmp_path / "計畫書.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    if replace:
        text = text.replace(*replace)
    target.write_text(text, encoding="utf-8")
    return target


def test_build_writes_the_docx_next_to_the_input(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    code, output = run(str(source), "--markdown", str(tmp_path / "中間.md"))
    assert code == 0, output
    assert (tmp_path / "計畫書.docx").stat().st_size > 10_000
    assert "# 壹、公司概況" in (tmp_path / "中間.md").read_text(encoding="utf-8")
    assert f"已產生 {tmp_path / '計畫書.docx'}" in output
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temporary file


def test_build_refuses_on_errors_and_lists_them(tmp_path: Path) -> None:
    source = sample_copy(tmp_path, ("subsidy_rate: 40", "subsidy_rate: 60"))
    code, output = run(str(source))
    assert code == 1
    assert "budget.subsidy-cap" in output
    assert "未產生 Word 檔" in output and "--draft" in output
    assert not (tmp_path / "計畫書.docx").exists()


def test_draft_builds_despite_errors(tmp_path: Path) -> None:
    source = sample_copy(tmp_path, ("subsidy_rate: 40", "subsidy_rate: 60"))
    code, output = run(str(source), "--draft", "-o", str(tmp_path / "draft.docx"))
    assert code == 0, output
    assert "已產生草稿" in output
    assert (tmp_path / "draft.docx").exists()


def test_a_structurally_broken_file_cannot_be_built_even_as_draft(tmp_path: Path) -> None:
    source = sample_copy(tmp_path, ("title: 高精度", "titel: 高精度"))
    code, output = run(str(source), "--draft")
    assert code == 1
    assert "即使 --draft 也無法產生" in output


def test_the_input_is_never_overwritten(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    before = source.read_bytes()
    code, output = run(str(source), "-o", str(source))
    assert code == 2 and "不可與輸入的計畫書相同" in output
    assert source.read_bytes() == before


def test_a_missing_file_exits_2_in_english_too(tmp_path: Path) -> None:
    code, output = run(str(tmp_path / "nope.yaml"), "--lang", "en")
    assert code == 2 and "file not found" in output


def test_an_unknown_template_library_is_bad_usage(tmp_path: Path) -> None:
    code, output = run(str(sample_copy(tmp_path)), "--template", str(tmp_path / "nolib"))
    assert code == 2 and f"找不到樣板庫「{tmp_path / 'nolib'}」" in output
    code, output = run(str(sample_copy(tmp_path)), "--template", "nosuchlib", "--lang", "en")
    assert code == 2
    assert "there is no template library called 'nosuchlib'; known libraries: official" in output
    assert not (tmp_path / "計畫書.docx").exists()


def test_an_unwritable_output_exits_2(tmp_path: Path) -> None:
    code, output = run(str(sample_copy(tmp_path)), "-o", str(tmp_path / "no" / "dir" / "x.docx"))
    assert code == 2 and "無法寫入" in output
