"""review.topdown.chain-integration: Top-down (主題式) plans — 主題式研發計畫補助機制 計畫範圍:
the lead company links upstream and downstream suppliers (vertical integration) or firms of
different fields (horizontal integration) to develop together, along the industry chain.

Evidence: several units develop together (two or more companies, or a partner), the work is
divided among them (work items or sub-plans executed by two or more units), and the chain is
described (one of `review_terms.industry_pull` in the supply-chain text, the differentiation or
the industry benefits).
"""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule, term_evidence
from tiip_writer.rules.facts import is_joint

ID = "review.topdown.chain-integration"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the joint team, the division of work and the chain description."""
    p = ctx.proposal
    executors = {unit for sub in p.work for unit in (sub.executor, *(i.executor for i in sub.items))
                 if unit}
    component = p.plan_specific.key_component
    return [
        Evidence(Text("共同開發的上下游或跨領域業者", "partners along the chain developing together"),
                 p.applicants.ptr + "/companies", is_joint(p),
                 Text("主題式計畫以串連產業鏈為主軸：列出共同開發的上下游或跨領域業者",
                      "list the upstream, downstream or cross-field firms that develop together")),
        Evidence(Text("各單位的分工（兩個以上執行單位）", "division of work among two or more units"),
                 "/work", len(executors) >= 2,
                 Text("在 work 的分項計畫或工作項目以 executor 標明各單位負責的部分",
                      "mark with executor which unit carries out each sub-plan or item")),
        term_evidence(ctx, [("/plan_specific/key_component/supply_chain",
                             component.supply_chain if component else None),
                            (p.competition.ptr + "/differentiation", p.competition.differentiation),
                            (p.benefits.qualitative.ptr + "/industry",
                             p.benefits.qualitative.industry)],
                      "industry_pull", Text("產業鏈串連的說明", "how the plan links the chain"),
                      Text("在 plan_specific.key_component.supply_chain 說明串連的上下游或跨領域業者",
                           "describe the linked firms in key_component.supply_chain")),
    ]


RULE = review_rule(
    ID, Text("串連產業鏈的垂直或水平整合", "vertical or horizontal integration along the chain"),
    evidence,
    about="主題式研發計畫以串連產業鏈發展為主軸：由主導廠商串聯上下游供應鏈業者共同開發關鍵零組件"
          "（垂直整合），或跨領域業者共同開發產業共通性產品（水平整合）。自評依據：兩家以上共同開發的"
          "單位、work 中兩個以上執行單位的分工，以及對產業鏈串連的說明。")
