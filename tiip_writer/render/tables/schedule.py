"""肆、預定進度及查核點: the Gantt chart and the checkpoint table."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from tiip_writer.model.proposal import WorkItem
from tiip_writer.render.blocks import (
    ACTIVE_SHADE,
    GROUP_SHADE,
    HEADER_SHADE,
    Block,
    Cell,
    Row,
    Table,
)
from tiip_writer.render.context import TemplateContext
from tiip_writer.render.formatting import (
    join_list,
    number,
    percent,
    plan_month_end,
    plan_month_start,
    roc_month,
    roc_year,
)
from tiip_writer.render.tables.common import grid, labels_of, person_name

SMALL_FONT, TINY_FONT = 16, 14  # half-points: 8 pt, or 7 pt past 24 months
TINY_FROM_MONTHS = 25


def person_months_by_item(ctx: TemplateContext) -> dict[str, Decimal]:
    """Return the team's person-months per work-item code."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for person in ctx.proposal.team:
        for code, months in person.effort.items():
            totals[code] += months
    return totals


def _head(text: str, **kwargs: object) -> Cell:
    return Cell.of(text, align="center", bold=True, shade=HEADER_SHADE, **kwargs)  # type: ignore[arg-type]


def gantt(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the Gantt chart: months grouped by ROC year, active months shaded, ▲ checkpoints."""
    labels = labels_of(ctx, "gantt")
    months, start = ctx.plan.months, ctx.plan.start
    firsts = [plan_month_start(start, m) for m in range(1, months + 1)]
    years: dict[int, int] = {}
    for day in firsts:
        years[day.year] = years.get(day.year, 0) + 1
    titles = labels["columns"]
    header_top = Row(header=True, cells=(
        *(_head(t, merge="restart") for t in titles),
        *(_head(labels["year"].format(year=roc_year(y)), span=n) for y, n in years.items())))
    header_bottom = Row(header=True, cells=(
        *(_head("", merge="continue") for _ in titles),
        *(_head(str(day.month)) for day in firsts)))

    effort = person_months_by_item(ctx)
    marks: dict[str, set[int]] = defaultdict(set)
    for checkpoint in ctx.proposal.checkpoints:
        marks[checkpoint.work_item].add(checkpoint.month)
    progress = [Decimal(0)] * months
    person_months = [Decimal(0)] * months
    body: list[Row] = []
    for sub in ctx.proposal.work:
        active = {m for i in sub.items  # only the plan's months are drawn
                  for m in range(max(i.start_month, 1), min(i.end_month, months) + 1)}
        body.append(Row(cells=(
            Cell.of(sub.code, align="center", shade=GROUP_SHADE, bold=True),
            Cell.of(sub.name, shade=GROUP_SHADE, bold=True),
            Cell.num(number(sum((i.weight for i in sub.items), Decimal(0))), shade=GROUP_SHADE),
            Cell.num(number(sum((effort[i.code] for i in sub.items), Decimal(0))),
                     shade=GROUP_SHADE),
            *(Cell.of("", shade=HEADER_SHADE if m in active else None)
              for m in range(1, months + 1)))))
        for item in sub.items:
            body.append(_item_row(item, effort[item.code], marks[item.code], months, labels))
            _spread(progress, item, item.weight)
            _spread(person_months, item, effort[item.code])
    cumulative, running = [], Decimal(0)
    for value in progress:
        running += value
        cumulative.append(running)
    total_weight = sum((i.weight for i in ctx.proposal.work_items), Decimal(0))
    total_effort = sum(effort.values(), Decimal(0))
    footer = (
        Row(bold=True, cells=(Cell.of(labels["progress"], span=2, align="center"),
                              Cell.num(number(total_weight)), Cell.of(""),
                              *(Cell.num(percent(v, 0)) for v in cumulative))),
        Row(bold=True, cells=(Cell.of(labels["person_months"], span=2, align="center"),
                              Cell.of(""), Cell.num(number(total_effort)),
                              *(Cell.num(number(v, 1) if v else "") for v in person_months))),
    )
    table_widths = (*(float(w) for w in labels["label_widths"]),
                    *([float(labels["month_width"])] * months))
    size = TINY_FONT if months >= TINY_FROM_MONTHS else SMALL_FONT
    table = Table(widths=table_widths, rows=(header_top, header_bottom, *body, *footer),
                  caption=labels["caption"], font_size=size, legend=labels["legend"],
                  compact=True)
    return (table,)


def _item_row(item: WorkItem, effort: Decimal, marks: set[int], months: int, labels: dict) -> Row:
    mark = labels["checkpoint_mark"]
    cells = [Cell.of(item.code, align="center"), Cell.of(item.name, indent=1),
             Cell.num(number(item.weight)), Cell.num(number(effort))]
    for month in range(1, months + 1):
        active = item.start_month <= month <= item.end_month
        cells.append(Cell.of(mark if month in marks else "", align="center",
                             shade=ACTIVE_SHADE if active else None))
    return Row(cells=tuple(cells))


def _spread(per_month: list[Decimal], item: WorkItem, amount: Decimal) -> None:
    """Add `amount` spread evenly over the item's months (within the plan period)."""
    first, last = max(item.start_month, 1), min(item.end_month, len(per_month))
    if last < first:
        return
    share = Decimal(amount) / (last - first + 1)
    for month in range(first, last + 1):
        per_month[month - 1] += share


def checkpoints(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the checkpoints in time order with their weights, and the total weight."""
    labels = labels_of(ctx, "checkpoints")
    start = ctx.plan.start
    ordered = sorted(ctx.proposal.checkpoints, key=lambda c: (c.month, c.code))
    rows: list[list[Cell]] = []
    for checkpoint in ordered:
        names = [person_name(ctx, ctx.people[p]) if p in ctx.people else p
                 for p in checkpoint.responsible]
        rows.append([Cell.of(checkpoint.code, align="center"),
                     Cell.of(roc_month(plan_month_end(start, checkpoint.month)), align="center"),
                     Cell.of(checkpoint.kpi), Cell.num(number(checkpoint.weight)),
                     Cell.of(join_list(names), align="center")])
    total = sum((c.weight for c in ordered), Decimal(0))
    table = grid(labels, rows)
    total_row = Row(bold=True, cells=(Cell.of(labels["total"], span=3, align="center"),
                                      Cell.num(number(total)), Cell.of("")))
    return (Table(widths=table.widths, rows=(*table.rows, total_row), caption=table.caption),)
