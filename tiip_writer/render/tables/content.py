"""貳、參、陸: market figures, specs, competitors, plan tree, outsourcing, benefits, risks, attachments."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from tiip_writer.model.proposal import OutsourcedLine
from tiip_writer.render.blocks import GROUP_SHADE, Block, Cell, Row, Table, header_row
from tiip_writer.render.context import TemplateContext
from tiip_writer.render.formatting import (
    DASH,
    money,
    number,
    percent,
    plan_month_end,
    plan_month_start,
    roc_month,
)
from tiip_writer.render.markdown_text import unwrap
from tiip_writer.render.tables.common import grid, labels_of, money_note, none_row, unit_name

OUTSOURCED_KINDS = ("intangible_assets", "commissioned_research")


def market_figures(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the sourced market figures."""
    labels = labels_of(ctx, "market_figures")
    rows = [[Cell.of(f.label), Cell.num(number(f.value)), Cell.of(f.unit, align="center"),
             Cell.of(f.year if f.year else DASH, align="center"), Cell.of(f.source or DASH),
             Cell.of(f.as_of or DASH, align="center")]
            for f in ctx.proposal.market.figures]
    return (grid(labels, rows or [none_row(ctx, 6)]),)


def specs(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the target specifications against the domestic and foreign state of the art."""
    labels = labels_of(ctx, "specs")
    rows = [[Cell.of(s.item), Cell.of(s.unit or DASH, align="center"),
             Cell.of(s.target, align="center"), Cell.of(s.domestic, align="center"),
             Cell.of(s.foreign, align="center")]
            for s in ctx.proposal.technology.specs]
    return (grid(labels, rows or [none_row(ctx, 5)]),)


def competitors(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the competitor comparison: one column for this plan, one per competitor."""
    labels = labels_of(ctx, "competitors")
    competition = ctx.proposal.competition
    columns = (competition.ours, *competition.competitors)
    titles = [labels["columns"]["item"], labels["columns"]["ours"],
              *(c.name or DASH for c in competition.competitors)]
    rows = [header_row(*titles)]
    for key, title in labels["rows"].items():
        rows.append(Row(cells=(Cell.of(title, bold=True, shade=GROUP_SHADE, align="center"),
                               *(Cell.of(getattr(c, key) or DASH) for c in columns))))
    table_widths = (float(labels["label_width"]), *([2.0] * len(columns)))
    return (Table(widths=table_widths, rows=tuple(rows), caption=labels["caption"]),)


def _outsourced(ctx: TemplateContext) -> Iterator[tuple[str, OutsourcedLine]]:
    for unit in ctx.proposal.budget.units.values():
        for kind in OUTSOURCED_KINDS:
            for line in getattr(unit, kind):
                yield kind, line


def plan_tree(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the plan tree as an indented table: plan, sub-plans, work items, outsourcing."""
    labels = labels_of(ctx, "plan_tree")
    kinds = labels["outsourced"]
    attached: dict[str, list[tuple[str, OutsourcedLine]]] = {}
    for kind, line in _outsourced(ctx):
        attached.setdefault(line.work_item or "", []).append((kind, line))
    work = ctx.proposal.work
    executors = dict.fromkeys(unit_name(ctx, i.executor or s.executor) for s in work for i in s.items)
    total = sum((i.weight for i in ctx.proposal.work_items), Decimal(0))
    rows: list[list[Cell]] = [[
        Cell.of(DASH, align="center", bold=True), Cell.of(ctx.plan.title, bold=True),
        Cell.num(number(total), bold=True), Cell.of("\n".join(executors), bold=True)]]
    for sub in work:
        weight = sum((i.weight for i in sub.items), Decimal(0))
        rows.append([Cell.of(sub.code, align="center", shade=GROUP_SHADE),
                     Cell.of(sub.name, indent=1, shade=GROUP_SHADE),
                     Cell.num(number(weight), shade=GROUP_SHADE),
                     Cell.of(unit_name(ctx, sub.executor), shade=GROUP_SHADE)])
        for item in sub.items:
            rows.append([Cell.of(item.code, align="center"), Cell.of(item.name, indent=2),
                         Cell.num(number(item.weight)),
                         Cell.of(unit_name(ctx, item.executor or sub.executor))])
            for kind, line in attached.pop(item.code, []):
                rows.append([Cell.of(""), Cell.of(f"【{kinds[kind]}】{line.item}", indent=3),
                             Cell.num(DASH), Cell.of(line.counterpart)])
    return (grid(labels, rows),)


def outsourcing(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return technology transfer (無形資產引進) and commissioned research (委託研究) lines."""
    labels = labels_of(ctx, "outsourcing")
    kinds, start = labels["kinds"], ctx.plan.start
    rows = [[Cell.of(f"【{kinds[kind]}】{line.item}"), Cell.of(line.counterpart),
             Cell.num(money(line.amount)), Cell.of(unwrap(line.content)),
             Cell.of(f"{roc_month(plan_month_start(start, line.start_month))}–"
                     f"{roc_month(plan_month_end(start, line.end_month))}", align="center")]
            for kind, line in _outsourced(ctx)]
    return (grid(labels, rows or [none_row(ctx, 5)], note=money_note(ctx)),)


def benefits(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the quantified benefits that the proposal states."""
    labels = labels_of(ctx, "benefits")
    quantified = ctx.proposal.benefits.quantified
    rows = [[Cell.of(title), Cell.num(number(getattr(quantified, key))),
             Cell.of(unit, align="center")]
            for key, (title, unit) in labels["rows"].items()
            if getattr(quantified, key) is not None]
    rows += [[Cell.of(o.item), Cell.num(number(o.value)), Cell.of(o.unit, align="center")]
             for o in quantified.others]
    return (grid(labels, rows or [none_row(ctx, 3)]),)


def value_uplift(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the 產業高值 before/after comparison of unit price, margin, volume and sales."""
    labels = labels_of(ctx, "value_uplift")
    uplift = ctx.proposal.plan_specific.value_uplift
    if uplift is None:
        return (grid(labels, [none_row(ctx, 4)], caption=labels["caption"].format(product="")),)
    names, before, after = labels["rows"], uplift.before, uplift.after

    def times(old: Decimal, new: Decimal) -> str:
        return labels["times"].format(value=percent(new / old, 1)) if old else DASH

    unit = after.volume_unit or before.volume_unit or ""
    sales_before, sales_after = before.unit_price * before.annual_volume, after.unit_price * after.annual_volume
    rows = [
        [Cell.of(names["unit_price"]), Cell.num(money(before.unit_price)),
         Cell.num(money(after.unit_price)), Cell.num(times(before.unit_price, after.unit_price))],
        [Cell.of(names["gross_margin"]), Cell.num(percent(before.gross_margin)),
         Cell.num(percent(after.gross_margin)), Cell.num(times(before.gross_margin, after.gross_margin))],
        [Cell.of(names["annual_volume"]), Cell.num(f"{number(before.annual_volume)} {unit}".strip()),
         Cell.num(f"{number(after.annual_volume)} {unit}".strip()),
         Cell.num(times(before.annual_volume, after.annual_volume))],
        [Cell.of(names["annual_sales"]), Cell.num(money(sales_before)), Cell.num(money(sales_after)),
         Cell.num(times(sales_before, sales_after))],
    ]
    return (grid(labels, rows, caption=labels["caption"].format(product=uplift.product)),)


def feasibility(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the quantified system-feasibility metrics (創新優化-展系統)."""
    labels = labels_of(ctx, "feasibility")
    system = ctx.proposal.plan_specific.system_feasibility
    rows = [[Cell.of(m.item), Cell.num(number(m.value)), Cell.of(m.unit, align="center"),
             Cell.of(m.basis or DASH)] for m in (system.metrics if system else ())]
    return (grid(labels, rows or [none_row(ctx, 4)]),)


def risks(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the risks with their impact and response."""
    labels = labels_of(ctx, "risks")
    rows = [[Cell.of(unwrap(r.risk)), Cell.of(unwrap(r.impact)), Cell.of(unwrap(r.response))]
            for r in ctx.proposal.risks]
    return (grid(labels, rows or [none_row(ctx, 3)]),)


def attachments(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the list of attachments."""
    labels = labels_of(ctx, "attachments")
    rows = [[Cell.of(index, align="center"), Cell.of(a.title), Cell.of(a.kind or DASH, align="center"),
             Cell.of(a.note or "")] for index, a in enumerate(ctx.proposal.attachments, start=1)]
    return (grid(labels, rows or [none_row(ctx, 4)]),)

