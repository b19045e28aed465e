"""Compute the BudgetReport of a proposal under a programme-year rule set (pure functions)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from tiip_writer.budget.formulas import FORMULAS
from tiip_writer.budget.money import apportion, percent, round_half_up
from tiip_writer.budget.report import (
    Amounts,
    BudgetLine,
    BudgetReport,
    Group,
    PlanYear,
    Row,
    Table,
    UnitReport,
)
from tiip_writer.budget.years import plan_years, year_weights
from tiip_writer.model.proposal import Budget, Person, Proposal, WorkItem
from tiip_writer.ruleset import Category, RuleSet
from tiip_writer.source.positions import join_pointer

# Personnel rows of the 經費需求總表, in the form's order (schema enum of team[].kind).
PERSON_KINDS: dict[str, str] = {"研發人員": "R&D staff", "顧問": "Consultants"}
UNIT_KINDS: dict[str, str] = {"學界": "academic", "法人": "institute"}
LINE_KEYS: tuple[str, ...] = tuple(FORMULAS)  # every category a UnitBudget can hold


def compute_budget(proposal: Proposal, rs: RuleSet) -> BudgetReport:
    """Return every line, table, plan year and unit of `proposal`'s budget."""
    lines = tuple(_lines(proposal, rs))
    categories = _categories(rs, lines)
    years = tuple(
        PlanYear(number, first, last, start, end, summarize(lines, categories, _year(number - 1)))
        for number, first, last, start, end in plan_years(proposal.period.start,
                                                          proposal.period.months))
    table = summarize(lines, categories, _whole)
    units = tuple(_unit(proposal, unit_id, lines, categories, len(years), table.amounts.total)
                  for unit_id in proposal.budget.units)
    return BudgetReport(lines=lines, table=table, years=years, units=units,
                        person_months=sum((line.person_months for line in lines), Decimal(0)),
                        academia=any(p.kind == "學界" for p in proposal.applicants.partners))


def summarize(lines: tuple[BudgetLine, ...], categories: tuple[Category, ...],
              pick: Callable[[BudgetLine], Amounts]) -> Table:
    """Return the 經費需求總表 of `lines`, taking each line's figures with `pick`."""
    total = sum((pick(line) for line in lines), Amounts())
    by_row: dict[tuple[str, str], list[BudgetLine]] = defaultdict(list)  # one pass over lines
    for line in lines:
        by_row[(line.category, line.row)].append(line)
    groups = []
    for name in dict.fromkeys(c.group for c in categories):
        members = [c for c in categories if c.group == name]
        rows = []
        for category in members:
            labels = PERSON_KINDS if category.rows_by == "person_kind" else {
                category.label: category.label_en}
            for label, label_en in labels.items():
                chosen = tuple(by_row.get((category.key, label), ()))
                amounts = sum((pick(ln) for ln in chosen), Amounts())
                rows.append(Row(category.key, label, label_en, amounts,
                                percent(amounts.total, total.total), chosen))
        amounts = sum((row.amounts for row in rows), Amounts())
        groups.append(Group(name, members[0].group_en, amounts,
                            percent(amounts.total, total.total), tuple(rows)))
    return Table(groups=tuple(groups), amounts=total)


def unit_kind(proposal: Proposal, unit_id: str) -> tuple[str, str]:
    """Return (name, kind) of the applicant `unit_id`; kind is company/academic/institute/unknown."""
    for company in proposal.applicants.companies:
        if company.id == unit_id:
            return company.name, "company"
    for partner in proposal.applicants.partners:
        if partner.id == unit_id:
            return partner.name, UNIT_KINDS.get(partner.kind, "unknown")
    return unit_id, "unknown"


def default_rate(budget: Budget, unit_id: str, kind: str) -> tuple[Decimal, str]:
    """Return a unit's subsidy rate and where it is set: unit rate, institute 0, or plan rate."""
    unit = budget.units[unit_id]
    if unit.subsidy_rate is not None:
        return unit.subsidy_rate, join_pointer(unit.ptr, "subsidy_rate")
    if kind == "institute":
        return Decimal(0), ""  # 產研：法人僅編列自籌款
    return budget.subsidy_rate, join_pointer(budget.ptr, "subsidy_rate")


def premium_eligible(proposal: Proposal, person: Person | None, unit_id: str) -> bool:
    """Return True for a new master/PhD hire, or an SME's new international R&D hire (配套措施 3/4)."""
    if person is None:
        return False
    if person.new_hire:
        return True
    company = next((c for c in proposal.applicants.companies if c.id == unit_id), None)
    return person.international and company is not None and company.sme


