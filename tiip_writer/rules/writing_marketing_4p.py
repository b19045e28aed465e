"""writing.marketing-4p: product, price, channel and promotion strategies are all present
(計畫書撰寫技巧 行銷策略: 產品策略、價格策略、通路策略、推廣策略).

Each of marketing.product, .price, .channel and .promotion must say something: not 「無」, not a
placeholder, at least `substantive_min_chars` visible characters.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import left_unsaid

STRATEGIES = {
    "product": Text("產品策略", "product strategy"),
    "price": Text("價格策略", "price strategy"),
    "channel": Text("通路策略", "channel strategy"),
    "promotion": Text("推廣策略", "promotion strategy"),
}


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each of the four strategies that says nothing."""
    marketing = ctx.proposal.marketing
    for key, name in STRATEGIES.items():
        if left_unsaid(getattr(marketing, key), ctx.rs):
            yield Finding(f"{marketing.ptr}/{key}", Text(
                f"行銷策略缺少具體的{name.zh}（marketing.{key}）",
                f"the marketing plan has no real {name.en} (marketing.{key})"), Text(
                "四項策略（產品、價格、通路、推廣）都要寫出具體作法，例如定價方式與價格區間、"
                "銷售通路與合作夥伴、展會與示範場域",
                "write all four strategies concretely: pricing method and range, channels and "
                "partners, fairs and demonstration sites"))


RULE = Rule(
    id="writing.marketing-4p",
    title=Text("行銷策略含產品、價格、通路、推廣",
               "product, price, channel and promotion strategies"),
    check=check,
    about="計畫書撰寫技巧要求行銷策略包括產品策略、價格策略、通路策略、推廣策略。本規則檢查 "
          "marketing 的 product、price、channel、promotion 四項都有具體內容（不是「無」或預留文字，"
          "且達到最少字數）。")
