"""`tiip build` to PDF when LibreOffice is missing or too slow, and the PAGEREF filling itself."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.render.conftest import SAMPLES, build_sample, needs_soffice
from tiip_writer.cli.main import cli
from tiip_writer.layout.office import install_command
from tiip_writer.layout.pagerefs import fill_pagerefs, pageref_targets

SAMPLE = next(p for p in SAMPLES if p.stem == "high-value-thermal-compensation")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", *args])
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def test_pdf_without_libreoffice_exits_2_with_the_install_command_and_keeps_the_docx(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIIP_SOFFICE", str(tmp_path / "no-soffice"))
    code, output = run(str(SAMPLE), "-o", str(tmp_path / "計畫書.pdf"))
    assert code == 2
    assert "未產生 PDF" in output and install_command() in output
    assert (tmp_path / "計畫書.docx").stat().st_size > 10_000
    assert not (tmp_path / "計畫書.pdf").exists()
    code, output = run(str(SAMPLE), "-o", str(tmp_path / "b.docx"), "--pdf", "--lang", "en")
    assert code == 2 and "no PDF was written" in output and "wrote" in output


def test_docx_without_libreoffice_is_built_with_a_notice(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIIP_SOFFICE", str(tmp_path / "no-soffice"))
    monkeypatch.delenv("TIIP_PAGE_NUMBERS")
    code, output = run(str(SAMPLE), "-o", str(tmp_path / "a.docx"))
    assert code == 0, output
    assert "目錄頁碼暫時留空" in output and install_command() in output
    assert (tmp_path / "a.docx").exists()


@needs_soffice
def test_a_layout_over_the_time_limit_is_stopped(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIIP_OFFICE_TIMEOUT", "0.05")
    code, output = run(str(SAMPLE), "-o", str(tmp_path / "a.pdf"))
    assert code == 2
    assert "超過 0.05 秒" in output and "TIIP_OFFICE_TIMEOUT" in output
    assert (tmp_path / "a.docx").exists() and not (tmp_path / "a.pdf").exists()


def test_the_pdf_must_not_replace_the_input(tmp_path: Path) -> None:
    source = tmp_path / "x.pdf"  # a proposal saved under a PDF's name
    source.write_bytes(SAMPLE.read_bytes())
    code, output = run(str(source), "-o", str(source))
    assert code == 2 and "不可與輸入的計畫書相同" in output
    assert source.read_bytes() == SAMPLE.read_bytes()


def test_pagerefs_get_the_measured_numbers_and_nothing_else_changes() -> None:
    docx = build_sample(SAMPLE)
    targets = pageref_targets(docx)
    assert targets[0] == "_Toc000001" and len(targets) == len(set(targets)) >= 20
    filled = fill_pagerefs(docx, {name: 100 + i for i, name in enumerate(targets)})
    xml = _document(filled)
    for i, name in enumerate(targets):
        assert f"PAGEREF {name} \\h" in xml
        assert f"<w:t>{100 + i}</w:t>" in xml
    assert _document(fill_pagerefs(docx, {})).count("<w:t>") == _document(docx).count("<w:t>")
    assert fill_pagerefs(docx, {targets[0]: 7}) == fill_pagerefs(docx, {targets[0]: 7})


def _document(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml").decode("utf-8")