def _lines(proposal: Proposal, rs: RuleSet) -> Iterator[BudgetLine]:
    persons = {p.id: p for p in proposal.team}
    items = {i.code: i for i in proposal.work_items}
    years = [(first, last) for _n, first, last, _s, _e in plan_years(proposal.period.start,
                                                                      proposal.period.months)]
    keys = [c.key for c in rs.categories if c.key in LINE_KEYS]
    keys += [k for k in LINE_KEYS if k not in keys]
    for unit_id, unit in proposal.budget.units.items():
        for key in keys:
            for index, line in enumerate(getattr(unit, key)):
                person = persons.get(line.person) if key == "personnel" else None
                yield _line(proposal, rs, unit_id, key, index, line, person, items, years)


def _line(proposal: Proposal, rs: RuleSet, unit_id: str, key: str, index: int, line: Any,
          person: Person | None, items: dict[str, WorkItem],
          years: list[tuple[int, int]]) -> BudgetLine:
    formula = FORMULAS[key](line, rs)
    amount = round_half_up(formula.exact)
    kind = unit_kind(proposal, unit_id)[1]
    base_rate, base_ptr = default_rate(proposal.budget, unit_id, kind)
    own_rate = line.subsidy_rate
    rate, rate_ptr = ((own_rate, join_pointer(line.ptr, "subsidy_rate")) if own_rate is not None
                      else (base_rate, base_ptr))
    subsidy = round_half_up(amount * rate / 100)
    uplift = 0
    if rate > base_rate and premium_eligible(proposal, person, unit_id):
        uplift = subsidy - round_half_up(amount * base_rate / 100)
    # 科技部 pays a school's subsidy, 工業局 everyone else's: whole lines, so no extra rounding.
    from_most = kind == "academic"
    weights = year_weights(line, person, items, years)
    years = tuple(Amounts(s, f, s if from_most else 0)
                  for s, f in zip(apportion(subsidy, weights),
                                  apportion(amount - subsidy, weights)))
    category = rs.category(key) or _fallback(key)
    row = category.label
    if category.rows_by == "person_kind":
        row = person.kind if person and person.kind in PERSON_KINDS else next(iter(PERSON_KINDS))
    return BudgetLine(
        unit=unit_id, category=key, group=category.group, row=row, index=index, ptr=line.ptr,
        label=_label(key, line, person), inputs=formula.inputs, formula=formula.text,
        exact=formula.exact,
        amounts=Amounts(subsidy, amount - subsidy, subsidy if from_most else 0),
        rate=rate, rate_ptr=rate_ptr, default_rate=base_rate, uplift=uplift, years=years,
        person_months=line.person_months if key == "personnel" else Decimal(0),
        work_item=getattr(line, "work_item", None), source=line, weights=tuple(weights))


def _whole(line: BudgetLine) -> Amounts:
    return line.amounts


def _year(index: int) -> Callable[[BudgetLine], Amounts]:
    """Return a picker of a line's amounts in plan year `index` (0-based)."""
    return lambda line: line.years[index]


def _label(key: str, line: Any, person: Person | None) -> str:
    """Return what a line is, as a reader names it in a table."""
    if key == "personnel":
        if person is None:
            return line.person
        return _bracketed(person.name or "待聘", person.title)
    if key.startswith("travel"):
        return _bracketed(line.purpose, line.place)
    return str(line.item)


def _bracketed(name: str, note: str) -> str:
    """Return 「name（note）」, a bracket inside the note turned into a comma: the form never
    nests full-width brackets (「待聘（研究員（預診斷））」 → 「待聘（研究員，預診斷）」)."""
    flat = re.sub(r"（([^（）]*)）", r"，\1", note).strip("，")
    return f"{name}（{flat}）"


def _categories(rs: RuleSet, lines: tuple[BudgetLine, ...]) -> tuple[Category, ...]:
    """Return the year's categories plus any a line uses that the year does not list."""
    extra = [_fallback(k) for k in dict.fromkeys(ln.category for ln in lines) if not rs.category(k)]
    return rs.categories + tuple(extra)


def _fallback(key: str) -> Category:
    return Category(key=key, group=key, label=key, group_en=key, label_en=key)


def _unit(proposal: Proposal, unit_id: str, lines: tuple[BudgetLine, ...],
          categories: tuple[Category, ...], year_count: int, plan_total: int) -> UnitReport:
    name, kind = unit_kind(proposal, unit_id)
    own = tuple(line for line in lines if line.unit == unit_id)
    table = summarize(own, categories, _whole)
    years = tuple(summarize(own, categories, _year(i)) for i in range(year_count))
    return UnitReport(id=unit_id, name=name, kind=kind, table=table, years=years,
                      share=percent(table.amounts.total, plan_total),
                      person_months=sum((line.person_months for line in own), Decimal(0)))
