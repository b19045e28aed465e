"""eligibility.academic-partner: an academic partner (學界) is a public or private university or
college, or a public research institute (rule set: `academic_partner_categories`)."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule, list_text
from tiip_writer.rules.facts import partners
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each academic partner of an ineligible category."""
    allowed = ctx.rs.items("academic_partner_categories")
    for partner in partners(ctx.proposal, "學界"):
        if partner.category not in allowed:
            yield Finding(
                join_pointer(partner.ptr, "category"),
                Text(f"學界合作單位 {partner.name} 的機構類型為「{partner.category}」，"
                     "學界限公私立大專院校及公立研究機構",
                     f"academic partner {partner.name} is '{partner.category}'; academic partners "
                     "must be universities, colleges or public research institutes"),
                Text(f"可合作的學界類型：{'、'.join(allowed)}",
                     f"eligible kinds: {', '.join(allowed)}"))


RULE = Rule(
    id="eligibility.academic-partner",
    title=Text("學界合作單位為公私立大專院校或公立研究機構",
               "an academic partner is a university, college or public research institute"),
    check=check, threshold=list_text("academic_partner_categories"))
