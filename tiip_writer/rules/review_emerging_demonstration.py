"""review.emerging.demonstration: 新興育成 審查重點方向 1 — the plan forms an emerging industry
and demonstrates the market first (市場先導示範性).

Evidence: the announced item the plan answers (programme.emerging_item) and the demonstration
narrative (plan_specific.demonstration).
"""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule, text_evidence

ID = "review.emerging.demonstration"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the announced item and the market-leading demonstration."""
    programme = ctx.proposal.programme
    return [
        Evidence(Text("對應的年度公告推動項目", "the announced item the plan answers"),
                 programme.ptr + "/emerging_item", programme.emerging_item is not None,
                 Text("在 programme.emerging_item 填寫推動項目", "add programme.emerging_item"),
                 covered_by="scope.emerging-item"),
        text_evidence(ctx, "/plan_specific/demonstration",
                      ctx.proposal.plan_specific.demonstration,
                      Text("新興產業形成與市場先導示範性的說明", "the market-leading demonstration"),
                      Text("在 plan_specific.demonstration 說明為何是國內首例、如何示範並形成產業",
                           "explain in plan_specific.demonstration why it leads the market")),
    ]


RULE = review_rule(
    ID, Text("新興產業形成與市場先導示範性", "emerging industry and market-leading demonstration"),
    evidence,
    about="新興育成計畫審查重點方向 1：具新興產業形成與市場先導示範性。自評依據：programme.emerging_item "
          "對應的年度推動項目，與 plan_specific.demonstration 的市場先導示範說明。")
