"""Libraries that extend official: a new library builds the same document, one edited chapter
changes only that chapter, a block replaces only its section, the example library's cover,
chapter and heading styles."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_tiip
from tests.templates.helpers import (
    DEMO,
    JOINT_SAMPLE,
    SAMPLE,
    build,
    built_docx,
    document_text,
    make_library,
    style_xml,
)

RISKS = "參、風險評估與因應對策"
CONTENT = "貳、計畫內容與實施方法"


def test_a_new_library_builds_and_one_edited_chapter_changes_only_that_chapter(
        tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    created = run_tiip("templates", "new", "lib", "--extends", "official")
    assert created.exit_code == 0, created.stderr
    assert "已建立樣板庫 lib（extends official）" in created.stdout
    first = run_tiip("build", str(SAMPLE), "--template", "lib", "-o", "first.docx")
    assert first.exit_code == 0, first.stderr
    official_front, official_chapters = document_text(built_docx(None))
    front, chapters = document_text((tmp_path / "first.docx").read_bytes())
    assert (front, chapters) == (official_front, official_chapters)

    chapter = tmp_path / "lib" / "parts" / "30-risks.md.j2"
    chapter.write_text(chapter.read_text(encoding="utf-8") + (
        "{% block risks %}\n{{ super() }}\n"
        "本公司每季召開風險檢討會議，由計畫主持人追蹤各項對策。\n{% endblock %}\n"),
        encoding="utf-8")
    second = run_tiip("build", str(SAMPLE), "--template", "lib", "-o", "second.docx")
    assert second.exit_code == 0, second.stderr
    front, chapters = document_text((tmp_path / "second.docx").read_bytes())
    assert front == official_front
    changed = [name for name in chapters if chapters[name] != official_chapters[name]]
    assert changed == [RISKS]
    added = "本公司每季召開風險檢討會議，由計畫主持人追蹤各項對策。"
    assert chapters[RISKS].count(added) == 1
    assert [text for text in chapters[RISKS] if text != added] == official_chapters[RISKS]


def test_a_block_replaces_one_section_and_keeps_the_parent_top_level_names(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={"parts/20-content.md.j2": (
        '{% extends "official:parts/20-content.md.j2" %}\n'
        "{% block method %}\n"
        "{{ heading(2, 6, \"實施方法及步驟\") }}\n\n"
        "本計畫分三階段執行：{{ p.technology.method | truncate(8, true, \"\") }}\n\n"
        "{% endblock %}\n")})
    _front, official = document_text(built_docx(None))
    _front, chapters = document_text(built_docx(library))
    assert [n for n in chapters if chapters[n] != official[n]] == [CONTENT]
    start = official[CONTENT].index("六、實施方法及步驟")
    end = official[CONTENT].index("七、技術引進及委託研究")
    assert chapters[CONTENT][:start] == official[CONTENT][:start]
    assert chapters[CONTENT][start + 2:] == official[CONTENT][end:]
    assert chapters[CONTENT][start + 1].startswith("本計畫分三階段執行：")


def test_a_library_not_in_the_chain_cannot_be_named_as_a_prefix(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={
        "parts/30-risks.md.j2": '{% extends "acme:parts/30-risks.md.j2" %}\n'})
    [finding] = build(library).diagnostics
    assert finding.file.endswith("30-risks.md.j2") and finding.line == 1
    assert finding.message.zh.startswith("找不到樣板「acme:parts/30-risks.md.j2」")
    assert "「acme」不在此樣板庫的 extends 鏈中（testlib、official）" in finding.message.zh


def test_the_example_library_has_its_own_cover_chapter_and_heading_styles() -> None:
    official = built_docx(None, JOINT_SAMPLE)
    demo = built_docx(DEMO, JOINT_SAMPLE)
    official_front, official_chapters = document_text(official)
    front, chapters = document_text(demo)
    assert "輔導顧問：卓越管理顧問股份有限公司" in front
    assert "輔導顧問：卓越管理顧問股份有限公司" not in official_front
    assert front[:6] == ["限閱", "計畫編號：＿＿＿＿＿＿＿＿", "經濟部工業局產業升級創新平台輔導計畫",
                         "主題式研發計畫（Top-down）（聯合申請）",
                         "具自我調適與健康預診斷之 EtherCAT 智慧伺服驅動系統開發計畫",
                         "計畫期程：自民國105年9月1日至民國108年2月28日（共30個月）"]
    assert [n for n in chapters if chapters[n] != official_chapters[n]] == [RISKS]
    assert chapters[RISKS][:2] == ["一、風險評估方法", chapters[RISKS][1]]
    assert "每季召開風險檢討會議" in chapters[RISKS][1]
    assert "表15　風險評估矩陣" in chapters[RISKS]
    assert "因應與監控對策" in chapters[RISKS]
    heading = style_xml(demo, "Heading1")
    assert 'w:eastAsia="微軟正黑體"' in heading and 'w:val="1F3864"' in heading
    assert 'w:eastAsia="微軟正黑體"' not in style_xml(official, "Heading1")
    assert "ConsultantNote" in style_xml(demo, "ConsultantNote")
