"""execution.full-time: nobody works more than full time (計畫書撰寫技巧：執行能力 — 人力分配).

A person-month is one person working one month, so a person cannot put more person-months
into a work item than the item lasts, nor more into all their work items than the months
those items cover together. Reviewers read an over-booked team as an unrealistic plan.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each work item, and each person, booked beyond full time."""
    items = {item.code: item for item in ctx.proposal.work_items}
    for person in ctx.proposal.team:
        spans: list[tuple[int, int]] = []
        for code, effort in person.effort.items():
            item = items.get(code)
            if item is None:  # execution.unknown-reference reports it
                continue
            span = range(item.start_month, item.end_month + 1)
            spans.append((item.start_month, item.end_month))
            if effort > len(span):
                yield Finding(
                    join_pointer(join_pointer(person.ptr, "effort"), code),
                    Text(f"{person.id} 在 {code} 投入 {fmt_num(effort)} 人月，但 {code} 只有 "
                         f"{len(span)} 個月（第 {item.start_month}–{item.end_month} 月）",
                         f"{person.id} puts {fmt_num(effort)} person-months into {code}, which "
                         f"lasts only {len(span)} months (months {item.start_month}–"
                         f"{item.end_month})"),
                    Text("一人一個月最多 1 人月；請減少人月或延長工作項目",
                         "one person gives at most 1 person-month a month; lower the effort or "
                         "lengthen the work item"))
        total = sum(person.effort.values(), Decimal(0))
        covered = _months_covered(spans)
        if covered and total > covered:
            yield Finding(
                join_pointer(person.ptr, "effort"),
                Text(f"{person.id} 共投入 {fmt_num(total)} 人月，但其工作項目合計只涵蓋 "
                     f"{covered} 個月，超過全職",
                     f"{person.id} works {fmt_num(total)} person-months, but their work items "
                     f"cover only {covered} months: more than full time"),
                Text("請減少人月，或把工作分給其他人員", "lower the effort, or share the work"),
                at_key=True)


def _months_covered(spans: list[tuple[int, int]]) -> int:
    """Return how many months the spans cover together, counted from their ends, so the work
    is per span whatever the months' numbers are."""
    covered, reached = 0, 0
    for start, end in sorted(spans):
        start = max(start, reached + 1)
        if end >= start:
            covered += end - start + 1
            reached = end
    return covered


RULE = Rule(
    id="execution.full-time",
    title=Text("人員投入不超過全職", "nobody is booked beyond full time"),
    check=check, threshold=lambda rs: Text("每人每月 ≤ 1 人月", "≤ 1 person-month a month each"))
