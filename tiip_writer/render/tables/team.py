"""伍、人力: the principal investigator, the staff list and staff statistics, per unit."""

from __future__ import annotations

from decimal import Decimal

from tiip_writer.model.proposal import Person
from tiip_writer.render.blocks import GROUP_SHADE, Block, Cell, Row, Table
from tiip_writer.render.context import TemplateContext
from tiip_writer.render.formatting import DASH, join_list, number
from tiip_writer.render.markdown_text import unwrap
from tiip_writer.render.tables.common import (
    grid,
    labels_of,
    none_row,
    person_name,
    unit_name,
    widths,
)


def _effort(person: Person) -> Decimal:
    return sum(person.effort.values(), Decimal(0))


def principal_investigator(ctx: TemplateContext) -> tuple[Block, ...]:
    """Return the principal investigator's name, title, education, experience and effort."""
    labels = labels_of(ctx, "principal_investigator")
    names, pi = labels["rows"], ctx.pi
    if pi is None:
        return (Table(widths=widths(labels), rows=(Row(cells=tuple(none_row(ctx, 2))),),
                      caption=labels["caption"]),)
    values = {"name": person_name(ctx, pi), "title": pi.title,
              "education": pi.education or pi.degree, "experience": unwrap(pi.experience or DASH),
              "years": number(pi.years), "effort": number(_effort(pi))}
    rows = tuple(Row(cells=(Cell.of(names[key], bold=True, shade=GROUP_SHADE, align="center"),
                            Cell.of(values[key]))) for key in names)
    return (Table(widths=widths(labels), rows=rows, caption=labels["caption"]),)


def team(ctx: TemplateContext, unit: str | None = None) -> tuple[Block, ...]:
    """Return the staff of `unit` (all units when None) with their effort, and the total."""
    labels = labels_of(ctx, "team")
    people = [p for p in ctx.proposal.team if unit is None or p.unit == unit]
    rows = [[Cell.of(labels["pi"] if p.pi else p.kind, align="center"),
             Cell.of(p.id, align="center"), Cell.of(person_name(ctx, p), align="center"),
             Cell.of(p.title), Cell.of(p.education or p.degree), Cell.of(unwrap(p.experience or DASH)),
             Cell.num(number(p.years)), Cell.of(join_list(p.effort), align="center"),
             Cell.num(number(_effort(p)))] for p in people]
    table = grid(labels, rows or [none_row(ctx, 9)], unit=_unit_title(ctx, unit))
    total = sum((_effort(p) for p in people), Decimal(0))
    total_row = Row(bold=True, cells=(Cell.of(labels["total"], span=8, align="center"),
                                      Cell.num(number(total))))
    return (Table(widths=table.widths, rows=(*table.rows, total_row), caption=table.caption),)


def staff_stats(ctx: TemplateContext, unit: str | None = None) -> tuple[Block, ...]:
    """Return head counts of `unit`'s staff by degree and gender (to-be-hired counted apart)."""
    labels = labels_of(ctx, "staff_stats")
    degrees, names = list(labels["degrees"]), labels["rows"]
    people = [p for p in ctx.proposal.team if unit is None or p.unit == unit]

    def group(person: Person) -> str:
        if person.name is None or person.gender is None:
            return "unknown"
        return "male" if person.gender == "男" else "female"

    rows: list[Row] = [Row(header=True, cells=tuple(
        Cell.of(t, align="center", bold=True, shade="D9D9D9")
        for t in (labels["first_column"], *degrees, labels["total"])))]
    for key in ("male", "female", "unknown"):
        members = [p for p in people if group(p) == key]
        counts = [sum(1 for p in members if p.degree == d) for d in degrees]
        rows.append(Row(cells=(Cell.of(names[key], align="center"),
                               *(Cell.num(str(c)) for c in counts), Cell.num(str(len(members))))))
    totals = [sum(1 for p in people if p.degree == d) for d in degrees]
    rows.append(Row(bold=True, cells=(Cell.of(labels["total"], align="center"),
                                      *(Cell.num(str(c)) for c in totals),
                                      Cell.num(str(len(people))))))
    caption = str(labels["caption"]).format(unit=_unit_title(ctx, unit))
    return (Table(widths=widths(labels), rows=tuple(rows), caption=caption),)


def _unit_title(ctx: TemplateContext, unit: str | None) -> str:
    """Return the unit name used in captions ('' for the whole plan of a single company)."""
    if unit is None:
        return ""
    return unit_name(ctx, unit)
