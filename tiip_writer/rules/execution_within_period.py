"""execution.within-period: every work item, checkpoint and dated budget line lies inside the
plan period (計畫書格式：數字前後一致).

Checks: a work item starts no later than it ends and ends by the last month; a checkpoint falls
in the plan and within its work item's months; an intangible-asset or commissioned-research
line's months lie in the plan; equipment and maintenance are not used longer than the plan.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.facts import work_items
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each month outside the plan or its work item."""
    months = ctx.proposal.period.months
    for work in ctx.proposal.work_items:
        yield from _span(f"工作項目 {work.code} ", f"work item {work.code}", work.ptr,
                         work.start_month, work.end_month, months)
    items = work_items(ctx.proposal)
    for cp in ctx.proposal.checkpoints:
        item = items.get(cp.work_item)
        where = join_pointer(cp.ptr, "month")
        if cp.month > months:
            yield Finding(where, Text(
                f"查核點 {cp.code} 在第 {cp.month} 個月，超出計畫期程 {months} 個月",
                f"checkpoint {cp.code} falls in month {cp.month}, after the plan's {months} "
                "months"))
        elif item and item.start_month <= item.end_month and \
                not item.start_month <= cp.month <= item.end_month:
            yield Finding(where, Text(
                f"查核點 {cp.code} 在第 {cp.month} 個月，不在工作項目 {item.code} 的期間"
                f"（第 {item.start_month}–{item.end_month} 個月）",
                f"checkpoint {cp.code} falls in month {cp.month}, outside work item "
                f"{item.code} (months {item.start_month}–{item.end_month})"))
    for line in ctx.budget.lines:
        source = line.source
        if hasattr(source, "start_month"):
            yield from _span(f"「{line.label}」", f"'{line.label}'", line.ptr,
                             source.start_month, source.end_month, months)
        elif getattr(source, "months", None) and source.months > months:
            yield Finding(join_pointer(line.ptr, "months"), Text(
                f"「{line.label}」使用 {source.months} 個月，超過計畫期程 {months} 個月",
                f"'{line.label}' is used for {source.months} months, longer than the plan's "
                f"{months} months"))


def _span(zh: str, en: str, pointer: str, start: int, end: int,
          months: int) -> Iterator[Finding]:
    """Return a finding when start..end is reversed or ends after the plan (`zh` names the
    thing with its own trailing space, if any: 「工作項目 A1 」, 「「設備」」)."""
    if start > end:
        yield Finding(join_pointer(pointer, "start_month"), Text(
            f"{zh}起始月（第 {start} 個月）晚於結束月（第 {end} 個月）",
            f"{en} starts (month {start}) after it ends (month {end})"))
    elif end > months:
        yield Finding(join_pointer(pointer, "end_month"), Text(
            f"{zh}在第 {end} 個月結束，超出計畫期程 {months} 個月",
            f"{en} ends in month {end}, after the plan's {months} months"))


RULE = Rule(
    id="execution.within-period",
    title=Text("工作項目與查核點在計畫期間內", "work items and checkpoints lie inside the plan"),
    check=check)
