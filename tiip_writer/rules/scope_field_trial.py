"""scope.field-trial: 新興育成 and 創新優化-展系統 plans describe a domestic field trial
(國內場域試煉) and its long-term operation plan (rule set: `field_trial_plan_types`).

The schema requires the trial's site, plan and operation once `plan_specific.field_trial` is
present, so this rule asks only that it be present.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule, list_text


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when a plan type that needs a field trial has none."""
    plan_type = ctx.proposal.programme.plan_type
    if plan_type in ctx.rs.items("field_trial_plan_types") and \
            ctx.proposal.plan_specific.field_trial is None:
        yield Finding(
            "/plan_specific/field_trial",
            Text(f"{plan_type}計畫須說明國內場域試煉規劃與長期維運機制，但未填 field_trial",
                 f"a {plan_type} plan must describe a domestic field trial and its long-term "
                 "operation, but plan_specific.field_trial is missing"),
            Text("在 plan_specific 加上 field_trial（site 場域、plan 試煉規劃、operation 維運機制）",
                 "add plan_specific.field_trial with site, plan and operation"), at_key=True)


RULE = Rule(
    id="scope.field-trial",
    title=Text("新興育成與展系統計畫具國內場域試煉規劃",
               "新興育成 and 展系統 plans describe a domestic field trial"),
    check=check, threshold=list_text("field_trial_plan_types"))
