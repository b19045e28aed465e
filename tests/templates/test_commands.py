"""tiip templates new, show, test and docs as a user runs them; the generated manual and the
example's reference .docx match their generators; a library's supported format and years."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT, run_tiip
from tests.templates.helpers import DEMO, OFFICIAL, SAMPLE, build, make_library
from tiip_writer.libraries.docs import template_docs, undocumented


def test_new_refuses_a_folder_with_files_and_an_unusable_name(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("x", encoding="utf-8")
    result = run_tiip("templates", "new", str(tmp_path / "full"))
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'full'} 已存在且不是空資料夾；不會覆寫任何檔案。\n"
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["notes.txt"]
    chinese = run_tiip("templates", "new", str(tmp_path / "顧問格式"), "--lang", "en")
    assert chinese.exit_code == 2
    assert chinese.stderr.startswith("'顧問格式' cannot be a library name")
    named = run_tiip("templates", "new", str(tmp_path / "顧問格式"), "--name", "acme",
                     "--with-reference")
    assert named.exit_code == 0, named.stderr
    assert (tmp_path / "顧問格式" / "reference.docx").read_bytes() == \
        (OFFICIAL / "reference.docx").read_bytes()
    missing = run_tiip("templates", "new", str(tmp_path / "x"), "--extends", "nosuch")
    assert missing.exit_code == 2 and "找不到名為「nosuch」的樣板庫" in missing.stderr


def test_new_can_extend_a_library_folder(tmp_path: Path) -> None:
    make_library(tmp_path / "base", name="base")
    result = run_tiip("templates", "new", str(tmp_path / "child"), "--extends",
                      str(tmp_path / "base"))
    assert result.exit_code == 0, result.stderr
    manifest = (tmp_path / "child" / "library.yaml").read_text(encoding="utf-8")
    assert "extends: ../base\n" in manifest
    assert '{% extends "base:parts/30-risks.md.j2" %}' in \
        (tmp_path / "child" / "parts" / "30-risks.md.j2").read_text(encoding="utf-8")
    assert build(tmp_path / "child").docx is not None


def test_show_tells_which_library_each_file_comes_from() -> None:
    result = run_tiip("templates", "show", str(DEMO))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "樣板庫 consultant-demo 1.0.0：卓越管理顧問計畫書格式（範例）"
    assert "extends 鏈：consultant-demo 1.0.0 → official 1.0.0" in lines
    assert "支援：計畫書格式版本 1；計畫年度 105" in lines
    assert f"參考文件：{DEMO.resolve() / 'reference.docx'}（consultant-demo）" in lines
    assert "tables.yaml：consultant-demo 設定 2 項；official 設定 197 項" in lines
    files = [line.split() for line in lines[lines.index("樣板檔案（實際採用的樣板庫在前）："):]]
    assert ["parts/00-cover.md.j2", "consultant-demo", "覆寫", "official"] in files
    assert ["parts/30-risks.md.j2", "consultant-demo", "覆寫", "official"] in files
    assert ["parts/10-company.md.j2", "official"] in files
    unknown = run_tiip("templates", "show", "nosuch")
    assert unknown.exit_code == 2 and "找不到名為「nosuch」的樣板庫" in unknown.stderr


def test_templates_test_reports_the_samples_a_library_breaks(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={"parts/30-risks.md.j2": (
        "# 參、風險評估與因應對策\n\n"
        "產品：{{ proposal.plan_specific.value_uplift.product }}\n")})
    result = run_tiip("templates", "test", str(library))
    assert result.exit_code == 1
    risks = library / "parts" / "30-risks.md.j2"
    lines = result.stdout.splitlines()
    assert lines[0] == "✗ emerging-assistive-academia.yaml：無法以此樣板庫產生"
    assert lines[1] == (f"    {risks}:3:1  error  build.template  樣板使用了未定義的變數或欄位："
                        "'None' has no attribute 'product'")
    assert lines[2].startswith("✓ high-value-thermal-compensation.yaml（")
    assert result.stderr == "testlib：1/4 份範例產生成功。\n"
    clean = run_tiip("templates", "test", str(DEMO), "--samples", str(SAMPLE), "--lang", "en")
    assert clean.exit_code == 0
    assert clean.stdout.startswith("✓ high-value-thermal-compensation.yaml (")
    assert clean.stderr == "consultant-demo: 1 of 1 samples built.\n"


def test_a_library_for_another_format_or_year(tmp_path: Path) -> None:
    future = make_library(tmp_path / "future")
    text = (future / "library.yaml").read_text(encoding="utf-8")
    (future / "library.yaml").write_text(text.replace("format_version: 1", "format_version: [2]"),
                                         encoding="utf-8")
    [finding] = build(future).diagnostics
    assert (finding.rule, finding.line) == ("build.library-format", 5)
    assert finding.message.zh == "樣板庫「testlib」支援計畫書格式版本 2，本計畫書為第 1 版"
    later = make_library(tmp_path / "later")
    (later / "library.yaml").write_text(text.replace("[105]", "[113]"), encoding="utf-8")
    built = build(later)
    assert built.docx is not None
    [warning] = built.diagnostics
    assert (warning.rule, warning.severity.value) == ("build.library-year", "warning")
    assert warning.message.zh == "樣板庫「testlib」是為民國 113 年度撰寫的，本計畫書為 105 年度"


def test_the_committed_manual_is_the_generated_one() -> None:
    assert undocumented() == []
    committed = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    assert committed == template_docs(), "run: tiip templates docs -o docs/templates.md"
    result = run_tiip("templates", "docs")
    assert result.exit_code == 0 and result.stdout == committed


def test_the_manual_lists_what_templates_can_use() -> None:
    manual = template_docs()
    for expected in ("| `proposal` | Proposal | 完整計畫書資料", "| `prose` |", "| `styled()` |",
                     "| `budget_detail` | `category`、`unit` |", "| `parts/20-content.md.j2` | `marketing` |",
                     "| `CoverTitle` | 封面：計畫名稱 |", "#### BudgetReport", "| `lead_company` | Company |",
                     "| `market` | Market | 國內外產業現況與市場需求 |"):
        assert expected in manual, expected


def test_the_example_reference_docx_matches_its_script(tmp_path: Path) -> None:
    target = tmp_path / "reference.docx"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_example_reference_docx.py"),
                    str(target)], check=True, capture_output=True)
    assert target.read_bytes() == (DEMO / "reference.docx").read_bytes()
