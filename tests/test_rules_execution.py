"""execution.* rules: person-months, weights, checkpoint spacing, period and references."""

from __future__ import annotations

import pytest

from tests.helpers import Checker, at, one, only, position, sample_text, with_partner
from tiip_writer.checking.pipeline import check_file

P02_LINE = "{person: P02, monthly_salary: 80, person_months: 12}"


def test_person_months_budget_against_team(check: Checker) -> None:
    text, result = check.variant((P02_LINE, P02_LINE.replace("12}", "10}")))
    d = one(result, "execution.person-months")
    assert d.message.zh == "P02 人事費編列 10 人月，但參與計畫人員表投入 12 人月（A1 4、A2 6、C1 2）"
    assert d.message.en == ("P02 is budgeted for 10 person-months, but the team list has 12 "
                            "(A1 4, A2 6, C1 2)")
    assert at(d) == position(text, "person: P02, monthly_salary: 80, person_months: 10", 48)


def test_person_months_person_without_a_line(check: Checker) -> None:
    text, result = check.variant(("        - {person: P07, monthly_salary: 30, person_months: 3}\n",
                                  ""))
    d = one(result, "execution.person-months")
    assert d.message.zh == "P07 投入 3 人月，但人事費沒有編列此人"
    assert at(d) == position(text, "    effort: {A2: 2, C1: 1}", offset=4)


def test_person_months_line_under_another_unit(check: Checker) -> None:
    text = with_partner(sample_text()).replace("    unit: HJ\n    kind: 顧問", "    unit: U1\n    kind: 顧問")
    d = one(check(text), "execution.person-months")
    assert d.message.zh == "P07 屬於 U1，人事費卻編列在 HJ"
    assert at(d) == position(text, "person: P07", offset=8)


def test_checkpoint_weights(check: Checker) -> None:
    text, result = check.variant((("{code: A1-1, work_item: A1, month: 6, kpi: 完成 24 點溫度感測模組，"
                                  "量測誤差 ≤ ±0.2°C, weight: 10"),
                                  ("{code: A1-1, work_item: A1, month: 6, kpi: 完成 24 點溫度感測模組，"
                                  "量測誤差 ≤ ±0.2°C, weight: 15")))
    d = one(result, "execution.checkpoint-weights")
    assert d.message.zh == "查核點權重合計 105%，應為 100%"
    assert at(d) == position(text, "\ncheckpoints:", offset=1)


def test_work_weights(check: Checker) -> None:
    text, result = check.variant(("name: 溫度感測模組與佈點設計, weight: 15",
                                  "name: 溫度感測模組與佈點設計, weight: 12.5"))
    d = one(result, "execution.work-weights")
    assert d.message.zh == "工作項目權重合計 97.5%，應為 100%"
    assert at(d) == position(text, "\nwork:", offset=1)


B1_CHECKPOINT = "{code: B1-1, work_item: B1, month: 12"


def test_checkpoint_interval_of_six_months_passes(check: Checker) -> None:
    assert not only(check(sample_text()), "execution.checkpoint-interval")  # gaps of exactly 6


def test_checkpoint_interval_of_seven_months_warns(check: Checker) -> None:
    text, result = check.variant((B1_CHECKPOINT, B1_CHECKPOINT.replace("12", "13")))
    d = one(result, "execution.checkpoint-interval")
    assert d.severity.value == "warning"
    assert d.message.zh == "分項 B 第 7 至 13 個月共 7 個月沒有查核點，上限 6 個月"
    assert at(d) == position(text, "{code: B1-1, work_item: B1, month: 13")


def test_checkpoint_interval_needs_a_closing_checkpoint(check: Checker) -> None:
    text, result = check.variant(("{code: C2-1, work_item: C2, month: 24",
                                  "{code: C2-1, work_item: C2, month: 23"))
    d = one(result, "execution.checkpoint-interval")
    assert d.message.zh == "計畫最後一個月（第 24 個月）沒有結案查核點"
    assert at(d) == position(text, "\ncheckpoints:", offset=1)


@pytest.mark.parametrize(("old", "new", "message", "needle", "offset"), [
    ("weight: 10, start_month: 19, end_month: 24}", "weight: 10, start_month: 19, end_month: 25}",
     "工作項目 C2 在第 25 個月結束，超出計畫期程 24 個月", "end_month: 25}", 11),
    ("weight: 15, start_month: 1, end_month: 6}", "weight: 15, start_month: 7, end_month: 6}",
     "工作項目 A1 起始月（第 7 個月）晚於結束月（第 6 個月）", "start_month: 7, end_month: 6", 13),
    ("{code: A1-1, work_item: A1, month: 6,", "{code: A1-1, work_item: A1, month: 5,", None, "", 0),
    ("{code: A1-1, work_item: A1, month: 6,", "{code: A1-1, work_item: A1, month: 7,",
     "查核點 A1-1 在第 7 個月，不在工作項目 A1 的期間（第 1–6 個月）", "A1, month: 7,", 11),
    ("cost: 1800, sets: 1, months: 20,", "cost: 1800, sets: 1, months: 30,",
     "「雷射干涉儀（含環境補償單元）」使用 30 個月，超過計畫期程 24 個月", "months: 30,", 8),
    ("cost: 1800, sets: 1, months: 20,", "cost: 1800, sets: 1, months: 24,", None, "", 0),
    ("          end_month: 16\n", "          end_month: 26\n",
     "「熱變位預測模型獨立驗證」在第 26 個月結束，超出計畫期程 24 個月", "end_month: 26", 11),
])
def test_within_period(check: Checker, old: str, new: str, message: str | None, needle: str,
                       offset: int) -> None:
    text, result = check.variant((old, new))
    found = only(result, "execution.within-period")
    assert [d.message.zh for d in found] == ([message] if message else [])
    if message:
        assert at(found[0]) == position(text, needle, offset)


