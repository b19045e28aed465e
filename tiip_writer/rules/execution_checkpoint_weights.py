"""execution.checkpoint-weights: checkpoint weights sum to 100% (查核點說明：權重合計 100)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.rules.base import Context, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when the checkpoint weights do not total 100."""
    total = sum((cp.weight for cp in ctx.proposal.checkpoints), Decimal(0))
    if total != 100:
        yield Finding(
            "/checkpoints",
            Text(f"查核點權重合計 {fmt_num(total)}%，應為 100%",
                 f"checkpoint weights total {fmt_num(total)}%; they must total 100%"),
            at_key=True)


RULE = Rule(
    id="execution.checkpoint-weights",
    title=Text("查核點權重合計 100%", "checkpoint weights sum to 100%"),
    check=check, threshold=lambda rs: Text("= 100%", "= 100%"))
