"""eligibility.institute-partner: a research-institute partner (法人) is an MOEA-evaluated
foundation (「經濟部所評鑑之財團法人」; rule set: `institute_partner_categories`)."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule, list_text
from tiip_writer.rules.facts import partners
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each institute partner of an ineligible category."""
    allowed = ctx.rs.items("institute_partner_categories")
    for partner in partners(ctx.proposal, "法人"):
        if partner.category not in allowed:
            yield Finding(
                join_pointer(partner.ptr, "category"),
                Text(f"法人合作單位 {partner.name} 的機構類型為「{partner.category}」，"
                     "法人以經濟部所評鑑之財團法人為限",
                     f"institute partner {partner.name} is '{partner.category}'; institute "
                     "partners must be foundations evaluated by the MOEA"),
                Text(f"可合作的法人類型：{'、'.join(allowed)}",
                     f"eligible kinds: {', '.join(allowed)}"))


RULE = Rule(
    id="eligibility.institute-partner",
    title=Text("法人合作單位為經濟部評鑑之財團法人",
               "an institute partner is an MOEA-evaluated foundation"),
    check=check, threshold=list_text("institute_partner_categories"))
