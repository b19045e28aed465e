"""The computed budget as one documented object, `BudgetReport`, for rules, CLI and Word builder.

All money is integer NT$ thousands (千元); percentages are Decimal with one decimal. Each table
(the whole plan, one unit, one plan year) has the same shape: groups (會計科目) with rows
(subcategories), and every total is the sum of the rows below it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tiip_writer.budget.money import percent
from tiip_writer.foundation.records import dataclass


@dataclass(frozen=True)
class Amounts:
    """A pair of integer figures: 補助款 (subsidy) and 自籌款 (self-funding); `total` is their sum.

    `subsidy_most` is the part of `subsidy` that 科技部 (MOST) pays: in an industry+academia plan
    the schools' subsidy (產學共同提案經費編列方式); the rest, `subsidy_moea`, is 工業局's.
    """

    subsidy: int = 0
    self_funding: int = 0
    subsidy_most: int = 0

    @property
    def total(self) -> int:
        """Return subsidy + self-funding (合計)."""
        return self.subsidy + self.self_funding

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.subsidy + other.subsidy, self.self_funding + other.self_funding,
                       self.subsidy_most + other.subsidy_most)

    @property
    def subsidy_moea(self) -> int:
        """Return the subsidy that 工業局 (MOEA) pays: all of it but the schools' part."""
        return self.subsidy - self.subsidy_most

    @property
    def subsidy_moea_pct(self) -> Decimal:
        """Return the 工業局 subsidy ÷ total in % (one decimal)."""
        return percent(self.subsidy_moea, self.total)

    @property
    def subsidy_most_pct(self) -> Decimal:
        """Return the 科技部 subsidy ÷ total in % (one decimal)."""
        return percent(self.subsidy_most, self.total)

    @property
    def subsidy_pct(self) -> Decimal:
        """Return subsidy ÷ total in % (one decimal)."""
        return percent(self.subsidy, self.total)

    @property
    def self_funding_pct(self) -> Decimal:
        """Return 100 − subsidy_pct, so the pair always reads as 100.0% together."""
        return Decimal("100.0") - self.subsidy_pct if self.total else Decimal("0.0")


@dataclass(frozen=True)
class BudgetLine:
    """One budget line with its inputs, formula, rounded amounts and split across plan years."""

    unit: str                # budget.units key (an applicant id)
    category: str            # rule-set category key, e.g. "equipment_new"
    group: str               # 會計科目, e.g. "研發設備使用費"
    row: str                 # row under the group, e.g. "新購設備"; personnel: "研發人員"/"顧問"
    index: int               # position in budget.units.<unit>.<category>
    ptr: str                 # JSON pointer of the line in the YAML
    label: str               # what the line is: the item, the person, the trip purpose
    inputs: tuple[tuple[str, Any], ...]  # formula inputs as (YAML key, value), in formula order
    formula: str             # the arithmetic as a reader checks it, e.g. "1,800 × 1 ÷ 60 × 20"
    exact: Fraction          # the formula's result before rounding
    amounts: Amounts         # amount rounded half-up once; subsidy = round(amount × rate);
                             # subsidy_most = the whole subsidy of a school's line, else 0
    rate: Decimal            # subsidy rate in % applied to this line
    rate_ptr: str            # pointer of the value that set `rate` ("" for an institute's 0)
    default_rate: Decimal    # the rate the line would have without its own subsidy_rate
    uplift: int              # subsidy above default_rate on a 100%-eligible new-hire line
    years: tuple[Amounts, ...]  # per plan year; sums to `amounts`
    person_months: Decimal   # personnel lines: person_months; other lines 0
    work_item: str | None    # work-item code the line names (personnel: None)
    source: Any              # the model line (PersonnelLine, ConsumableLine, …) for detail tables
    weights: tuple[Fraction, ...] = ()  # its weight per plan year; `years` apportions by these

    @property
    def amount(self) -> int:
        """Return the line's amount (合計)."""
        return self.amounts.total


@dataclass(frozen=True)
class Row:
    """One row of a 經費需求總表: a subcategory within its group."""

    category: str
    label: str
    label_en: str
    amounts: Amounts
    share: Decimal           # % of the table's total
    lines: tuple[BudgetLine, ...]


@dataclass(frozen=True)
class Group:
    """One 會計科目 of a 經費需求總表 with its rows (shown under a merged cell when > 1)."""

    name: str
    name_en: str
    amounts: Amounts
    share: Decimal
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    """A 經費需求總表: every group of the year's rule set (zero rows included) and the total."""

    groups: tuple[Group, ...]
    amounts: Amounts

    def group(self, name: str) -> Group | None:
        """Return the group called `name` (e.g. "人事費"), or None."""
        return next((g for g in self.groups if g.name == name), None)


@dataclass(frozen=True)
class PlanYear:
    """A 12-month plan year counted from the start date (the last one may be shorter)."""

    number: int              # 1, 2, 3
    first_month: int         # plan month numbers, 1-based, inclusive
    last_month: int
    start: dt.date
    end: dt.date
    table: Table


@dataclass(frozen=True)
class UnitReport:
    """One budget unit (a company, school or institute) with its own tables."""

    id: str
    name: str
    kind: str                # "company" | "academic" | "institute" | "unknown"
    table: Table
    years: tuple[Table, ...]
    share: Decimal           # the unit's total as % of the plan total
    person_months: Decimal


@dataclass(frozen=True)
class BudgetReport:
    """The whole budget: lines, the plan's table, per-year and per-unit tables, key ratios."""

    lines: tuple[BudgetLine, ...]
    table: Table
    years: tuple[PlanYear, ...]
    units: tuple[UnitReport, ...]
    person_months: Decimal
    academia: bool = False   # an industry+academia plan: subsidy split into 工業局 and 科技部

    @property
    def amounts(self) -> Amounts:
        """Return the plan's total subsidy and self-funding."""
        return self.table.amounts

    @property
    def total(self) -> int:
        """Return the plan's total budget (總經費)."""
        return self.table.amounts.total

    @property
    def uplift(self) -> int:
        """Return the subsidy that 100%-eligible new-hire lines add above their default rate."""
        return sum(line.uplift for line in self.lines)

    @property
    def base_subsidy_pct(self) -> Decimal:
        """Return (subsidy − uplift) ÷ total in %: the ratio the 40% cap is compared with."""
        return percent(self.amounts.subsidy - self.uplift, self.total)

    def category_total(self, keys: tuple[str, ...]) -> int:
        """Return the summed amount of every line in the categories `keys`."""
        return sum(line.amount for line in self.lines if line.category in keys)

    def unit(self, unit_id: str) -> UnitReport | None:
        """Return the unit `unit_id`, or None."""
        return next((u for u in self.units if u.id == unit_id), None)

    def units_of(self, kind: str) -> tuple[UnitReport, ...]:
        """Return the units of `kind` ("company", "academic", "institute")."""
        return tuple(u for u in self.units if u.kind == kind)

    def kind_amounts(self, kind: str) -> Amounts:
        """Return the summed amounts of every unit of `kind`."""
        return sum((u.table.amounts for u in self.units_of(kind)), Amounts())
