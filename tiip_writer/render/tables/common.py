"""Helpers shared by the table builders: labels, simple grids, names of units and people."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tiip_writer.model.proposal import Person
from tiip_writer.render.blocks import Cell, Row, Table, header_row
from tiip_writer.render.context import TemplateContext
from tiip_writer.render.labels import Section, section, text


def labels_of(ctx: TemplateContext, table: str) -> Section:
    """Return the tables.yaml section of `table` (LabelError when the library lacks it)."""
    return section(ctx.labels, table)


def widths(section: Section, key: str = "widths") -> tuple[float, ...]:
    """Return the relative column widths listed in a labels section."""
    return tuple(float(w) for w in section[key])


def grid(section: Section, rows: Iterable[Sequence[Cell]], caption: str | None = None,
         note: str | None = None, **caption_fields: str) -> Table:
    """Return a table with the section's widths and column titles as a repeating header."""
    title = caption if caption is not None else dict(section).get("caption")
    if title and caption_fields:
        title = str(title).format(**caption_fields)
    body = [Row(cells=tuple(cells)) for cells in rows]
    return Table(widths=widths(section), rows=(header_row(*section["columns"]), *body),
                 caption=title, note=note)


def none_row(ctx: TemplateContext, columns: int) -> list[Cell]:
    """Return one row saying 「無」 across `columns` columns."""
    return [Cell.of(text(ctx.labels, "none"), align="center", span=columns)]


def flag(ctx: TemplateContext, value: bool | None) -> str:
    """Return 是/否 from the labels for a yes/no fact."""
    return text(ctx.labels, "true_text" if value else "false_text")


def unit_name(ctx: TemplateContext, unit_id: str | None) -> str:
    """Return the name of the company or partner `unit_id` (the lead when None)."""
    if unit_id is None:
        return ctx.lead.name
    return ctx.unit_names.get(unit_id, unit_id)


def person_name(ctx: TemplateContext, person: Person) -> str:
    """Return a person's name, or 待聘 for staff still to be hired."""
    return person.name or text(ctx.labels, "to_be_hired")


def money_note(ctx: TemplateContext) -> str:
    """Return the unit note printed above money tables."""
    return text(ctx.labels, "money_note")
