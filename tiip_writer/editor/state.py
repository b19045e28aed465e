"""What the page shows after each edit: the data, the findings, the budget and computed values.

Everything here comes from the same CheckResult `tiip check` and `tiip budget` print, so the
page cannot disagree with the command line.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.editor.session import EditSession
from tiip_writer.foundation.diagnostics import Diagnostic
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.report.budget_json import budget_json
from tiip_writer.rules import Context, measures


def page_state(session: EditSession, lang: str) -> dict[str, Any]:
    """Return the JSON the page renders: file status, data, findings, budget, computed values."""
    result = session.result
    return {
        "file": session.display,
        "dirty": session.dirty,
        "changed_on_disk": session.changed_on_disk(),
        "can_undo": bool(session.undo_stack),
        "can_redo": bool(session.redo_stack),
        "data": result.source.data,
        "findings": [finding_json(d, lang) for d in result.diagnostics],
        "budget": budget_state(result, session.display),
        "computed": computed_values(result, lang),
        "length_limits": dict(result.ruleset.data.get("length_limits", {}))
        if result.ruleset else {},
    }


def finding_json(d: Diagnostic, lang: str) -> dict[str, Any]:
    """Return one finding as the page shows it (the text is the user's language)."""
    return {"rule": d.rule, "severity": d.severity.value, "message": d.message.get(lang),
            "hint": d.hint.get(lang) if d.hint else None, "citation": d.citation,
            "line": d.line, "column": d.column, "pointer": d.pointer}


def budget_state(result: CheckResult, file: str) -> dict[str, Any] | None:
    """Return `tiip budget --format json` for the current text, or None when it cannot be
    computed (the findings say why)."""
    if result.budget is None or result.ruleset is None or result.proposal is None:
        return None
    limits = measures(Context(result.proposal, result.budget, result.ruleset), prefix="budget.")
    data = budget_json(result.budget, result.proposal, result.ruleset, file, limits)
    # The page shows each limit as the terminal does: figure, limit, pass or fail.
    for item, (_entry, measure) in zip(data["limits"], limits):
        item["figure_text"] = {lang: measure.figure_text(lang) for lang in ("zh", "en")}
        item["limit_text"] = {lang: measure.limit_text(lang) for lang in ("zh", "en")}
        item["label"] = {"zh": measure.label.zh.rstrip(":："), "en": measure.label.en.rstrip(":")}
        # The amounts behind a ratio: a label that leads into its figure reads whole with them.
        item["detail"] = ({lang: measure.detail.get(lang).strip() for lang in ("zh", "en")}
                          if measure.detail else None)
    return data


def computed_values(result: CheckResult, lang: str) -> dict[str, str]:
    """Return pointer → the value the tool computes there, shown beside what the user typed."""
    en = lang == "en"
    out: dict[str, str] = {}
    data = result.source.data if isinstance(result.source.data, dict) else {}
    if result.budget is not None:
        for line in result.budget.lines:
            a = line.amounts
            # Two lines: the amount, then its split (the page wraps the column there).
            out[line.ptr] = (f"{line.formula} = {fmt_num(a.total)}\n" +
                             (f"subsidy {fmt_num(a.subsidy)}, self {fmt_num(a.self_funding)}"
                              if en else
                              f"補助 {fmt_num(a.subsidy)}、自籌 {fmt_num(a.self_funding)}"))
        for unit in result.budget.units:
            a = unit.table.amounts
            out[f"/budget/units/{unit.id}"] = (
                f"total {fmt_num(a.total)}, subsidy {fmt_num(a.subsidy)} ({a.subsidy_pct}%)" if en
                else f"合計 {fmt_num(a.total)}，補助 {fmt_num(a.subsidy)}（{a.subsidy_pct}%）")
    if result.proposal is not None:
        end = result.proposal.end_date.isoformat()
        out["/period"] = f"ends {end}" if en else f"迄日 {end}"
    for index, person in enumerate(_list(data.get("team"))):
        effort = person.get("effort") if isinstance(person, dict) else None
        if isinstance(effort, dict):
            total = sum((_number(v) for v in effort.values()), Decimal(0))
            out[f"/team/{index}"] = (f"{fmt_num(total)} person-months" if en
                                     else f"合計 {fmt_num(total)} 人月")
    weights = [_number(item.get("weight")) for plan in _list(data.get("work"))
               if isinstance(plan, dict) for item in _list(plan.get("items"))
               if isinstance(item, dict)]
    if weights:
        out["/work"] = f"weights sum to {fmt_num(sum(weights))}" if en \
            else f"權重合計 {fmt_num(sum(weights))}"
    checkpoint_weights = [_number(c.get("weight")) for c in _list(data.get("checkpoints"))
                          if isinstance(c, dict)]
    if checkpoint_weights:
        total = fmt_num(sum(checkpoint_weights))
        out["/checkpoints"] = f"weights sum to {total}" if en else f"權重合計 {total}"
    return out


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _number(value: Any) -> Decimal:
    """Return a typed number exactly (0 for anything that is not one: the check reports it)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return Decimal(0)
    return Decimal(str(value))
