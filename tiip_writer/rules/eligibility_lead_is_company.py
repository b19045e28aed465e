"""eligibility.lead-is-company: in an industry+institute plan the lead is a company and the
institute a co-executor (產研共同提案：由業者擔任主導單位，法人為共同執行單位).

The model only lets companies be marked lead, so what can still put an institute in charge is
the principal investigator (計畫主持人): this rule requires the PI to belong to a company.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.facts import is_institute_plan, partners
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when an industry+institute plan's PI belongs to the institute."""
    if not is_institute_plan(ctx.proposal):
        return
    institutes = {p.id: p for p in partners(ctx.proposal, "法人")}
    for person in ctx.proposal.team:
        if person.pi and person.unit in institutes:
            yield Finding(
                join_pointer(person.ptr, "unit"),
                Text(f"計畫主持人 {person.id} 屬於法人 {institutes[person.unit].name}；"
                     "產研共同提案須由業者擔任主導單位，法人為共同執行單位",
                     f"the principal investigator {person.id} belongs to the institute "
                     f"{institutes[person.unit].name}; in an industry+institute plan a company "
                     "leads and the institute co-executes"),
                Text("請由主導公司的人員擔任計畫主持人（pi: true）",
                     "make someone of the lead company the principal investigator (pi: true)"))


RULE = Rule(
    id="eligibility.lead-is-company",
    title=Text("產研共同提案由業者擔任主導單位",
               "in an industry+institute plan the lead is a company"),
    check=check)
