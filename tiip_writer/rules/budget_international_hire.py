"""budget.international-hire: only an SME (中小企業) may subsidise new international R&D staff
above the plan rate, up to 100% (配套措施 4).

The line's unit must be an applicant company marked `sme: true`.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.facts import companies, person_name, persons


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each raised-rate international hire of a unit that is not an SME."""
    team, firms = persons(ctx.proposal), companies(ctx.proposal)
    for line in ctx.budget.lines:
        person = team.get(getattr(line.source, "person", ""))
        if line.category != "personnel" or person is None or not person.international:
            continue
        company = firms.get(line.unit)
        if line.rate > line.default_rate and not (company and company.sme):
            owner = company.name if company else line.unit
            yield Finding(
                line.rate_ptr,
                Text(f"新聘國際研發人才 {person_name(person)}的人事費以 {fmt_num(line.rate)}% "
                     f"補助，但 {owner} 不是中小企業",
                     f"the new international hire {person.id} is subsidised at "
                     f"{fmt_num(line.rate)}%, but {owner} is not an SME"),
                Text("只有中小企業可將新聘國際研發人員的人事費由補助款全額支應",
                     "only SMEs may have new international R&D staff paid fully by the subsidy"))


RULE = Rule(
    id="budget.international-hire",
    title=Text("僅中小企業可 100% 補助新聘國際研發人才",
               "only an SME may subsidise new international R&D staff at 100%"),
    check=check)
