"""scope.system-feasibility: a 創新優化-展系統 plan gives a quantified system feasibility
analysis (屬展系統計畫應加強可量化的系統可行性分析): plan_specific.system_feasibility with at
least one metric (rule set: `system_feasibility_plan_types`)."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.ruleset import RuleSet


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when the analysis is missing or has no quantified metric."""
    plan_type = ctx.proposal.programme.plan_type
    if plan_type not in ctx.rs.items("system_feasibility_plan_types"):
        return
    feasibility = ctx.proposal.plan_specific.system_feasibility
    if feasibility is None or not feasibility.metrics:
        yield Finding(
            "/plan_specific/system_feasibility/metrics" if feasibility else
            "/plan_specific/system_feasibility",
            Text(f"{plan_type}計畫應提出可量化的系統可行性分析，但沒有量化指標",
                 f"a {plan_type} plan should give a quantified system feasibility analysis, but "
                 "it has no metric"),
            Text("在 plan_specific.system_feasibility.metrics 列出量化指標（item、value、unit）",
                 "list metrics (item, value, unit) under plan_specific.system_feasibility"),
            at_key=True)


def _threshold(rs: RuleSet) -> Text:
    types = rs.items("system_feasibility_plan_types")
    return Text("、".join(types), ", ".join(types))


RULE = Rule(
    id="scope.system-feasibility",
    title=Text("展系統計畫提出量化的系統可行性分析",
               "a 展系統 plan gives a quantified system feasibility analysis"),
    check=check, threshold=_threshold)
