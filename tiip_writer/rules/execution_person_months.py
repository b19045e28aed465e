"""execution.person-months: person-months agree across the team list, the work items and the
personnel budget (計畫書撰寫技巧：執行能力 — 人力分配).

Checks, per person: the budgeted person-months equal the effort in the team list (whose keys
are the work items); a person with effort has a personnel line; and the line sits under the
person's own unit. A person booked beyond full time is execution.full-time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from tiip_writer.budget import BudgetLine
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each disagreement between team, work items and personnel budget."""
    lines_of: dict[str, list[BudgetLine]] = defaultdict(list)  # one pass: linear in lines
    for line in ctx.budget.lines:
        if line.category == "personnel":
            lines_of[line.source.person].append(line)
    for person in ctx.proposal.team:
        effort = sum(person.effort.values(), Decimal(0))
        own = lines_of.get(person.id, [])
        budgeted = sum((line.person_months for line in own), Decimal(0))
        parts = [f"{code} {fmt_num(pm)}" for code, pm in person.effort.items()]
        if not own:
            yield Finding(
                join_pointer(person.ptr, "effort"),
                Text(f"{person.id} 投入 {fmt_num(effort)} 人月，但人事費沒有編列此人",
                     f"{person.id} works {fmt_num(effort)} person-months, but has no "
                     "personnel line"),
                Text(f"在 budget.units.{person.unit}.personnel 加上 person: {person.id}",
                     f"add a line with person: {person.id} under budget.units.{person.unit}"
                     ".personnel"), at_key=True)
        elif budgeted != effort:
            yield Finding(
                join_pointer(own[0].ptr, "person_months"),
                Text(f"{person.id} 人事費編列 {fmt_num(budgeted)} 人月，但參與計畫人員表投入 "
                     f"{fmt_num(effort)} 人月（{'、'.join(parts)}）",
                     f"{person.id} is budgeted for {fmt_num(budgeted)} person-months, but the "
                     f"team list has {fmt_num(effort)} ({', '.join(parts)})"))
        for line in own:
            if line.unit != person.unit:
                yield Finding(
                    join_pointer(line.ptr, "person"),
                    Text(f"{person.id} 屬於 {person.unit}，人事費卻編列在 {line.unit}",
                         f"{person.id} belongs to {person.unit}, but is budgeted under "
                         f"{line.unit}"))


RULE = Rule(
    id="execution.person-months",
    title=Text("人月數在人員表、工作項目與人事費之間一致",
               "person-months agree across team, work items and personnel budget"),
    check=check, threshold=lambda rs: Text("完全相等", "exact"))
