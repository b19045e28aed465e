"""writing.market-size: the market need is quantified (計畫書撰寫技巧 市場需求: 依此數據合理評估
市場需求，透過數據支持商品的市場性).

At least one entry of market.figures must carry a value other than zero (a fresh `tiip new`
scaffold has one figure with value 0).
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when no market figure has a value."""
    figures = ctx.proposal.market.figures
    if any(f.value != 0 for f in figures):
        return
    pointer = ctx.proposal.market.ptr + "/figures"
    yield Finding(pointer, Text(
        "市場需求沒有量化：market.figures 沒有任何非零的市場數據",
        "the market need is not quantified: market.figures holds no non-zero figure"), Text(
        "至少列出一筆市場規模或需求數據（label、value、unit），並註明來源與資料時間",
        "list at least one market size or demand figure (label, value, unit) with its source "
        "and date"), at_key=True)


RULE = Rule(
    id="writing.market-size",
    title=Text("市場需求有量化數據", "the market need is quantified"),
    check=check,
    about="計畫書撰寫技巧要求以數據評估市場需求、支持商品的市場性。本規則檢查 market.figures 至少"
          "有一筆數值不為 0 的市場數據（例如全球市場規模、國內需求量）。")
