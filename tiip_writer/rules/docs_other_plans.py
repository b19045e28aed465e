"""docs.other-plans: an applicant with other government plans applied for or running describes
its resource allocation (計畫申請注意事項-1 (5)). Statuses that count: `ongoing_plan_statuses`."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each company with ongoing plans and no resource allocation."""
    ongoing = set(ctx.rs.items("ongoing_plan_statuses"))
    for company in ctx.proposal.applicants.companies:
        plans = [g for g in company.government_plans if g.status in ongoing]
        if plans and not (company.resource_allocation or "").strip():
            names = "、".join(f"{g.name}（{g.status}）" for g in plans)
            yield Finding(
                join_pointer(plans[0].ptr, "status"),
                Text(f"{company.name} 有其他政府計畫 {names}，須說明公司資源配置與對本計畫的影響",
                     f"{company.name} has other government plans ({names}) and must describe "
                     "how it allocates its resources"),
                Text("在公司資料加上 resource_allocation，說明人力、設備如何分配",
                     "add resource_allocation to the company: how staff and equipment are shared"))


RULE = Rule(
    id="docs.other-plans",
    title=Text("有其他政府計畫者說明資源配置",
               "an applicant with other government plans describes its resource allocation"),
    check=check)
