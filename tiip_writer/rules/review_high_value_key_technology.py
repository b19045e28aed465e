"""review.high-value.key-technology: 產業高值 審查重點 1 — new products or services through
innovation, with the key technology (關鍵技術) to enter the high-end market.

Evidence: the innovation (technology.innovation), a target specification compared with the
foreign state of the art (a technology.specs row whose `foreign` is given), and the high-end
market segment the product aims at (competition.ours.segment).
"""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule, text_evidence
from tiip_writer.rules.prose import is_stated

ID = "review.high-value.key-technology"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the key technology, its foreign benchmark and the target high-end segment."""
    technology, ours = ctx.proposal.technology, ctx.proposal.competition.ours
    benchmarked = next((s for s in technology.specs if is_stated(s.foreign, ctx.rs)), None)
    return [
        text_evidence(ctx, technology.ptr + "/innovation", technology.innovation,
                      Text("關鍵技術與創新內容", "the key technology and what is new"),
                      Text("在 technology.innovation 說明關鍵技術與創新之處",
                           "describe the key technology in technology.innovation"),
                      covered_by="writing.tech-advantage"),
        Evidence(Text("目標規格與國外水準的比較", "target specs against the foreign state of the art"),
                 benchmarked.ptr + "/foreign" if benchmarked else technology.ptr + "/specs",
                 benchmarked is not None,
                 Text("在 technology.specs 填寫國外現有最佳水準（foreign），顯示達到高端市場的規格",
                      "give the best foreign level (foreign) in technology.specs")),
        text_evidence(ctx, ours.ptr + "/segment", ours.segment,
                      Text("切入的高端市場區隔", "the high-end market segment aimed at"),
                      Text("在 competition.ours.segment 寫出要切入的高端市場與客群",
                           "name the high-end market and customers in competition.ours.segment")),
    ]


RULE = review_rule(
    ID, Text("具備切入高端市場之關鍵技術", "key technology to enter the high-end market"),
    evidence,
    about="產業高值計畫審查重點 1：藉由創新經營及應用開發新產品或服務，並具備切入高端市場之「關鍵技術」。"
          "自評依據：technology.innovation 說明關鍵技術與創新；technology.specs 至少一項規格與國外水準"
          "（foreign）比較；competition.ours.segment 寫出要切入的高端市場區隔。")
