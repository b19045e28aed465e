"""伍、經費需求: the budget tables, laid out from the budget engine's BudgetReport.

Every figure here is read from tiip_writer.budget (line amounts, rows, groups, totals, plan
years); nothing is recomputed, so the document agrees with `tiip budget` and the rules.
"""

from __future__ import annotations

from typing import Any

from tiip_writer.budget import BudgetLine, BudgetReport, Group
from tiip_writer.budget import Table as BudgetTable
from tiip_writer.render.blocks import GROUP_SHADE, HEADER_SHADE, Block, Cell, Row, Table
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
from tiip_writer.render.labels import Section
from tiip_writer.render.tables.common import labels_of, money_note, none_row, unit_name
from tiip_writer.render.templating import TemplateDirectiveError

SMALL_FONT = 16  # half-points (8 pt): the per-year table has many columns


def report(ctx: TemplateContext) -> BudgetReport:
    """Return the budget engine's report, or fail with a message naming the cause."""
    if ctx.budget is None:
        raise TemplateDirectiveError("沒有經費計算結果（計畫年度的規則集無法使用），無法產生經費表。",
                                     "no budget was computed (the programme year's rule set is "
                                     "unusable), so budget tables cannot be built.")
    return ctx.budget


def _table_of(ctx: TemplateContext, unit: str | None) -> BudgetTable:
    budget = report(ctx)
    if unit is None:
        return budget.table
    found = budget.unit(unit)
    if found is None:
        raise TemplateDirectiveError(f"經費中沒有單位「{unit}」", f"the budget has no unit '{unit}'")
    return found.table


def _head(text: str, **kwargs: Any) -> Cell:
    return Cell.of(text, align="center", bold=True, shade=HEADER_SHADE, **kwargs)


def summary_budget_rows(ctx: TemplateContext, title: str, labels: Section) -> list[Row]:
    """Return the summary sheet's budget grid: subsidy, self-funding, total, person-months,
    as amounts and as shares of the total, each row named."""
    budget = report(ctx)
    amounts = budget.amounts
    item, amount_row, percent_row = labels["budget_rows"]
    return [
        Row(cells=(Cell.of(title, bold=True, shade=GROUP_SHADE, align="center", merge="restart"),
                   _head(item), *(_head(t) for t in labels["budget_columns"]))),
        Row(cells=(Cell(merge="continue", shade=GROUP_SHADE), Cell.of(amount_row, align="center"),
                   Cell.num(money(amounts.subsidy)),
                   Cell.num(money(amounts.self_funding)), Cell.num(money(amounts.total)),
                   Cell.num(number(budget.person_months)))),
        Row(cells=(Cell(merge="continue", shade=GROUP_SHADE), Cell.of(percent_row, align="center"),
                   Cell.num(percent(amounts.subsidy_pct)),
                   Cell.num(percent(amounts.self_funding_pct)),
                   Cell.num(percent(100 if amounts.total else 0)), Cell.num(DASH))),
    ]


