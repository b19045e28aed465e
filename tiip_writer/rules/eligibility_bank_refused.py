"""eligibility.bank-refused: no applicant is on the banks' refused-account list (銀行拒絕往來戶)."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each company marked as a refused account."""
    for company in ctx.proposal.applicants.companies:
        if company.bank_refused:
            yield Finding(
                join_pointer(company.ptr, "bank_refused"),
                Text(f"{company.name} 為銀行拒絕往來戶，不符申請資格",
                     f"{company.name} is on the banks' refused-account list and may not apply"))


RULE = Rule(
    id="eligibility.bank-refused",
    title=Text("申請者非屬銀行拒絕往來戶", "no applicant is on the banks' refused-account list"),
    check=check)
