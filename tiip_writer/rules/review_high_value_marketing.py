"""review.high-value.marketing: 產業高值 審查重點 5 — the follow-up marketing and promotion
strategy of the product or service.

Evidence: the promotion strategy (marketing.promotion), the sales channels (marketing.channel)
and when the product reaches the market (competition.ours.launch).
"""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule, text_evidence
from tiip_writer.rules.prose import is_stated

ID = "review.high-value.marketing"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the promotion strategy, the channels and the launch date."""
    marketing, ours = ctx.proposal.marketing, ctx.proposal.competition.ours
    return [
        text_evidence(ctx, marketing.ptr + "/promotion", marketing.promotion,
                      Text("後續推廣策略", "the promotion strategy"),
                      Text("在 marketing.promotion 說明展會、示範與客戶試用等推廣作法",
                           "describe fairs, demonstrations and trials in marketing.promotion"),
                      covered_by="writing.marketing-4p"),
        text_evidence(ctx, marketing.ptr + "/channel", marketing.channel,
                      Text("銷售通路", "the sales channels"),
                      Text("在 marketing.channel 說明銷售通路與合作夥伴",
                           "describe the channels and partners in marketing.channel"),
                      covered_by="writing.marketing-4p"),
        Evidence(Text("預計上市時間", "when the product reaches the market"), ours.ptr + "/launch",
                 is_stated(ours.launch, ctx.rs),
                 Text("在 competition.ours.launch 寫出預計上市時間", "give the launch date")),
    ]


RULE = review_rule(
    ID, Text("產品或服務之後續行銷推廣策略", "follow-up marketing and promotion"), evidence,
    about="產業高值計畫審查重點 5：產品或服務之後續行銷推廣策略。自評依據：marketing.promotion 推廣"
          "策略、marketing.channel 銷售通路、competition.ours.launch 預計上市時間。")
