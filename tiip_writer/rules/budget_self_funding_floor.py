"""budget.self-funding-floor: self-funding (自籌款) is at least 50% of the total, 60% in an
industry+academia plan (計畫預算科目；產學：廠商出資自籌款之比率不得低於60%).

Self-funding share = 100% − subsidy share, so the two always read as 100.0% together.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.budget.money import exact_percent
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_limit
from tiip_writer.rules.base import PERCENT, Context, Measure, Rule, ratio
from tiip_writer.rules.facts import SUBSIDY_RATE, is_academia_plan
from tiip_writer.ruleset import RuleSet


def measure(ctx: Context) -> Iterator[Measure]:
    """Return self-funding ÷ total against the floor for the plan's kind."""
    academia = is_academia_plan(ctx.proposal)
    floor = ctx.rs.num("self_funding_floor_academia" if academia else "self_funding_floor")
    amounts = ctx.budget.amounts
    yield Measure(
        Text("自籌款占總經費", "self-funding as a share of the total budget:"),
        amounts.self_funding_pct, ">=", floor, PERCENT, SUBSIDY_RATE,
        ratio(amounts.self_funding, amounts.total),
        exact=exact_percent(amounts.self_funding, amounts.total))


def _threshold(rs: RuleSet) -> Text:
    plain, academia = fmt_limit(rs.num("self_funding_floor")), \
        fmt_limit(rs.num("self_funding_floor_academia"))
    return Text(f"≥ {plain}%（產學 ≥ {academia}%）",
                f"≥ {plain}% (industry+academia ≥ {academia}%)")


RULE = Rule(
    id="budget.self-funding-floor",
    title=Text("自籌款占總經費比率下限", "minimum self-funding share of the total budget"),
    measure=measure, threshold=_threshold)
