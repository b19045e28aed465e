"""execution.checkpoint-interval: every sub-plan has a checkpoint at least every N months, and
the plan has a closing checkpoint in its last month (計畫書撰寫技巧：查核點; N = rule set's
`checkpoint_interval_months`).

Reading: a sub-plan runs from its first item's start to its last item's end; the gaps measured
are from the month before it starts to its first checkpoint, between checkpoints, and from the
last checkpoint to its end month. A checkpoint belongs to the sub-plan of its work item.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.model.proposal import Checkpoint, SubPlan
from tiip_writer.rules.base import MONTHS, Context, Finding, Rule, limit_text
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each over-long gap and for a missing closing checkpoint."""
    limit = int(ctx.rs.num("checkpoint_interval_months"))
    subs_of: dict[str, set[int]] = defaultdict(set)  # a duplicated code is in several
    for index, sub in enumerate(ctx.proposal.work):
        for item in sub.items:
            subs_of[item.code].add(index)
    points: list[list[Checkpoint]] = [[] for _ in ctx.proposal.work]
    for cp in ctx.proposal.checkpoints:  # one pass, in file order: linear in checkpoints
        for index in subs_of.get(cp.work_item, ()):
            points[index].append(cp)
    for sub, own in zip(ctx.proposal.work, points):
        yield from _gaps(sub, sorted(own, key=lambda cp: cp.month), limit)
    last = ctx.proposal.period.months
    if not any(cp.month == last for cp in ctx.proposal.checkpoints):
        yield Finding(
            "/checkpoints",
            Text(f"計畫最後一個月（第 {last} 個月）沒有結案查核點",
                 f"no closing checkpoint in the plan's last month (month {last})"),
            Text("在最後一個月安排一個驗收成果的查核點",
                 "add a checkpoint in the last month that verifies the results"), at_key=True)


def _gaps(sub: SubPlan, points: list[Checkpoint], limit: int) -> Iterator[Finding]:
    """Return a finding for the first gap longer than `limit` months in one sub-plan."""
    start = min(item.start_month for item in sub.items)
    end = max(item.end_month for item in sub.items)
    previous = start - 1
    stops = [(cp.month, cp.ptr) for cp in points] + [(end, join_pointer(sub.ptr, "code"))]
    for month, pointer in stops:
        if month - previous > limit:
            yield Finding(
                pointer,
                Text(f"分項 {sub.code} 第 {previous + 1} 至 {month} 個月共 {month - previous} "
                     f"個月沒有查核點，上限 {limit} 個月",
                     f"sub-plan {sub.code} has no checkpoint for {month - previous} months "
                     f"(months {previous + 1}–{month}); maximum {limit} months"),
                Text(f"至少每 {limit} 個月安排一個可量測的查核點",
                     f"add a measurable checkpoint at least every {limit} months"))
            return
        previous = max(previous, month)


RULE = Rule(
    id="execution.checkpoint-interval",
    title=Text("查核點間隔與結案查核點", "checkpoint spacing and a closing checkpoint"),
    check=check, threshold=limit_text("<=", "checkpoint_interval_months", MONTHS))
