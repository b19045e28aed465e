"""review.high-value.product-innovation: 產業高值 審查重點 2 — a product or technology
upgrade masters the product's key technology and is innovative (target kind 產品, 技術, 系統).

Evidence: the company's own technical advantage (technology.advantage), the innovation
(technology.innovation) and the IP plan that protects it (ip.plan).
"""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule, text_evidence

ID = "review.high-value.product-innovation"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the company's advantage, the innovation and the IP plan."""
    technology, ip = ctx.proposal.technology, ctx.proposal.ip
    return [
        text_evidence(ctx, technology.ptr + "/advantage", technology.advantage,
                      Text("掌握關鍵技術的公司技術優勢", "the company's command of the key technology"),
                      Text("在 technology.advantage 說明公司既有的技術能量與成果",
                           "describe the company's own technical strength in technology.advantage"),
                      covered_by="writing.tech-advantage"),
        text_evidence(ctx, technology.ptr + "/innovation", technology.innovation,
                      Text("產品或技術的創新性", "what is new in the product or technology"),
                      Text("在 technology.innovation 說明創新之處",
                           "describe what is new in technology.innovation"),
                      covered_by="writing.tech-advantage"),
        text_evidence(ctx, "/ip/plan", ip.plan if ip else None,
                      Text("保護關鍵技術的智財布局", "an IP plan protecting the key technology"),
                      Text("在 ip.plan 說明預計申請的專利與布局",
                           "list the patents to file and where in ip.plan")),
    ]


RULE = review_rule(
    ID, Text("掌握產品關鍵技術及創新性", "command of the key technology, and innovation"),
    evidence,
    about="產業高值計畫審查重點 2：屬產品/技術加值者，其應具掌握產品關鍵技術及創新性（標的類別為產品、"
          "技術或系統時適用）。自評依據：technology.advantage 公司技術優勢、technology.innovation "
          "創新性、ip.plan 智財布局。")