def budget_summary(ctx: TemplateContext, unit: str | None = None) -> tuple[Block, ...]:
    """Return the 經費需求總表: groups with subcategory rows under a merged group cell.

    In an industry+academia plan the 補助款 column splits into its funders (工業局, 科技部) and
    their sum, under one header cell, as 產學共同提案經費編列方式 sets the two shares apart.
    """
    labels = labels_of(ctx, "budget_summary")
    table = _table_of(ctx, unit)
    split = report(ctx).academia
    columns = labels["columns"]
    if split:
        funders = labels["funders"]
        rows: list[Row] = [
            Row(header=True, cells=(
                _head(columns[0], span=2, merge="restart"), _head(columns[1], span=len(funders)),
                *(_head(t, merge="restart") for t in columns[2:]))),
            Row(header=True, cells=(
                _head("", span=2, merge="continue"), *(_head(t) for t in funders),
                *(_head("", merge="continue") for _ in columns[2:])))]
    else:
        rows = [Row(header=True, cells=(
            _head(columns[0], span=2), *(_head(t) for t in columns[1:])))]
    for group in table.groups:
        rows.extend(_group_rows(group, labels, split))
    total = table.amounts
    rows.append(Row(bold=True, cells=(
        Cell.of(labels["total"], span=2, align="center"), *_subsidy_cells(total, split),
        Cell.num(money(total.self_funding)), Cell.num(money(total.total)),
        Cell.num(percent(100 if total.total else 0)))))
    shares = ((percent(total.subsidy_moea_pct), percent(total.subsidy_most_pct)) if split
              else ())
    rows.append(Row(bold=True, cells=(
        Cell.of(labels["percent"], span=2, align="center"), *(Cell.num(s) for s in shares),
        Cell.num(percent(total.subsidy_pct)), Cell.num(percent(total.self_funding_pct)),
        Cell.num(percent(100 if total.total else 0)), Cell.of(""))))
    widths = tuple(float(w) for w in labels["funder_widths" if split else "widths"])
    caption = labels["caption"].format(unit=unit_name(ctx, unit) if unit else "")
    return (Table(widths=widths, rows=tuple(rows), caption=caption, note=money_note(ctx)),)


def _subsidy_cells(amounts: Any, split: bool, bold: bool = False) -> tuple[Cell, ...]:
    """Return the subsidy cell, or with `split` the 工業局 and 科技部 cells and their sum."""
    figures = ((amounts.subsidy_moea, amounts.subsidy_most) if split else ()) + (amounts.subsidy,)
    return tuple(Cell.num(money(f), bold=bold) for f in figures)


def _group_rows(group: Group, labels: Section, split: bool) -> list[Row]:
    """Return a group's rows: one row, or its subcategories under a merged cell plus 小計."""
    def figures(amounts: Any, share: Any, bold: bool = False) -> tuple[Cell, ...]:
        return (*_subsidy_cells(amounts, split, bold),
                Cell.num(money(amounts.self_funding), bold=bold),
                Cell.num(money(amounts.total), bold=bold), Cell.num(percent(share), bold=bold))

    if len(group.rows) == 1 and group.rows[0].label == group.name:
        return [Row(cells=(Cell.of(group.name, span=2), *figures(group.amounts, group.share)))]
    rows = [Row(cells=(Cell.of(group.name, merge="restart" if index == 0 else "continue"),
                       Cell.of(row.label), *figures(row.amounts, row.share)))
            for index, row in enumerate(group.rows)]
    rows.append(Row(cells=(Cell(merge="continue"),
                           Cell.of(labels["subtotal"], bold=True, shade=GROUP_SHADE),
                           *(Cell(lines=c.lines, align=c.align, bold=True, shade=GROUP_SHADE)
                             for c in figures(group.amounts, group.share)))))
    return rows


def budget_years(ctx: TemplateContext, unit: str | None = None) -> tuple[Block, ...]:
    """Return the allocation per plan year: one column group (補助款/自籌款/合計) per year."""
    labels = labels_of(ctx, "budget_years")
    budget = report(ctx)
    found = budget.unit(unit) if unit else None
    tables = [y.table for y in budget.years] if found is None else list(found.years)
    whole = _table_of(ctx, unit)
    titles = [labels["year"].format(number=y.number, start=roc_month(y.start), end=roc_month(y.end))
              for y in budget.years] + [labels["total"]]
    parts = labels["parts"]
    top = Row(header=True, cells=(_head(labels["columns"][0], merge="restart"),
                                  *(_head(t, span=3) for t in titles)))
    bottom = Row(header=True, cells=(_head("", merge="continue"),
                                     *(_head(p) for _ in titles for p in parts)))
    rows = [top, bottom]
    for index, group in enumerate(whole.groups):
        cells = [Cell.of(group.name)]
        for table in [*tables, whole]:
            amounts = table.groups[index].amounts
            cells += [Cell.num(money(amounts.subsidy)), Cell.num(money(amounts.self_funding)),
                      Cell.num(money(amounts.total))]
        rows.append(Row(cells=tuple(cells)))
    total_cells = [Cell.of(labels["total"], align="center")]
    for table in [*tables, whole]:
        total_cells += [Cell.num(money(table.amounts.subsidy)),
                        Cell.num(money(table.amounts.self_funding)),
                        Cell.num(money(table.amounts.total))]
    rows.append(Row(bold=True, cells=tuple(total_cells)))
    # Totals carry one more digit than their parts, so their columns are a little wider; narrow
    # cell margins keep a three-year plan's 13 columns on a portrait page without wrapping.
    widths = (float(labels["label_width"]), *([1.0, 1.0, 1.2] * len(titles)))
    caption = labels["caption"].format(unit=unit_name(ctx, unit) if unit else "")
    return (Table(widths=widths, rows=tuple(rows), caption=caption, note=money_note(ctx),
                  font_size=SMALL_FONT, compact=True),)


