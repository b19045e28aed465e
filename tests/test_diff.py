"""`tiip diff OLD NEW`: exactly what changed, its derived figures, and the findings that moved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import edit, run_tiip, sample_text
from tiip_writer.text.chardiff import Piece, char_diff, new_text, old_text

QUANTITY = ("unit: 組, quantity: 40, unit_price: 3.5", "unit: 組, quantity: 60, unit_price: 3.5")
MONTH = ("{code: A1-1, work_item: A1, month: 6,", "{code: A1-1, work_item: A1, month: 8,")
PARAGRAPH = ("客戶只能以長時間暖機或人工量測補正因應，降低稼動率約 15%。",
             "客戶目前只能以長時間暖機或人工量測補正因應，稼動率因此降低約 18%。")


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Return the sample and a copy with one budget line, one date and one paragraph changed."""
    folder = tmp_path_factory.mktemp("diff")
    old, new = folder / "v1.yaml", folder / "v2.yaml"
    old.write_text(sample_text(), encoding="utf-8")
    new.write_text(edit(sample_text(), QUANTITY, MONTH, PARAGRAPH), encoding="utf-8")
    return old, new


@pytest.fixture(scope="module")
def report(pair: tuple[Path, Path]) -> dict:
    result = run_tiip("diff", str(pair[0]), str(pair[1]), "--format", "json")
    assert result.exit_code == 1, result.stderr
    return json.loads(result.stdout)


def sections(report: dict) -> dict[str, dict]:
    return {s["key"]: s for s in report["sections"]}


def test_reports_exactly_the_three_changed_sections(report: dict) -> None:
    assert list(sections(report)) == ["background", "checkpoints", "budget"]
    assert report["equal"] is False and report["exit_code"] == 1


def test_the_paragraph_is_compared_character_by_character(report: dict) -> None:
    (change,) = sections(report)["background"]["texts"]
    assert change["field"] == "background" and change["pointer"] == "/background"
    changed = [(p["kind"], p["text"]) for p in change["pieces"] if p["kind"] != "equal"]
    assert changed == [("insert", "目前"), ("delete", "降低"), ("delete", "約 15%"),
                       ("insert", "因此降低約 18%")]
    old = "".join(p["text"] for p in change["pieces"] if p["kind"] != "insert")
    new = "".join(p["text"] for p in change["pieces"] if p["kind"] != "delete")
    assert PARAGRAPH[0] in old and PARAGRAPH[1] in new


def test_the_date_and_the_budget_line_are_typed_values(report: dict) -> None:
    (month,) = sections(report)["checkpoints"]["values"]
    assert (month["field"], month["old"], month["new"]) == ("checkpoints[A1-1].month", 6, 8)
    # the plan starts 2016-07: plan month 6 is 2016-12, month 8 is 2017-02
    assert (month["old_month"], month["new_month"]) == ("2016-12", "2017-02")
    (quantity,) = sections(report)["budget"]["values"]
    assert (quantity["field"], quantity["old"], quantity["new"]) == (
        "budget.units.HJ.consumables[0].quantity", 40, 60)
    assert not any(s["items"] for s in report["sections"])


def test_every_derived_figure_that_moved_and_no_other(report: dict) -> None:
    figures = {f["key"]: (f["old"], f["new"], f["delta"])
               for f in sections(report)["budget"]["figures"]}
    line = "line/HJ/consumables/溫度感測器模組（PT100 與熱電偶）"
    # 40 × 3.5 = 140 → 60 × 3.5 = 210; subsidy 40% rounded half-up: 56 → 84
    assert figures == {
        f"{line}/total": (140, 210, 70), f"{line}/subsidy": (56, 84, 28),
        f"{line}/self_funding": (84, 126, 42),
        "group/消耗性器材及原材料費/total": (1030, 1100, 70),
        "group/消耗性器材及原材料費/subsidy": (412, 440, 28),
        "group/消耗性器材及原材料費/self_funding": (618, 660, 42),
        "plan/total": (13090, 13160, 70), "plan/subsidy": (5740, 5768, 28),
        "plan/self_funding": (7350, 7392, 42),
        "plan/subsidy_pct": (43.9, 43.8, -0.1), "plan/self_funding_pct": (56.1, 56.2, 0.1),
        "year/1/total": (7332, 7402, 70), "year/1/subsidy": (3293, 3321, 28),
        "year/1/self_funding": (4039, 4081, 42),
    }


def test_the_findings_that_appeared(report: dict, pair: tuple[Path, Path]) -> None:
    found = [(f["change"], f["rule"], f["severity"], f["file"]) for f in report["findings"]]
    assert found == [("appeared", "execution.checkpoint-interval", "warning", str(pair[1])),
                     ("appeared", "execution.within-period", "error", str(pair[1]))]
    assert "查核點 A1-1 在第 8 個月" in report["findings"][1]["message"]["zh"]


def test_findings_that_disappear_are_reported_from_the_old_file(pair: tuple[Path, Path]) -> None:
    result = run_tiip("diff", str(pair[1]), str(pair[0]), "--format", "json")
    data = json.loads(result.stdout)
    assert [(f["change"], f["rule"], f["file"]) for f in data["findings"]] == [
        ("disappeared", "execution.checkpoint-interval", str(pair[1])),
        ("disappeared", "execution.within-period", str(pair[1]))]


