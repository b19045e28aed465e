"""The JSON of `tiip budget --format json`: a BudgetReport and its limits (docs/json-format.md)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tiip_writer.budget.report import Amounts, BudgetLine, BudgetReport, Table
from tiip_writer.model import Proposal
from tiip_writer.report.check_json import ruleset_source_json
from tiip_writer.rules.base import Measure
from tiip_writer.ruleset import RuleEntry, RuleSet

VERSION = 1


def number(value: Decimal | int) -> int | float:
    """Return a Decimal as a JSON number: an int when whole, else a float (43.9)."""
    return int(value) if value == int(value) else float(value)


def amounts_json(amounts: Amounts) -> dict[str, Any]:
    """Return subsidy, self-funding, total, their shares, and the subsidy by funder."""
    return {"subsidy": amounts.subsidy, "self_funding": amounts.self_funding,
            "total": amounts.total, "subsidy_pct": number(amounts.subsidy_pct),
            "self_funding_pct": number(amounts.self_funding_pct),
            "subsidy_moea": amounts.subsidy_moea, "subsidy_most": amounts.subsidy_most,
            "subsidy_moea_pct": number(amounts.subsidy_moea_pct),
            "subsidy_most_pct": number(amounts.subsidy_most_pct)}


def table_json(table: Table, index: dict[str, int]) -> dict[str, Any]:
    """Return a 經費需求總表; rows name their lines by index into the top-level `lines`."""
    return {**amounts_json(table.amounts), "groups": [
        {"name": g.name, "name_en": g.name_en, "share": number(g.share), **amounts_json(g.amounts),
         "rows": [{"category": r.category, "label": r.label, "label_en": r.label_en,
                   "share": number(r.share), **amounts_json(r.amounts),
                   "lines": [index[line.ptr] for line in r.lines]} for r in g.rows]}
        for g in table.groups]}


def line_json(line: BudgetLine) -> dict[str, Any]:
    """Return one line with its inputs, formula, figures and per-year split."""
    inputs = {k: number(v) if isinstance(v, (int, Decimal)) else v for k, v in line.inputs}
    return {"unit": line.unit, "category": line.category, "group": line.group, "row": line.row,
            "index": line.index, "pointer": line.ptr, "label": line.label, "inputs": inputs,
            "formula": line.formula, "amount": line.amount, "subsidy": line.amounts.subsidy,
            "self_funding": line.amounts.self_funding, "subsidy_most": line.amounts.subsidy_most,
            "rate": number(line.rate),
            "uplift": line.uplift, "person_months": number(line.person_months),
            "work_item": line.work_item,
            "years": [{"subsidy": y.subsidy, "self_funding": y.self_funding, "total": y.total,
                       "subsidy_most": y.subsidy_most} for y in line.years]}


def limit_json(entry: RuleEntry, measure: Measure) -> dict[str, Any]:
    """Return one figure beside its limit."""
    return {"rule": entry.id, "severity": entry.severity,
            "label": {"zh": measure.label.zh, "en": measure.label.en.rstrip(":")},
            "figure": number(measure.figure), "op": measure.op, "limit": number(measure.limit),
            "unit": measure.unit.en.strip(), "ok": measure.ok, "blank": measure.blank,
            "pointer": measure.pointer}


def budget_json(report: BudgetReport, proposal: Proposal, rs: RuleSet, file: str,
                limits: list[tuple[RuleEntry, Measure]]) -> dict[str, Any]:
    """Return the whole budget: totals, tables per plan, year and unit, lines and limits."""
    index = {line.ptr: i for i, line in enumerate(report.lines)}
    return {
        "version": VERSION, "file": file, "ruleset": rs.year,
        "ruleset_source": ruleset_source_json(rs), "currency": "TWD",
        "unit": "thousand", "academia": report.academia,
        "period": {"start": proposal.period.start.isoformat(),
                   "end": proposal.end_date.isoformat(), "months": proposal.period.months},
        "person_months": number(report.person_months),
        "table": table_json(report.table, index),
        "years": [{"number": y.number, "start": y.start.isoformat(), "end": y.end.isoformat(),
                   "first_month": y.first_month, "last_month": y.last_month,
                   "table": table_json(y.table, index)} for y in report.years],
        "units": [{"id": u.id, "name": u.name, "kind": u.kind, "share": number(u.share),
                   "person_months": number(u.person_months),
                   "table": table_json(u.table, index),
                   "years": [table_json(t, index) for t in u.years]} for u in report.units],
        "lines": [line_json(line) for line in report.lines],
        "limits": [limit_json(entry, m) for entry, m in limits],
    }