def budget_detail(ctx: TemplateContext, category: str, unit: str | None = None) -> tuple[Block, ...]:
    """Return the detail table of one budget category (columns from tables.yaml)."""
    labels = labels_of(ctx, "budget_details")
    spec = labels["categories"][category]
    columns = list(spec["columns"])
    lines = [line for line in report(ctx).lines
             if line.category == category and (unit is None or line.unit == unit)]
    header = Row(header=True, cells=tuple(_head(str(c["title"])) for c in columns))
    body = [Row(cells=tuple(_detail_cell(ctx, line, c) for c in columns)) for line in lines]
    if not body:
        body = [Row(cells=tuple(none_row(ctx, len(columns))))]
    else:
        body.append(_detail_total(ctx, unit, category, columns, labels["total"]))
    caption = labels["caption"].format(unit=unit_name(ctx, unit) if unit else "",
                                       category=spec["title"])
    widths = tuple(float(c["width"]) for c in columns)
    return (Table(widths=widths, rows=(header, *body), caption=caption, note=money_note(ctx)),)


MONEY_FIELDS = {"amount": lambda a: a.total, "subsidy": lambda a: a.subsidy,
                "self_funding": lambda a: a.self_funding}


def _detail_cell(ctx: TemplateContext, line: BudgetLine, column: Any) -> Cell:
    field, kind = str(column["field"]), str(column.get("format", "text"))
    if field in MONEY_FIELDS:
        return Cell.num(money(MONEY_FIELDS[field](line.amounts)))
    value: Any = {"label": line.label, "row": line.row, "formula": line.formula,
                  "rate": line.rate, "unit_name": unit_name(ctx, line.unit)}.get(field)
    if value is None:
        value = getattr(line.source, field, None)
    if kind == "number":
        return Cell.num(number(value))
    if kind == "money":
        return Cell.num(money(value))
    if kind == "months":
        return Cell.of(_month_range(ctx, line), align="center")
    return Cell.of(DASH if value is None else value, align=column.get("align", "left"))


def _month_range(ctx: TemplateContext, line: BudgetLine) -> str:
    source, start = line.source, ctx.plan.start
    return (f"{roc_month(plan_month_start(start, source.start_month))}–"
            f"{roc_month(plan_month_end(start, source.end_month))}")


def _detail_total(ctx: TemplateContext, unit: str | None, category: str, columns: list,
                  title: str) -> Row:
    """Return the category's total row, its money read from the engine's summary rows."""
    rows = [r for g in _table_of(ctx, unit).groups for r in g.rows if r.category == category]
    amounts = sum((r.amounts for r in rows[1:]), rows[0].amounts) if rows else None
    fields = [str(c["field"]) for c in columns]
    first_money = next((i for i, f in enumerate(fields) if f in MONEY_FIELDS), len(fields))
    cells: list[Cell] = [Cell.of(title, align="center", span=first_money)] if first_money else []
    for field in fields[first_money:]:
        figure = MONEY_FIELDS.get(field)
        cells.append(Cell.num(money(figure(amounts))) if figure and amounts else Cell.of(""))
    return Row(bold=True, cells=tuple(cells))
