"""ruleset.programme-year: the plan's dates lie in the rule set's ROC year; `tiip new` writes
dates that agree with the year it writes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers import edit, position, run_tiip, sample_text
from tiip_writer.source.scaffold import PLAN_TYPES, plan_dates

RULE = "ruleset.programme-year"


def dated(submitted: str, start: str) -> str:
    return edit(sample_text(), ("submission_date: 2016-05-16", f"submission_date: {submitted}"),
                ("  start: 2016-07-01", f"  start: {start}"))


def year_findings(result):
    return [d for d in result.diagnostics if d.rule == RULE]


def test_dates_in_2027_under_rule_set_105_are_found(check):
    text = dated("2027-03-02", "2027-04-01")
    found = year_findings(check(text))
    assert [(d.line, d.column) for d in found] == sorted(
        [position(text, "2027-04-01"), position(text, "2027-03-02")])
    by_pointer = {d.pointer: d for d in found}
    submitted = by_pointer["/submission_date"]
    assert submitted.message.zh.startswith(
        "送件（收文）日 2027-03-02 在民國 116 年，但計畫書用的是民國 105 年度的規則集")
    assert "已安裝最新的規則集：民國 105 年度（內建）" in submitted.message.zh
    assert "tiip templates install" in submitted.hint.zh and "116" in submitted.hint.zh
    assert "the newest rule set installed: 105 (built-in)" in by_pointer["/period/start"].message.en


def test_only_the_date_outside_the_year_is_found(check):
    # submitted late in 105, starting in 106: the start date is in another programme year
    found = year_findings(check(dated("2016-12-20", "2017-01-01")))
    assert [d.pointer for d in found] == ["/period/start"]


@pytest.mark.parametrize("day", ["2016-01-01", "2016-12-31"])
def test_the_first_and_last_day_of_the_year_belong_to_it(check, day):
    assert year_findings(check(dated(day, day))) == []


def test_the_sample_dates_agree_with_its_year(check):
    assert year_findings(check(sample_text())) == []


@pytest.mark.parametrize("plan", PLAN_TYPES)
def test_tiip_new_output_checks_without_the_year_finding(tmp_path, plan):
    target = tmp_path / "p.yaml"
    made = run_tiip("new", str(target), "--plan", plan)
    assert made.exit_code == 0, made.stderr
    checked = run_tiip("check", str(target), "--format", "json")
    assert RULE not in checked.stdout
    text = target.read_text(encoding="utf-8")
    assert "year: 105 " in text
    assert "submission_date: 2016-" in text and "  start: 2016-" in text


def test_tiip_new_says_why_the_dates_are_not_this_years(tmp_path):
    made = run_tiip("new", str(tmp_path / "p.yaml"), "--plan", "產業高值")
    this_year = dt.date.today().year - 1911
    assert "已安裝最新的規則集是民國 105 年度" in made.stderr
    assert f"若要申請民國 {this_year} 年度" in made.stderr


@pytest.mark.parametrize(("year", "today", "expected"), [
    (115, dt.date(2026, 5, 16), (dt.date(2026, 5, 16), dt.date(2026, 6, 1))),
    (105, dt.date(2026, 5, 16), (dt.date(2016, 5, 16), dt.date(2016, 6, 1))),
    (116, dt.date(2026, 11, 3), (dt.date(2027, 11, 3), dt.date(2027, 12, 1))),
    # December: the first of next month is in the next year, so the plan starts on the day
    (115, dt.date(2026, 12, 6), (dt.date(2026, 12, 6), dt.date(2026, 12, 6))),
    (106, dt.date(2024, 2, 29), (dt.date(2017, 2, 28), dt.date(2017, 3, 1))),
])
def test_plan_dates_lie_in_the_rule_sets_year(year, today, expected):
    assert plan_dates(year, today) == expected


def test_tiip_new_writes_the_newest_installed_year_and_its_agency(tmp_path, monkeypatch):
    drafts = tmp_path / "rulesets"
    drafts.mkdir()
    assert run_tiip("rules", "new", "116", "--from", "105", "-o", str(drafts)).exit_code == 0
    monkeypatch.setenv("TIIP_RULESET_PATH", str(drafts))
    target = tmp_path / "p.yaml"
    made = run_tiip("new", str(target), "--plan", "新興育成")
    assert made.exit_code == 0, made.stderr
    text = target.read_text(encoding="utf-8")
    assert "year: 116 " in text and "agency: 經濟部產業發展署\n" in text
    assert "submission_date: 2027-" in text and "  start: 2027-" in text
    assert RULE not in run_tiip("check", str(target), "--format", "json").stdout
    if dt.date.today().year - 1911 < 116:
        assert "範本以已安裝最新的規則集（民國 116 年度）撰寫" in made.stderr
