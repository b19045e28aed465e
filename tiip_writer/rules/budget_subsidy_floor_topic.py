"""budget.subsidy-floor-topic: a Top-down (主題式) plan is subsidised at least 40%
(配套措施 2：補助比率一律40%以上，仍不超過總經費之50%); the 50% ceiling is budget.subsidy-cap."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.budget.money import exact_percent
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import PERCENT, Context, Measure, Rule, limit_text, ratio
from tiip_writer.rules.facts import SUBSIDY_RATE


def measure(ctx: Context) -> Iterator[Measure]:
    """Return subsidy ÷ total of a Top-down plan against the floor."""
    if not ctx.proposal.is_topdown:
        return
    amounts = ctx.budget.amounts
    yield Measure(
        Text("主題式計畫補助款占總經費", "subsidy of a Top-down plan as a share of the total:"),
        amounts.subsidy_pct, ">=", ctx.rs.num("subsidy_floor_topic"), PERCENT, SUBSIDY_RATE,
        ratio(amounts.subsidy, amounts.total), exact=exact_percent(amounts.subsidy, amounts.total))


RULE = Rule(
    id="budget.subsidy-floor-topic",
    title=Text("主題式計畫補助比率下限", "minimum subsidy share of a Top-down plan"),
    measure=measure, threshold=limit_text(">=", "subsidy_floor_topic", PERCENT))
