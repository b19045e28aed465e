"""Review responses in a revised proposal: they name the sections they changed (validated),
their 修正頁碼 come from the layout, and review.response-* compare them with what changed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import yaml

from tests.helpers import ROOT, edit, one, position, run_tiip
from tests.render.conftest import needs_soffice
from tiip_writer.checking.pipeline import CheckResult, check_file
from tiip_writer.layout.office import FONTS_CONF
from tiip_writer.model.sections import KEYS, changed_sections

V1, V2 = ROOT / "samples" / "revision" / "v1.yaml", ROOT / "samples" / "revision" / "v2.yaml"
RESPONSE_RULES = ("review.response-unplaced", "review.response-unchanged",
                  "review.response-missing")


def check_revision(tmp_path: Path, new_text: str, old: Path = V1) -> CheckResult:
    path = tmp_path / "new.yaml"
    path.write_text(new_text, encoding="utf-8")
    return check_file(path, display="new.yaml", revised_from=check_file(old).source)


def response_findings(result: CheckResult) -> list[tuple[str, str]]:
    return [(d.rule, d.message.zh) for d in result.diagnostics if d.rule in RESPONSE_RULES]


def v2_text() -> str:
    return V2.read_text(encoding="utf-8")


def test_the_sample_pair_answers_every_change(tmp_path: Path) -> None:
    result = check_revision(tmp_path, v2_text())
    assert result.diagnostics == []


def test_the_rules_say_nothing_without_an_earlier_version(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(edit(v2_text(), ("    sections: [background]\n", "")), encoding="utf-8")
    assert response_findings(check_file(path)) == []


def test_a_response_that_points_nowhere(tmp_path: Path) -> None:
    text = edit(v2_text(), ("    sections: [background]\n", ""))
    result = check_revision(tmp_path, text)
    d = one(result, "review.response-unplaced")
    assert d.message.zh == "第 1 項審查意見回復沒有指出修正的章節，修正頁碼無法由排版產生"
    assert d.severity.value == "warning"
    assert (d.line, d.column) == position(text, "  - comment: 請說明熱變位", offset=4)
    # and the background, now named by no response, is a change nobody answers
    missing = one(result, "review.response-missing")
    assert missing.message.zh == "「貳、一、背景與說明」（background）與前一版相比有修改，但沒有任何審查意見回復指向它"
    assert missing.hint is not None and "sections: [background]" in missing.hint.zh


def test_a_response_naming_a_section_that_did_not_change(tmp_path: Path) -> None:
    text = edit(v2_text(), ("    sections: [budget]\n", "    sections: [budget, risks]\n"))
    result = check_revision(tmp_path, text)
    d = one(result, "review.response-unchanged")
    assert d.message.zh == ("第 3 項審查意見回復指出修正了「參、風險評估與因應對策」（risks），"
                            "但此章節與前一版相同")
    assert (d.line, d.column) == position(text, "[budget, risks]", offset=9)
    assert response_findings(result) == [("review.response-unchanged", d.message.zh)]


def test_a_section_that_shows_the_change_may_be_named(tmp_path: Path) -> None:
    # the Gantt marks the checkpoints: naming it for a moved checkpoint is right
    text = edit(v2_text(), ("    sections: [checkpoints]\n", "    sections: [checkpoints, gantt]\n"))
    assert response_findings(check_revision(tmp_path, text)) == []


def test_every_changed_section_needs_a_response(tmp_path: Path) -> None:
    text = edit(v2_text(), ("    sections: [budget]\n", "    sections: [background]\n"),
                ("（PT100 與熱電偶）", "（PT100）"))
    result = check_revision(tmp_path, text)
    assert [m for r, m in response_findings(result) if r == "review.response-missing"] == [
        "「伍、四、經費需求」（budget）與前一版相比有修改，但沒有任何審查意見回復指向它"]


def test_a_new_submission_date_needs_no_response() -> None:
    old = V1.read_text(encoding="utf-8")
    new = edit(old, ("submission_date: 2016-05-16", "submission_date: 2016-06-15"))
    assert changed_sections(yaml.safe_load(old), yaml.safe_load(new)) == ((), ())


def test_an_unknown_section_key_is_a_schema_error(tmp_path: Path) -> None:
    text = edit(v2_text(), ("    sections: [budget]\n", "    sections: [budgett]\n"))
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_file(path, display="p.yaml")
    d = one(result, "schema.enum")
    assert "budgett" in d.message.zh
    assert d.hint is not None and "budget" in d.hint.zh
    assert (d.line, d.column) == position(text, "budgett")


def test_the_schema_lists_exactly_the_known_section_keys() -> None:
    schema = json.loads((ROOT / "schemas" / "proposal.schema.json").read_text(encoding="utf-8"))
    item = schema["properties"]["review_responses"]["items"]["properties"]["sections"]
    assert tuple(item["items"]["enum"]) == KEYS


def test_every_section_is_anchored_in_the_official_build(tmp_path: Path) -> None:
    target = tmp_path / "v2.docx"
    assert run_tiip("build", str(V2), "-o", str(target)).exit_code == 0
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    names = re.findall(r'w:bookmarkStart w:id="\d+" w:name="_tiip_([a-z_]+)"', xml)
    assert tuple(names) == KEYS  # each once, in document order
    assert xml.count("PAGEREF _tiip_background \\h") == 1
    assert xml.count("PAGEREF _tiip_checkpoints \\h") == 1
    assert xml.count("PAGEREF _tiip_budget \\h") == 1


def test_a_typed_page_is_still_shown_when_no_section_is_named(tmp_path: Path) -> None:
    text = edit(v2_text(), ("    sections: [background]\n", "    page: 第 9 頁\n"))
    path = tmp_path / "typed.yaml"
    path.write_text(text, encoding="utf-8")
    target = tmp_path / "typed.docx"
    assert run_tiip("build", str(path), "-o", str(target)).exit_code == 0
    with zipfile.ZipFile(target) as archive:
        assert "<w:t>第 9 頁</w:t>" in archive.read("word/document.xml").decode("utf-8")


def pages_of(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")


@needs_soffice
def test_the_response_pages_are_where_the_sections_start_in_the_pdf(tmp_path: Path) -> None:
    target = tmp_path / "v2.docx"
    result = run_tiip("build", str(V2), "--revised-from", str(V1), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(tmp_path))
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(target)], check=True, env=env, capture_output=True,
                   timeout=300)
    pages = pages_of(tmp_path / "v2.pdf")
    headings = {"background": "一、背景與說明", "checkpoints": "二、查核點說明",
                "budget": "四、經費需求"}
    # where each heading stands on a line of its own (the TOC's lines end in dot leaders)
    start = {key: next(n for n, page in enumerate(pages, start=1)
                       if any(line.strip() == title for line in page.splitlines()))
             for key, title in headings.items()}
    table_page = next(page for page in pages if "審查意見回復表" in page)
    shown = {}
    for line in table_page.splitlines():
        row = re.match(r"^\s*([123])\s.*?\s(\d+)\s*$", line)
        if row:
            shown[int(row.group(1))] = int(row.group(2))
    assert shown == {1: start["background"], 2: start["checkpoints"], 3: start["budget"]}
    assert len(set(shown.values())) == 3 and min(shown.values()) > 3  # real, distinct pages


def test_tiip_check_takes_the_earlier_version_too(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    path.write_text(edit(v2_text(), ("    sections: [background]\n", "")), encoding="utf-8")
    result = run_tiip("check", str(path), "--revised-from", str(V1), "--format", "json")
    assert result.exit_code == 1
    rules = [d["rule"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]]
    assert rules == ["review.response-unplaced", "review.response-missing"]
    assert run_tiip("check", str(path)).exit_code == 0  # without it: a plain proposal
    unreadable = run_tiip("check", str(path), "--revised-from", str(tmp_path / "nope.yaml"))
    assert unreadable.exit_code == 2
    both = run_tiip("check", str(path), str(V2), "--revised-from", str(V1))
    assert both.exit_code == 2 and "--revised-from 只能用於一個計畫書檔案" in both.stderr


def test_a_library_that_does_not_mark_a_named_section_is_told(tmp_path: Path) -> None:
    library = tmp_path / "mylib"
    assert run_tiip("templates", "new", str(library), "--extends", "official").exit_code == 0
    (library / "parts").mkdir(exist_ok=True)
    (library / "parts" / "30-risks.md.j2").write_text(
        '# 參、風險評估與因應對策\n\n{{ table("risks") }}\n', encoding="utf-8")  # no anchor()
    text = edit(v2_text(), ("    sections: [budget]\n", "    sections: [budget, risks]\n"))
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_tiip("build", str(path), "--template", str(library), "-o",
                      str(tmp_path / "p.docx"))
    assert result.exit_code == 0  # a warning: the document is still built
    assert (f"{path}:{position(text, '[budget, risks]', offset=9)[0]}:" in result.stderr
            and "build.anchor  樣板庫沒有標示章節「risks」從哪裡開始" in result.stderr)
    assert '{{ anchor("risks") }}' in result.stderr
    official = run_tiip("build", str(path), "-o", str(tmp_path / "q.docx"))
    assert "build.anchor" not in official.stderr
