"""eligibility.net-worth: every applicant's net worth (股東權益) is positive.

The bound is the rule set's `min_net_worth` (exclusive; 105: 0, i.e. 「公司淨值為正值」).
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.ruleset import RuleSet
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each company whose net worth is not above the minimum."""
    minimum = ctx.rs.num("min_net_worth")
    for company in ctx.proposal.applicants.companies:
        if company.net_worth <= minimum:
            yield Finding(
                join_pointer(company.ptr, "net_worth"),
                Text(f"{company.name} 淨值 {fmt_num(company.net_worth)} 千元，"
                     f"須大於 {fmt_num(minimum)} 千元",
                     f"{company.name} has a net worth of {fmt_num(company.net_worth)} thousand "
                     f"NT$; it must be above {fmt_num(minimum)}"))


def _threshold(rs: RuleSet) -> Text:
    value = fmt_num(rs.num("min_net_worth"))
    return Text(f"> {value} 千元", f"> {value} thousand NT$")


RULE = Rule(
    id="eligibility.net-worth",
    title=Text("申請者淨值（股東權益）為正值", "every applicant's net worth is positive"),
    check=check, threshold=_threshold)
