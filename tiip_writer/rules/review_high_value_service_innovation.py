"""review.high-value.service-innovation: 產業高值 審查重點 3 — a service upgrade applies
technology, innovates the service and shows customer value (target kind 服務).

Evidence: the technology and service innovation (technology.innovation) and a statement of
customer value (one of `review_terms.customer_value` in the target description, the
innovation, the plan's advantage or the product strategy).
"""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule, term_evidence, text_evidence

ID = "review.high-value.service-innovation"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the service innovation and the customer value."""
    p = ctx.proposal
    places = [(p.target.ptr + "/description", p.target.description),
              (p.technology.ptr + "/innovation", p.technology.innovation),
              (p.competition.ours.ptr + "/advantage", p.competition.ours.advantage),
              (p.marketing.ptr + "/product", p.marketing.product)]
    return [
        text_evidence(ctx, p.technology.ptr + "/innovation", p.technology.innovation,
                      Text("科技應用及服務創新", "technology applied and the service innovation"),
                      Text("在 technology.innovation 說明服務運用的科技與創新之處",
                           "describe the technology used and what is new in the service"),
                      covered_by="writing.tech-advantage"),
        term_evidence(ctx, places, "customer_value",
                      Text("服務帶給顧客的價值", "the value the service brings to customers"),
                      Text("在 target.description 或 technology.innovation 說明顧客因此得到什麼價值",
                           "say in target.description what customers gain from the service")),
    ]


RULE = review_rule(
    ID, Text("服務具科技應用、服務創新與顧客價值",
             "technology, service innovation and customer value"),
    evidence,
    about="產業高值計畫審查重點 3：屬服務加值者，其服務內涵應具備科技應用及服務創新，且呈現顧客價值"
          "（標的類別為服務時適用）。自評依據：technology.innovation 科技應用與服務創新；標的說明、創新性、"
          "本計畫優勢或產品策略中說明顧客價值（規則集 review_terms.customer_value）。")