@pytest.mark.parametrize(("old", "new", "message", "hint_start", "needle", "offset"), [
    ("{code: A1-1, work_item: A1,", "{code: A1-1, work_item: A9,", "找不到工作項目「A9」",
     "現有工作項目：A1、A2、B1、B2、C1、C2", "work_item: A9", 11),
    ("responsible: [P02]}", "responsible: [P20]}", "找不到人員「P20」",
     "現有人員：P01、P02", "P20]", 0),
    ("responsible: [P02]}", "responsible: [p02]}", "找不到人員「p02」",
     "是不是要寫「P02」？現有人員：P01", "p02]", 0),
    ("effort: {A1: 4, A2: 6, C1: 2}", "effort: {A1: 4, A2: 6, D1: 2}", "找不到工作項目「D1」",
     "現有工作項目：", "D1: 2", 0),
    ("purpose: 試件尺寸量測, work_item: C1}", "purpose: 試件尺寸量測, work_item: C7}",
     "找不到工作項目「C7」", "現有工作項目：", "work_item: C7", 11),
    ("    executor: HJ\n    items:\n      - {code: A1", "    executor: XX\n    items:\n      - {code: A1",
     "找不到申請單位「XX」", "現有申請單位：HJ", "executor: XX", 10),
])
def test_unknown_reference(check: Checker, old: str, new: str, message: str, hint_start: str,
                           needle: str, offset: int) -> None:
    text, result = check.variant((old, new))
    d = one(result, "execution.unknown-reference")
    assert d.message.zh == message
    assert d.hint is not None and d.hint.zh.startswith(hint_start)
    assert at(d) == position(text, needle, offset)


def test_unknown_budget_unit(check: Checker) -> None:
    text, result = check.variant(("  units:\n    HJ:\n", "  units:\n    HQ:\n"))
    found = [d for d in only(result, "execution.unknown-reference") if "HQ" in d.message.zh]
    assert [d.message.zh for d in found] == ["找不到申請單位「HQ」"]
    assert at(found[0]) == position(text, "    HQ:", offset=4)


def test_duplicate_code(check: Checker) -> None:
    text, result = check.variant(("  - id: P03\n", "  - id: P02\n"))
    d = one(result, "execution.duplicate-code")
    assert d.message.zh == "人員編號「P02」重複使用"
    line = text.count("\n", 0, text.index("  - id: P02\n", text.index("  - id: P02\n") + 1)) + 1
    assert at(d) == (line, 9)


def test_rules_run_beside_an_unknown_key(check: Checker, tmp_path) -> None:
    text, result = check.variant(("  rd_log: true\n", "  rd_log: true\n  rd_logg: true\n"),
                                 (P02_LINE, P02_LINE.replace("12}", "10}")))
    assert [d.rule for d in result.diagnostics] == ["execution.person-months",
                                                    "schema.unknown-key"]
    missing = tmp_path / "missing.yaml"
    missing.write_text(text.replace("title: 高精度", "titel: 高精度"), encoding="utf-8")
    rules = {d.rule for d in check_file(missing).diagnostics}
    assert rules == {"schema.required", "schema.unknown-key"}   # no model: rules do not run


def test_full_time_effort_equal_to_the_work_item_passes(check: Checker) -> None:
    # P03 works B1 (months 7–15, 9 months); 9 person-months is exactly full time
    _, result = check.variant(("    effort: {B1: 8, B2: 4}", "    effort: {B1: 9, B2: 3}"))
    assert only(result, "execution.full-time") == []


def test_full_time_more_effort_than_the_work_item_lasts(check: Checker) -> None:
    text, result = check.variant(("    effort: {B1: 8, B2: 4}", "    effort: {B1: 10, B2: 2}"))
    finding = one(result, "execution.full-time")
    assert at(finding) == position(text, "{B1: 10, B2: 2}", offset=5)
    assert finding.message.zh == "P03 在 B1 投入 10 人月，但 B1 只有 9 個月（第 7–15 月）"
    assert finding.severity.value == "warning"


def test_full_time_across_overlapping_work_items(check: Checker) -> None:
    # B1 (7–15) and B2 (10–18) together cover 12 months; 13 person-months is over full time
    text, result = check.variant(("    effort: {B1: 8, B2: 4}", "    effort: {B1: 8, B2: 5}"),
                                 ("        - {person: P03, monthly_salary: 75, person_months: 12}",
                                  "        - {person: P03, monthly_salary: 75, person_months: 13}"))
    finding = one(result, "execution.full-time")
    assert finding.message.zh == "P03 共投入 13 人月，但其工作項目合計只涵蓋 12 個月，超過全職"
    assert at(finding) == position(text, "effort: {B1: 8, B2: 5}")
