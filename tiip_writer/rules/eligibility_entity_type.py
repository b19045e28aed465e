"""eligibility.entity-type: every applicant company is a registered sole proprietorship,
partnership or company (計畫申請資格：依法登記成立之獨資、合夥事業或公司).

The eligible forms are the rule set's `eligible_entity_types`; the schema's 「其他」 is not one.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule, list_text
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each company whose entity type is not eligible."""
    allowed = ctx.rs.items("eligible_entity_types")
    for company in ctx.proposal.applicants.companies:
        if company.entity_type not in allowed:
            yield Finding(
                join_pointer(company.ptr, "entity_type"),
                Text(f"{company.name} 的組織型態為「{company.entity_type}」，"
                     "不是依法登記之獨資、合夥事業或公司",
                     f"{company.name} is registered as '{company.entity_type}', not as a sole "
                     "proprietorship, partnership or company"),
                Text(f"可申請的組織型態：{'、'.join(allowed)}",
                     f"eligible forms: {', '.join(allowed)}"))


RULE = Rule(
    id="eligibility.entity-type",
    title=Text("申請者須為依法登記之獨資、合夥事業或公司",
               "every applicant is a registered sole proprietorship, partnership or company"),
    check=check, threshold=list_text("eligible_entity_types"))
