"""review.innovation.key-technology: 創新優化 審查重點 1 — the key technology goes beyond the
domestic state of the art, can replace foreign products, pulls the upstream and downstream
industry along; a 展系統 plan adds a quantified system feasibility analysis.

Evidence for 補關鍵: how the component goes beyond the domestic level
(plan_specific.key_component.beyond_domestic), specs compared with both the domestic and the
foreign level (a technology.specs row with `domestic` and `foreign`), and the supply-chain pull
(plan_specific.key_component.supply_chain). For 展系統: the same specs comparison, the
quantified feasibility metrics (plan_specific.system_feasibility.metrics) and the pull on the
industry (one of `review_terms.industry_pull` in the industry benefits or the total solution).
"""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule, term_evidence, text_evidence
from tiip_writer.rules.prose import is_empty_answer, is_stated

ID = "review.innovation.key-technology"
SYSTEM = "創新優化-展系統"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the evidence for 補關鍵 or, for a 展系統 plan, its own list."""
    if ctx.proposal.programme.plan_type == SYSTEM:
        return [_specs(ctx), *_system(ctx)]
    component = ctx.proposal.plan_specific.key_component
    base = "/plan_specific/key_component"
    return [
        text_evidence(ctx, base + "/beyond_domestic",
                      component.beyond_domestic if component else None,
                      Text("超越國內技術、取代進口的說明", "how it goes beyond domestic technology "
                           "and replaces imports"),
                      Text("在 plan_specific.key_component.beyond_domestic 說明超越國內水準與取代"
                           "國外產品之處", "explain in key_component.beyond_domestic")),
        _specs(ctx),
        text_evidence(ctx, base + "/supply_chain", component.supply_chain if component else None,
                      Text("帶動上中下游廠商的說明", "the pull on upstream and downstream firms"),
                      Text("在 plan_specific.key_component.supply_chain 說明帶動的廠商與補足的缺口",
                           "name the firms pulled along in key_component.supply_chain")),
    ]


def _specs(ctx: Context) -> Evidence:
    """Return evidence of a spec compared with both the domestic and the foreign level."""
    specs = ctx.proposal.technology.specs
    row = next((s for s in specs if is_stated(s.foreign, ctx.rs)
                and not is_empty_answer(s.domestic, ctx.rs)), None)
    return Evidence(Text("規格與國內、國外水準的比較", "specs against domestic and foreign levels"),
                    row.ptr if row else ctx.proposal.technology.ptr + "/specs", row is not None,
                    Text("在 technology.specs 為關鍵規格填寫國內（domestic）與國外（foreign）現有水準",
                         "give the domestic and foreign levels of the key specs"))


def _system(ctx: Context) -> list[Evidence]:
    """Return the 展系統 evidence: quantified feasibility and the pull on the industry."""
    p = ctx.proposal
    feasibility = p.plan_specific.system_feasibility
    return [
        Evidence(Text("可量化的系統可行性分析", "a quantified system feasibility analysis"),
                 "/plan_specific/system_feasibility/metrics",
                 feasibility is not None and bool(feasibility.metrics),
                 Text("在 plan_specific.system_feasibility.metrics 列出量化指標",
                      "list quantified metrics"), covered_by="scope.system-feasibility"),
        term_evidence(ctx, [(p.benefits.qualitative.ptr + "/industry",
                             p.benefits.qualitative.industry),
                            ("/plan_specific/total_solution", p.plan_specific.total_solution)],
                      "industry_pull", Text("帶動上中下游產業發展", "the pull on the industry"),
                      Text("在 benefits.qualitative.industry 說明帶動哪些上中下游廠商",
                           "say which firms the system pulls along")),
    ]


RULE = review_rule(
    ID, Text("關鍵技術超越國內水準並帶動上中下游",
             "key technology beyond the domestic level, pulling the supply chain"),
    evidence,
    about="創新優化計畫審查重點 1：關鍵技術需超越國內產業現有技術，可取代國外產品/技術與國外水準，並可"
          "帶動上中下游廠商發展；屬展系統計畫應加強可量化的系統可行性分析。自評依據（補關鍵）："
          "key_component.beyond_domestic、technology.specs 的國內與國外水準、key_component.supply_chain；"
          "（展系統）technology.specs、system_feasibility.metrics、質化效益中對產業的帶動。")
