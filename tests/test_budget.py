"""The budget engine on the sample: figures a reader can verify by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.helpers import Checker, edit, sample_text
from tiip_writer.budget import Amounts, BudgetReport, Table


def budget_of(check: Checker, text: str) -> BudgetReport:
    result = check(text)
    assert result.budget is not None, [d.message.zh for d in result.diagnostics]
    return result.budget


@pytest.fixture
def sample(check: Checker) -> BudgetReport:
    return budget_of(check, sample_text())


def line(report: BudgetReport, label_start: str):
    matches = [ln for ln in report.lines if ln.label.startswith(label_start)]
    assert len(matches) == 1, [ln.label for ln in report.lines]
    return matches[0]


def test_sample_totals(sample: BudgetReport) -> None:
    assert (sample.total, sample.amounts.subsidy, sample.amounts.self_funding) == \
        (13090, 5740, 7350)
    assert sample.amounts.subsidy_pct == Decimal("43.9")
    assert sample.amounts.self_funding_pct == Decimal("56.1")
    assert sample.person_months == 73


def test_sample_category_table(sample: BudgetReport) -> None:
    groups = {g.name: (g.amounts.subsidy, g.amounts.self_funding, g.amounts.total, g.share)
              for g in sample.table.groups}
    assert groups == {
        "人事費": (2772, 2898, 5670, Decimal("43.3")),
        "消耗性器材及原材料費": (412, 618, 1030, Decimal("7.9")),
        "研發設備使用費": (1068, 1602, 2670, Decimal("20.4")),
        "研發設備維護費": (360, 540, 900, Decimal("6.9")),
        "無形資產引進費": (600, 900, 1500, Decimal("11.5")),
        "委託研究費": (400, 600, 1000, Decimal("7.6")),
        "國內外差旅費": (128, 192, 320, Decimal("2.4")),
    }
    personnel = sample.table.group("人事費")
    assert personnel is not None
    assert [(r.label, r.amounts.total) for r in personnel.rows] == [("研發人員", 5580),
                                                                      ("顧問", 90)]


@pytest.mark.parametrize(("label", "formula", "amount"), [
    ("林志明", "150 × 8", 1200),
    ("溫度感測器模組", "40 × 3.5", 140),
    ("雷射干涉儀", "1,800 × 1 ÷ 60 × 20", 600),
    ("三次元量床", "2,400 ÷ (4 × 12) × 12", 600),
    ("熱誤差補償演算法技術授權", "1,500", 1500),
    ("客戶場域試用", "4 × 2 × 10", 80),
])
def test_each_formula(sample: BudgetReport, label: str, formula: str, amount: int) -> None:
    found = line(sample, label)
    assert (found.formula, found.amount) == (formula, amount)


def maintenance(report: BudgetReport):
    return next(ln for ln in report.lines if ln.category == "maintenance")


def test_maintenance_is_cost_times_20_percent_per_year(sample: BudgetReport) -> None:
    assert (maintenance(sample).formula, maintenance(sample).amount) == \
        ("9,000 × 20% ÷ 12 × 6", 900)


def test_maintenance_is_the_contract_fee_when_given(check: Checker) -> None:
    text = edit(sample_text(), ("cost: 9000, months: 6,", "cost: 9000, months: 6, contract_fee: 333,"))
    fee = maintenance(budget_of(check, text))
    assert (fee.formula, fee.amount, fee.amounts.subsidy) == ("333", 333, 133)


def test_amounts_are_rounded_half_up_once(check: Checker) -> None:
    text = edit(sample_text(), ("quantity: 40, unit_price: 3.5", "quantity: 1, unit_price: 2.5"))
    found = line(budget_of(check, text), "溫度感測器模組")
    # 2.5 → 3 (half-up, not banker's 2); subsidy 3 × 40% = 1.2 → 1; self-funding 3 − 1.
    assert (found.amount, found.amounts.subsidy, found.amounts.self_funding) == (3, 1, 2)


def test_new_hire_at_100_percent_lifts_subsidy_by_an_uplift(sample: BudgetReport) -> None:
    hire = line(sample, "待聘")
    assert (hire.rate, hire.default_rate, hire.amounts.subsidy, hire.uplift) == (100, 40, 840, 504)
    assert sample.uplift == 504
    assert sample.base_subsidy_pct == Decimal("40.0")   # (5,740 − 504) ÷ 13,090


def test_rate_falls_back_from_line_to_unit_to_plan(check: Checker) -> None:
    text = edit(sample_text(), ("  units:\n    HJ:\n", "  units:\n    HJ:\n      subsidy_rate: 30\n"))
    report = budget_of(check, text)
    assert line(report, "林志明").rate == 30
    assert line(report, "林志明").rate_ptr == "/budget/units/HJ/subsidy_rate"
    assert line(report, "待聘").rate == 100
    assert line(budget_of(check, sample_text()), "林志明").rate_ptr == "/budget/subsidy_rate"


def test_years_follow_work_items_and_sum_to_each_line(sample: BudgetReport) -> None:
    assert [(y.number, str(y.start), str(y.end)) for y in sample.years] == [
        (1, "2016-07-01", "2017-06-30"), (2, "2017-07-01", "2018-06-30")]
    # 委託研究 runs in months 8–16: 5 of its 9 months fall in year 1.
    research = line(sample, "熱變位預測模型獨立驗證")
    assert [(y.subsidy, y.self_funding) for y in research.years] == [(222, 333), (178, 267)]
    # P01's effort is 4 person-months in each year (A1 1, A2 2, B1 6/9, B2 3/9 in year 1).
    assert [y.total for y in line(sample, "林志明").years] == [600, 600]
    assert [y.table.amounts.total for y in sample.years] == [7332, 5758]


def test_a_line_without_months_is_spread_evenly(check: Checker) -> None:
    text = edit(sample_text(), ("trips: 1, people: 2, cost_per_trip: 120, work_item: C2",
                                "trips: 1, people: 2, cost_per_trip: 120"))
    assert [y.total for y in line(budget_of(check, text), "參加德國 EMO").years] == [120, 120]


def test_a_36_month_plan_has_three_years(check: Checker) -> None:
    report = budget_of(check, edit(sample_text(), ("  months: 24", "  months: 36")))
    assert [(y.first_month, y.last_month) for y in report.years] == [(1, 12), (13, 24), (25, 36)]


def _assert_sums(table: Table) -> None:
    """Assert that every row is the sum of its lines, every group of its rows, the total of all."""
    for group in table.groups:
        assert group.amounts == sum((r.amounts for r in group.rows), Amounts())
    assert table.amounts == sum((g.amounts for g in table.groups), Amounts())


def test_every_total_is_the_sum_of_its_rows(sample: BudgetReport) -> None:
    _assert_sums(sample.table)
    for year in sample.years:
        _assert_sums(year.table)
    for unit in sample.units:
        _assert_sums(unit.table)
    assert sum((y.table.amounts for y in sample.years), Amounts()) == sample.amounts
    for ln in sample.lines:
        assert sum(y.total for y in ln.years) == ln.amount
        assert sum(y.subsidy for y in ln.years) == ln.amounts.subsidy
    rows = [r for g in sample.table.groups for r in g.rows]
    assert all(r.amounts.total == sum(ln.amount for ln in r.lines) for r in rows)
