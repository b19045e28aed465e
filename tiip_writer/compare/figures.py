"""The computed figures of a proposal, flat and named, so two versions can be compared.

Every figure a reviewer reads off the budget tables: each line's amount, each 會計科目 and
its rows, each unit, each plan year, the plan's subsidy and self-funding with their shares,
and person-months (the plan's, each unit's and each person's). Money is integer NT$
thousands, shares are one-decimal percentages, as the tables print them.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from tiip_writer.budget import BudgetReport
from tiip_writer.budget.report import Amounts
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.model import Proposal

THOUSANDS = Text("千元", "thousand NT$")
PERCENT = Text("%", "%")
PERSON_MONTHS = Text("人月", "person-months")


@dataclass(frozen=True)
class Figure:
    """One computed figure: a stable key, what it is, its value and unit."""

    key: str
    label: Text
    value: int | Decimal
    unit: Text


def figures(proposal: Proposal, budget: BudgetReport) -> dict[str, Figure]:
    """Return the proposal's computed figures by key, in the order the tables show them."""
    return {f.key: f for f in _all(proposal, budget)}


def _all(proposal: Proposal, budget: BudgetReport) -> Iterator[Figure]:
    counts: dict[str, int] = {}
    for line in budget.lines:
        base = f"line/{line.unit}/{line.category}/{line.label}"
        counts[base] = counts.get(base, 0) + 1
        key = base if counts[base] == 1 else f"{base}#{counts[base]}"
        label = Text(f"{line.row}「{line.label}」", f"{line.row} '{line.label}'")
        yield from _amounts(key, label, line.amounts)
    for group in budget.table.groups:
        for row in group.rows:
            if len(group.rows) > 1:
                label = Text(f"{group.name}－{row.label}", f"{group.name_en} – {row.label_en}")
                yield from _amounts(f"row/{row.category}/{row.label}", label, row.amounts)
        yield from _amounts(f"group/{group.name}", Text(group.name, group.name_en), group.amounts)
    yield from _amounts("plan", Text("計畫總經費", "plan budget"), budget.amounts)
    yield Figure("plan/subsidy_pct", Text("補助款占總經費", "subsidy share"),
                 budget.amounts.subsidy_pct, PERCENT)
    yield Figure("plan/self_funding_pct", Text("自籌款占總經費", "self-funding share"),
                 budget.amounts.self_funding_pct, PERCENT)
    for year in budget.years:
        label = Text(f"第 {year.number} 年度", f"plan year {year.number}")
        yield from _amounts(f"year/{year.number}", label, year.table.amounts)
    if len(budget.units) > 1:
        for unit in budget.units:
            yield from _amounts(f"unit/{unit.id}", Text(unit.name, unit.name), unit.table.amounts)
            yield Figure(f"unit/{unit.id}/share", Text(f"{unit.name}占總經費",
                                                       f"{unit.name} share"), unit.share, PERCENT)
            yield Figure(f"unit/{unit.id}/person_months", Text(f"{unit.name}人月數",
                         f"{unit.name} person-months"), unit.person_months, PERSON_MONTHS)
    yield Figure("plan/person_months", Text("總人月數", "total person-months"),
                 budget.person_months, PERSON_MONTHS)
    for person in proposal.team:
        name = person.name or f"待聘（{person.title}）"
        total = sum(person.effort.values(), Decimal(0))
        yield Figure(f"person/{person.id}", Text(f"{name}投入人月", f"{name} person-months"),
                     total, PERSON_MONTHS)


def _amounts(key: str, label: Text, amounts: Amounts) -> Iterator[Figure]:
    yield Figure(f"{key}/total", Text(f"{label.zh} 合計", f"{label.en} total"), amounts.total,
                 THOUSANDS)
    yield Figure(f"{key}/subsidy", Text(f"{label.zh} 補助款", f"{label.en} subsidy"),
                 amounts.subsidy, THOUSANDS)
    yield Figure(f"{key}/self_funding", Text(f"{label.zh} 自籌款", f"{label.en} self-funding"),
                 amounts.self_funding, THOUSANDS)
