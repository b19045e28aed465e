"""budget.subsidy-cap: subsidy (補助款) is at most 50% of the total budget, whatever the plan
(計畫補助款最高為計畫總經費之50%; 配套措施 3/4: even with 100%-subsidised new hires).

The ratio counts every line's subsidy, including 100% new-hire lines; rule-set `subsidy_cap`.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.budget.money import exact_percent
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import PERCENT, Context, Measure, Rule, limit_text, ratio
from tiip_writer.rules.facts import SUBSIDY_RATE


def measure(ctx: Context) -> Iterator[Measure]:
    """Return total subsidy ÷ total budget against the cap."""
    amounts = ctx.budget.amounts
    yield Measure(
        Text("補助款占總經費", "subsidy as a share of the total budget:"), amounts.subsidy_pct,
        "<=", ctx.rs.num("subsidy_cap"), PERCENT, SUBSIDY_RATE,
        ratio(amounts.subsidy, amounts.total),
        Text("調低 budget.subsidy_rate 或個別明細的 subsidy_rate",
             "lower budget.subsidy_rate or the subsidy_rate of individual lines"),
        exact=exact_percent(amounts.subsidy, amounts.total))


RULE = Rule(
    id="budget.subsidy-cap",
    title=Text("補助款占總經費比率上限", "maximum subsidy share of the total budget"),
    measure=measure, threshold=limit_text("<=", "subsidy_cap", PERCENT))
