"""What the table builders return: paragraphs and tables described as data, not as Word XML.

The docx stage (docx_xml) turns these into WordprocessingML; golden tests compare that XML.
Keeping the description separate lets a builder be tested without Word and lets the widths be
fitted to the page (portrait or landscape) only when the block is placed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from typing_extensions import Self

# Named tuples, not dataclasses: a build makes thousands of cells and runs, a tuple is built
# about twice as fast as a frozen dataclass, and defining one compiles one small function
# instead of six (~1 ms a class on every run). Immutable, hashable and compared by value,
# with the same repr, as the frozen dataclasses were.

Align = Literal["left", "center", "right"]

HEADER_SHADE = "D9D9D9"  # header rows
GROUP_SHADE = "F2F2F2"   # sub-plan and category rows
ACTIVE_SHADE = "A6A6A6"  # Gantt: months a work item is active


class Run(NamedTuple):
    """A piece of text with one formatting; with `field`, a Word field (e.g. 'PAGEREF x \\h')
    whose last known result is `text` (the layout fills in a page number)."""

    text: str
    bold: bool = False
    italic: bool = False
    field: str | None = None


class Para(NamedTuple):
    """One paragraph: its runs, Word style id and alignment (None: the style's)."""

    runs: tuple[Run, ...]
    style: str = "BodyText"
    align: Align | None = None
    keep_next: bool = False
    page_break_before: bool = False

    @classmethod
    def of(cls, text: str, style: str = "BodyText", **kwargs: object) -> Para:
        """Return a paragraph of plain `text`."""
        return cls(runs=(Run(text),), style=style, **kwargs)  # type: ignore[arg-type]


class Cell(NamedTuple):
    """A table cell. `lines` are its paragraphs; `merge` is a vertical merge role."""

    lines: tuple[tuple[Run, ...], ...] = ()
    align: Align = "left"
    bold: bool = False
    shade: str | None = None
    span: int = 1
    merge: Literal["restart", "continue"] | None = None
    indent: int = 0  # indentation steps (the plan tree)

    @classmethod
    def of(cls, text: object = "", **kwargs: object) -> Cell:
        """Return a cell of plain text (newlines start new paragraphs)."""
        value = "" if text is None else str(text)
        lines = tuple((Run(line),) for line in value.split("\n")) if value else ()
        return cls(lines=lines, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def num(cls, text: str, **kwargs: object) -> Cell:
        """Return a right-aligned number cell."""
        return cls.of(text, align="right", **kwargs)


class Row(NamedTuple):
    """A table row; header rows repeat on every page, bold rows are totals."""

    cells: tuple[Cell, ...]
    header: bool = False
    bold: bool = False


class _TableFields(NamedTuple):
    widths: tuple[float, ...]
    rows: tuple[Row, ...]
    caption: str | None = None
    font_size: int | None = None  # half-points; None: the Table Text style's size
    note: str | None = None  # e.g. 單位：新台幣千元, shown above the table at the right
    legend: str | None = None  # shown below the table
    compact: bool = False  # narrow cell margins (the Gantt's month columns)


class Table(_TableFields):
    """A table: relative column widths, rows, an optional caption (表N is added when placed).
    Every row spans as many columns as there are widths (ValueError otherwise)."""

    __slots__ = ()

    def __new__(cls, *args: object, **kwargs: object) -> Self:
        table = super().__new__(cls, *args, **kwargs)  # type: ignore[arg-type]
        for index, row in enumerate(table.rows):
            columns = sum(cell.span for cell in row.cells)
            if columns != len(table.widths):
                raise ValueError(f"row {index} spans {columns} columns, the table has "
                                 f"{len(table.widths)}")
        return table


Block = Para | Table


def header_row(*titles: str, span: dict[int, int] | None = None) -> Row:
    """Return a shaded, repeating header row of centred bold titles."""
    spans = span or {}
    return Row(cells=tuple(Cell.of(t, align="center", bold=True, shade=HEADER_SHADE,
                                   span=spans.get(i, 1)) for i, t in enumerate(titles)),
               header=True)
