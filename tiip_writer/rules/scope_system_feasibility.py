"""scope.system-feasibility: a 創新優化-展系統 plan gives a quantified system feasibility
analysis (屬展系統計畫應加強可量化的系統可行性分析; rule set: `system_feasibility_plan_types`).

The schema requires at least one metric once plan_specific.system_feasibility is present, so
this rule asks only that it be present.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule, list_text


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when a plan type that needs the analysis has none."""
    plan_type = ctx.proposal.programme.plan_type
    if plan_type in ctx.rs.items("system_feasibility_plan_types") and \
            ctx.proposal.plan_specific.system_feasibility is None:
        yield Finding(
            "/plan_specific/system_feasibility",
            Text(f"{plan_type}計畫應提出可量化的系統可行性分析，但未填 system_feasibility",
                 f"a {plan_type} plan should give a quantified system feasibility analysis, but "
                 "plan_specific.system_feasibility is missing"),
            Text("在 plan_specific 加上 system_feasibility（narrative 說明與 metrics 量化指標）",
                 "add plan_specific.system_feasibility with a narrative and metrics"),
            at_key=True)


RULE = Rule(
    id="scope.system-feasibility",
    title=Text("展系統計畫提出量化的系統可行性分析",
               "a 展系統 plan gives a quantified system feasibility analysis"),
    check=check, threshold=list_text("system_feasibility_plan_types"))
