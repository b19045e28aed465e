"""budget.new-hire-checkpoint: a new master/PhD hire whose pay is subsidised above the plan rate
(up to 100%) is itself a checkpoint item (配套措施 3：編列新聘碩博士級人力並列入查核點者).

Reading: "列入查核點" means a checkpoint's content (checkpoints[].kpi) names the hire — the
person's code (e.g. P06, as a whole word) or, once hired, their name — so the office can verify
at that checkpoint that the person was taken on. Being among a checkpoint's responsible staff is
not enough: that says who does the work, not that the hire is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.model.proposal import Person
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.facts import person_name, persons


def names_the_hire(kpi: str, person: Person) -> bool:
    """Return True when a checkpoint's content names `person`: the code as a whole word (P06,
    not P060 or P06.2), or the person's name."""
    # a code is letters, digits and . - _ (A1-1, P05.2): the match must not run into another
    code = re.compile(rf"(?<![A-Za-z0-9._-]){re.escape(person.id)}(?![A-Za-z0-9_-]|\.[A-Za-z0-9])")
    return bool(code.search(kpi)) or bool(person.name and person.name in kpi)


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each raised-rate new-hire line whose person no checkpoint names."""
    team = persons(ctx.proposal)
    checkpoints = ctx.proposal.checkpoints
    for line in ctx.budget.lines:
        person = team.get(getattr(line.source, "person", ""))
        if line.category != "personnel" or person is None or not person.new_hire:
            continue
        if line.rate <= line.default_rate or any(names_the_hire(cp.kpi, person)
                                                 for cp in checkpoints):
            continue
        owned = [cp.code for cp in checkpoints if person.id in cp.responsible]
        also_zh = (f"（{person.id} 雖是查核點 {'、'.join(owned)} 的負責人員，但新聘人力本身須列入"
                   "查核點）" if owned else "")
        also_en = (f" (being responsible for {', '.join(owned)} does not list the hire itself)"
                   if owned else "")
        yield Finding(
            line.rate_ptr,
            Text(f"新聘{person.new_hire} {person_name(person)}的人事費以 {fmt_num(line.rate)}% "
                 f"補助，但沒有任何查核點的內容寫到此人{also_zh}",
                 f"the new {person.new_hire} hire {person.id} is subsidised at "
                 f"{fmt_num(line.rate)}%, but no checkpoint's content names them{also_en}"),
            Text(f"在查核點的 kpi 寫出 {person.id}（或到職後的姓名），例如「新聘{person.new_hire} "
                 f"{person.id} 到職，……」；或改回計畫補助比率",
                 f"name {person.id} (or, once hired, their name) in a checkpoint's kpi, e.g. "
                 f"'new {person.new_hire} {person.id} joins, …'; or drop the line's own "
                 "subsidy_rate"))


RULE = Rule(
    id="budget.new-hire-checkpoint",
    title=Text("新聘碩博士 100% 補助須列入查核點",
               "a 100%-subsidised new master/PhD hire appears in a checkpoint"),
    check=check)
