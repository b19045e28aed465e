"""period.max-duration: the plan lasts at most 36 months (each plan type: 「以3年為限」).

The limit is the rule set's `max_months`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import MONTHS, Context, Measure, Rule, limit_text
from tiip_writer.source.positions import join_pointer


def measure(ctx: Context) -> Iterator[Measure]:
    """Return the plan's months against the maximum."""
    period = ctx.proposal.period
    yield Measure(Text("計畫期程", "the plan period is"), Decimal(period.months), "<=",
                  ctx.rs.num("max_months"), MONTHS, join_pointer(period.ptr, "months"))


RULE = Rule(
    id="period.max-duration",
    title=Text("計畫期程上限", "maximum plan duration"),
    measure=measure, threshold=limit_text("<=", "max_months", MONTHS))
