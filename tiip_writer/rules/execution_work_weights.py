"""execution.work-weights: work-item weights sum to 100% (預定進度表：累計進度% 止於 100).

Not in the first catalogue; added because the Gantt chart's cumulative row is wrong otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.rules.base import Context, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when the work-item weights do not total 100."""
    total = sum((item.weight for item in ctx.proposal.work_items), Decimal(0))
    if total != 100:
        yield Finding(
            "/work",
            Text(f"工作項目權重合計 {fmt_num(total)}%，應為 100%",
                 f"work-item weights total {fmt_num(total)}%; they must total 100%"),
            at_key=True)


RULE = Rule(
    id="execution.work-weights",
    title=Text("工作項目權重合計 100%", "work-item weights sum to 100%"),
    check=check, threshold=lambda rs: Text("= 100%", "= 100%"))
