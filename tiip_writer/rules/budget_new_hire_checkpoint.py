"""budget.new-hire-checkpoint: a new master/PhD hire whose pay is subsidised above the plan rate
(up to 100%) appears in a checkpoint (配套措施 3：編列新聘碩博士級人力並列入查核點者).

Reading: "appears in a checkpoint" means the person is among some checkpoint's responsible
staff (checkpoints[].responsible).
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.facts import person_name, persons


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each raised-rate new-hire line whose person owns no checkpoint."""
    team = persons(ctx.proposal)
    responsible = {pid for cp in ctx.proposal.checkpoints for pid in cp.responsible}
    for line in ctx.budget.lines:
        person = team.get(getattr(line.source, "person", ""))
        if line.category != "personnel" or person is None or not person.new_hire:
            continue
        if line.rate > line.default_rate and person.id not in responsible:
            yield Finding(
                line.rate_ptr,
                Text(f"新聘{person.new_hire} {person_name(person)}的人事費以 "
                     f"{fmt_num(line.rate)}% 補助，但未列入任何查核點的負責人員",
                     f"the new {person.new_hire} hire {person.id} is subsidised at "
                     f"{fmt_num(line.rate)}%, but is responsible for no checkpoint"),
                Text(f"在其負責的查核點 responsible 加上 {person.id}；或改回計畫補助比率",
                     f"add {person.id} to the responsible staff of a checkpoint, or drop the "
                     "line's own subsidy_rate"))


RULE = Rule(
    id="budget.new-hire-checkpoint",
    title=Text("新聘碩博士 100% 補助須列入查核點",
               "a 100%-subsidised new master/PhD hire appears in a checkpoint"),
    check=check)
