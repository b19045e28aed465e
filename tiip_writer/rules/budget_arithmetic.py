"""budget.arithmetic: every figure the proposal states equals the computed one — each line's
optional `amount` against its formula, and budget.declared's total, subsidy and self-funding.

A stated line amount passes when it rounds half-up to the computed (rounded) amount, so a
spreadsheet's 1,199.6 for a formula giving 1,199.6 is not an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from tiip_writer.budget.money import round_half_up
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer

DECLARED = {"total": ("總經費", "total budget"), "subsidy": ("補助款", "subsidy"),
            "self_funding": ("自籌款", "self-funding")}


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each stated figure that differs from the computed one."""
    for line in ctx.budget.lines:
        stated = getattr(line.source, "amount", None)
        if stated is None or "amount" in dict(line.inputs):
            continue  # intangible assets and commissioned research state their amount as input
        if round_half_up(stated) != line.amount:
            yield Finding(
                join_pointer(line.ptr, "amount"),
                Text(f"自填金額 {fmt_num(stated)} 千元與公式計算 {line.formula} = "
                     f"{fmt_num(line.amount)} 千元不符",
                     f"the stated amount {fmt_num(stated)} differs from the formula "
                     f"{line.formula} = {fmt_num(line.amount)} (thousand NT$)"),
                Text("刪除 amount 讓工具計算，或修正公式的輸入值",
                     "delete amount and let the tool compute it, or fix the formula's inputs"))
    declared = ctx.proposal.budget.declared
    if declared is None:
        return
    computed = {"total": ctx.budget.total, "subsidy": ctx.budget.amounts.subsidy,
                "self_funding": ctx.budget.amounts.self_funding}
    for key, (zh, en) in DECLARED.items():
        total: Decimal | None = getattr(declared, key)
        if total is not None and total != computed[key]:
            yield Finding(
                join_pointer(declared.ptr, key),
                Text(f"自填{zh} {fmt_num(total)} 千元與各明細加總 {fmt_num(computed[key])} 千元不符",
                     f"the stated {en} {fmt_num(total)} differs from the sum of the lines, "
                     f"{fmt_num(computed[key])} (thousand NT$)"))


RULE = Rule(
    id="budget.arithmetic",
    title=Text("自填金額與計算結果一致", "stated figures equal the computed ones"),
    check=check, threshold=lambda rs: Text("完全相等", "exact"))
