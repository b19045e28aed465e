"""review.emerging.field-trial: 新興育成 審查重點方向 3 — the new product or service has what it
needs for a domestic field trial (local government help, a site cooperation letter, finances …)
and a follow-up operating model for the service provider or the site.

Evidence: the trial site (plan_specific.field_trial.site); the site's commitment (an attachment
of kind 場域合作意向書, or field_trial.agreement naming one of `review_terms.field_agreement`);
the operating model after the plan (plan_specific.field_trial.operation).
"""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule, term_evidence, text_evidence

ID = "review.emerging.field-trial"
SITE_LETTER = "場域合作意向書"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the trial site, the site's commitment and the follow-up operating model."""
    trial = ctx.proposal.plan_specific.field_trial
    covered = "scope.field-trial" if trial is None else None
    return [
        text_evidence(ctx, "/plan_specific/field_trial/site", trial.site if trial else None,
                      Text("國內試煉場域", "the domestic trial site"),
                      Text("在 field_trial.site 寫出場域與合作單位", "name the site"),
                      covered_by=covered),
        _commitment(ctx),
        text_evidence(ctx, "/plan_specific/field_trial/operation",
                      trial.operation if trial else None,
                      Text("服務商或場域的後續營運模式", "the operating model after the plan"),
                      Text("在 field_trial.operation 說明計畫結束後誰營運、如何維運與收費",
                           "say who runs the site afterwards and how"), covered_by=covered),
    ]


def _commitment(ctx: Context) -> Evidence:
    """Return evidence that the site committed: a letter attached or an agreement described."""
    label = Text("場域合作意向書或地方協處", "the site's letter of intent or local support")
    for attachment in ctx.proposal.attachments:
        if attachment.kind == SITE_LETTER:
            return Evidence(label, attachment.ptr, True)
    trial = ctx.proposal.plan_specific.field_trial
    return term_evidence(ctx, [("/plan_specific/field_trial/agreement",
                                trial.agreement if trial else None)], "field_agreement", label,
                         Text("附上場域合作意向書（attachments 的 kind: 場域合作意向書），或在 "
                              "field_trial.agreement 說明已取得的場域承諾",
                              "attach the site's letter of intent, or describe the commitment"))


RULE = review_rule(
    ID, Text("國內場域試煉能量與場域後續營運模式",
             "domestic field-trial readiness and follow-up operation"),
    evidence,
    about="新興育成計畫審查重點方向 3：開發之新興產品或服務是否包含國內場域試煉取得能量，如地方行政協處、"
          "場域合作意向書、財務能力…等規劃服務商或場域之後續營運模式。自評依據：field_trial.site、"
          "場域合作意向書附件或 field_trial.agreement、field_trial.operation。")
