"""eligibility.lead-company: a joint application names exactly one lead company (主導公司) and
declares a cooperation contract (合作契約書) — 計畫申請注意事項-2 (10).

A plan is joint when two or more companies apply, or a school or institute takes part; the
lead must be marked only when there are several companies (a single company leads by itself).
The attached contract itself is docs.cooperation-contract.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.facts import is_joint
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return findings for a missing or repeated lead, and for an undeclared contract."""
    proposal = ctx.proposal
    companies = proposal.applicants.companies
    leads = [c for c in companies if c.lead]
    if len(companies) > 1 and not leads:
        yield Finding(
            join_pointer(proposal.applicants.ptr, "companies"),
            Text(f"聯合申請有 {len(companies)} 家公司，但沒有標示主導公司",
                 f"a joint application by {len(companies)} companies names no lead company"),
            Text("請在主導公司加上 lead: true（只能一家）",
                 "add lead: true to the lead company (exactly one)"), at_key=True)
    for extra in leads[1:]:
        yield Finding(
            join_pointer(extra.ptr, "lead"),
            Text(f"只能有一家主導公司，但 {len(leads)} 家都標示了 lead: true（{extra.name}）",
                 f"only one company may lead, but {len(leads)} are marked lead: true "
                 f"({extra.name})"))
    declared = proposal.declarations.cooperation_contract
    if is_joint(proposal) and declared is not True:
        pointer = join_pointer(proposal.declarations.ptr, "cooperation_contract")
        yield Finding(
            pointer,
            Text("聯合申請須簽訂合作契約書，但聲明事項未聲明 cooperation_contract: true",
                 "a joint application needs a cooperation contract, but the declarations do not "
                 "state cooperation_contract: true"),
            Text("在 declarations 加上 cooperation_contract: true，並於附件列出合作契約書",
                 "add cooperation_contract: true under declarations and attach the contract"),
            at_key=declared is None)


RULE = Rule(
    id="eligibility.lead-company",
    title=Text("聯合申請須有一家主導公司並簽訂合作契約書",
               "a joint application names one lead company and declares a cooperation contract"),
    check=check)
