"""review.emerging.technology: 新興育成 審查重點方向 2 — the plan holds technology or
innovative-service content and drives related technologies or products.

Evidence: the innovation (technology.innovation), a quantified target spec (a technology.specs
row with a target), and what the plan drives (one of `review_terms.industry_pull` in the
industry benefits or the demonstration narrative).
"""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule, term_evidence, text_evidence
from tiip_writer.rules.prose import is_stated

ID = "review.emerging.technology"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the innovation, a target spec and the pull on related development."""
    p = ctx.proposal
    spec = next((s for s in p.technology.specs if is_stated(s.target, ctx.rs)), None)
    return [
        text_evidence(ctx, p.technology.ptr + "/innovation", p.technology.innovation,
                      Text("技術或創新服務含量", "technology or service innovation content"),
                      Text("在 technology.innovation 說明技術與服務的創新", "describe it"),
                      covered_by="writing.tech-advantage"),
        Evidence(Text("量化的目標規格", "a quantified target spec"),
                 spec.ptr + "/target" if spec else p.technology.ptr + "/specs", spec is not None,
                 Text("在 technology.specs 填寫本計畫的目標規格", "give the target specs")),
        term_evidence(ctx, [(p.benefits.qualitative.ptr + "/industry",
                             p.benefits.qualitative.industry),
                            ("/plan_specific/demonstration", p.plan_specific.demonstration)],
                      "industry_pull", Text("帶動相關技術或產品發展", "the pull on related development"),
                      Text("在 benefits.qualitative.industry 說明帶動哪些技術、產品或業者",
                           "say which technologies, products or firms the plan drives")),
    ]


RULE = review_rule(
    ID, Text("具技術或創新服務含量並帶動相關發展",
             "technology content that drives related development"),
    evidence,
    about="新興育成計畫審查重點方向 2：計畫內涵應具備技術或創新服務含量，並可帶動相關技術或產品發展。"
          "自評依據：technology.innovation、technology.specs 的目標規格，以及質化效益或示範說明中"
          "對相關技術、產品或業者的帶動。")