def test_text_report_without_colour(pair: tuple[Path, Path]) -> None:
    result = run_tiip("diff", str(pair[0]), str(pair[1]), "--no-color")
    assert result.exit_code == 1
    out = result.stdout
    assert "\x1b[" not in out
    assert "客戶{+目前+}只能以長時間暖機或人工量測補正因應，[-降低-]稼動率[-約 15%-]{+因此降低約 18%+}。" in out
    assert "checkpoints[A1-1].month：6 → 8（民國105年12月 → 民國106年2月）" in out
    assert "計畫總經費 合計：13,090千元 → 13,160千元（+70）" in out
    assert "補助款占總經費：43.9% → 43.8%（−0.1）" in out
    assert "+ 新增" in out and "execution.within-period" in out
    assert out.rstrip().endswith("共 3 個章節有變更；檢核結果新增 2 項、消失 0 項。")


def test_text_report_is_plain_when_not_a_terminal_and_coloured_on_request(
        pair: tuple[Path, Path]) -> None:
    assert "\x1b[" not in run_tiip("diff", str(pair[0]), str(pair[1])).stdout  # not a TTY
    coloured = run_tiip("diff", str(pair[0]), str(pair[1]), "--color").stdout
    assert "\x1b[9m" in coloured  # struck through
    assert "\x1b[4m" in coloured  # underlined


def test_english_text_report(pair: tuple[Path, Path]) -> None:
    out = run_tiip("diff", str(pair[0]), str(pair[1]), "--no-color", "--lang", "en").stdout
    assert "checkpoints[A1-1].month: 6 → 8 (2016-12 → 2017-02)" in out
    assert "plan budget total: 13,090 thousand NT$ → 13,160 thousand NT$ (+70)" in out
    assert "3 section(s) changed; 2 finding(s) new, 0 gone." in out


def test_markdown_report(pair: tuple[Path, Path]) -> None:
    result = run_tiip("diff", str(pair[0]), str(pair[1]), "--format", "markdown")
    assert result.exit_code == 1
    out = result.stdout
    assert "## 貳、一、背景與說明（`background`）" in out
    assert "客戶**目前**只能以長時間暖機或人工量測補正因應，~~降低~~稼動率~~約 15%~~**因此降低約 18%**。" in out
    assert "- 計畫總經費 合計：13,090千元 → 13,160千元（+70）" in out
    assert "新增 `execution.within-period`（error，" in out


def test_equal_versions_exit_zero(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    commented = tmp_path / "commented.yaml"
    commented.write_text("# 只多了一行註解\n" + sample_text(), encoding="utf-8")
    result = run_tiip("diff", str(pair[0]), str(commented), "--no-color")
    assert result.exit_code == 0
    assert "兩個版本沒有差異。" in result.stdout
    data = json.loads(run_tiip("diff", str(pair[0]), str(commented), "--format", "json").stdout)
    assert data["equal"] is True and data["sections"] == [] and data["findings"] == []


def test_unreadable_input_exits_two(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    missing = run_tiip("diff", str(pair[0]), str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "nope.yaml" in missing.stderr and "找不到檔案" in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    result = run_tiip("diff", str(broken), str(pair[1]))
    assert result.exit_code == 2 and "broken.yaml:" in result.stderr
    assert "Traceback" not in result.stderr


def test_items_added_removed_and_renamed_by_code(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(sample_text(), encoding="utf-8")
    text = edit(sample_text(), ("name: 溫度感測模組與佈點設計", "name: 溫度感測模組與佈點最佳化"),
                ("  - {code: C2-1, work_item: C2, month: 24,", "  - {code: C2-9, work_item: C2, month: 24,"))
    new.write_text(text, encoding="utf-8")
    data = json.loads(run_tiip("diff", str(old), str(new), "--format", "json").stdout)
    items = {s["key"]: [(i["change"], i["kind"]["zh"], i["code"], i["old_name"], i["new_name"])
                        for i in s["items"]] for s in data["sections"]}
    assert items["architecture"] == [("renamed", "工作項目", "A1", "溫度感測模組與佈點設計",
                                      "溫度感測模組與佈點最佳化")]
    assert items["checkpoints"] == [("added", "查核點", "C2-9", None, None),
                                    ("removed", "查核點", "C2-1", None, None)]


# --- the character diff itself ----------------------------------------------------------------

def test_numbers_and_latin_words_change_whole() -> None:
    assert char_diff("增加產值 24.6 億元", "增加產值 26.1 億元") == [
        Piece("equal", "增加產值 "), Piece("delete", "24.6"), Piece("insert", "26.1"),
        Piece("equal", " 億元")]


def test_short_common_stretches_join_the_changes_around_them() -> None:
    pieces = char_diff("本計畫的目標是降低成本", "本計畫的重點是提高良率")
    assert pieces == [Piece("equal", "本計畫的"), Piece("delete", "目標是降低成本"),
                      Piece("insert", "重點是提高良率")]


def test_an_insertion_slides_to_read_naturally() -> None:
    assert char_diff("溫度感測與即時補償", "溫度感測、熱變位預測與即時補償") == [
        Piece("equal", "溫度感測"), Piece("insert", "、熱變位預測"), Piece("equal", "與即時補償")]


@pytest.mark.parametrize(("old", "new"), [("", "新"), ("舊", ""), ("同", "同"), ("a\nb", "a\nc"),
                                          ("甲乙丙丁戊", "丁戊甲乙丙")])
def test_the_pieces_rebuild_both_texts(old: str, new: str) -> None:
    pieces = char_diff(old, new)
    assert old_text(pieces) == old and new_text(pieces) == new


def test_the_sample_revision_pair() -> None:
    folder = Path(__file__).resolve().parent.parent / "samples" / "revision"
    result = run_tiip("diff", str(folder / "v1.yaml"), str(folder / "v2.yaml"), "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["findings"] == []
    assert [s["key"] for s in data["sections"]] == [
        "cover", "background", "checkpoints", "budget", "review_responses"]
    (date,) = sections(data)["cover"]["values"]
    assert (date["field"], date["old"], date["new"]) == ("submission_date", "2016-05-16",
                                                         "2016-06-15")
