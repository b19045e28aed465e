"""budget.outsourcing-cap: intangible-asset and commissioned-research costs together are at most
40% of the total (無形資產引進及委託研究之經費合計，以不超過計畫總經費40%為原則).

The categories summed are the rule set's `outsourcing_categories`; the finding points at the
largest of their lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.budget.money import exact_percent, percent
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import PERCENT, Context, Measure, Rule, limit_text, ratio
from tiip_writer.source.positions import join_pointer


def measure(ctx: Context) -> Iterator[Measure]:
    """Return (intangible assets + commissioned research) ÷ total against the cap."""
    keys = tuple(ctx.rs.items("outsourcing_categories"))
    lines = [line for line in ctx.budget.lines if line.category in keys]
    amount = sum(line.amount for line in lines)
    largest = max(lines, key=lambda line: line.amount, default=None)
    pointer = join_pointer(largest.ptr, "amount") if largest else ctx.proposal.budget.ptr
    yield Measure(
        Text("無形資產引進費與委託研究費合計占總經費",
             "intangible assets and commissioned research as a share of the total budget:"),
        percent(amount, ctx.budget.total), "<=", ctx.rs.num("outsourcing_cap"), PERCENT, pointer,
        ratio(amount, ctx.budget.total),
        Text("技術引進與委託研究不宜取代公司自身的研發；請減少其金額或增加自行研發的經費",
             "bought-in technology and commissioned research should not replace the company's "
             "own R&D; reduce them"), exact=exact_percent(amount, ctx.budget.total))


RULE = Rule(
    id="budget.outsourcing-cap",
    title=Text("無形資產引進及委託研究經費上限",
               "maximum share of intangible assets and commissioned research"),
    measure=measure, threshold=limit_text("<=", "outsourcing_cap", PERCENT))
