"""review.innovation.total-solution: 創新優化 審查重點 2 — the system service shows customer
value and an innovative business model (Total Solution), verified feasibility, and a domestic
field trial with its introduction (試營運).

Evidence: the total solution (plan_specific.total_solution); customer value and the business
model in it (`review_terms.customer_value`, `review_terms.business_model`); the feasibility
verification (plan_specific.system_feasibility.narrative); the field-trial plan
(plan_specific.field_trial.plan); and the trial in the schedule (a work item or checkpoint
naming one of `review_terms.trial_schedule`).
"""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule, term_evidence, text_evidence

ID = "review.innovation.total-solution"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the total solution, its value and model, the verification and the field trial."""
    p, specific = ctx.proposal, ctx.proposal.plan_specific
    solution = ("/plan_specific/total_solution", specific.total_solution)
    feasibility, trial = specific.system_feasibility, specific.field_trial
    schedule = [(i.ptr + "/name", i.name) for i in p.work_items] + \
        [(c.ptr + "/kpi", c.kpi) for c in p.checkpoints]
    return [
        text_evidence(ctx, *solution, Text("整體系統解決方案", "the total solution"),
                      Text("在 plan_specific.total_solution 說明系統服務的組成", "describe it")),
        term_evidence(ctx, [solution, (p.target.ptr + "/description", p.target.description)],
                      "customer_value", Text("顧客價值", "the customer value"),
                      Text("在 total_solution 說明顧客因此得到的價值", "state the customer value")),
        term_evidence(ctx, [solution, (p.marketing.ptr + "/price", p.marketing.price)],
                      "business_model", Text("商業營運模式", "the business model"),
                      Text("在 total_solution 說明收入來源與營運模式（銷售、維運、訂閱…）",
                           "describe how the system earns money")),
        text_evidence(ctx, "/plan_specific/system_feasibility/narrative",
                      feasibility.narrative if feasibility else None,
                      Text("系統可行性驗證", "the feasibility verification"),
                      Text("在 system_feasibility.narrative 說明驗證方法與結論", "describe it"),
                      covered_by="scope.system-feasibility" if feasibility is None else None),
        text_evidence(ctx, "/plan_specific/field_trial/plan", trial.plan if trial else None,
                      Text("國內場域試煉規劃及導入（試營運）", "the domestic field trial plan"),
                      Text("在 field_trial.plan 說明試煉內容、時程與驗證指標", "describe it"),
                      covered_by="scope.field-trial" if trial is None else None),
        term_evidence(ctx, schedule or [("/checkpoints", None)], "trial_schedule",
                      Text("排入進度的場域試煉（工作項目或查核點）",
                           "the field trial in the schedule (a work item or checkpoint)"),
                      Text("把場域試煉或試營運列為工作項目，並設查核點",
                           "make the trial a work item with a checkpoint")),
    ]


RULE = review_rule(
    ID, Text("整體系統服務、商業模式、可行性驗證與場域試煉",
             "total solution, business model, verification and field trial"),
    evidence,
    about="創新優化計畫審查重點 2：整體系統服務需呈現顧客價值的系統服務及商業營運模式（Total Solution）"
          "創新、系統可行性驗證、國內場域試煉規劃及導入（試營運）。自評依據：plan_specific.total_solution "
          "及其中的顧客價值與營運模式、system_feasibility.narrative、field_trial.plan，以及進度表中的"
          "場域試煉工作項目或查核點。")
