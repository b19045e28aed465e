"""Tables as WordprocessingML text: the build's bulk, written linearly and kept as text.

A 10× proposal has tens of thousands of table cells. Building each cell's dozen elements one
lxml call at a time (with python-docx's element-class lookup on every call) took 80% of a
large build, and the tree of a 100× proposal's tables took 230 MB (libxml2 spends ~600 bytes
on `<w:tcW w:w="1200" w:type="dxa"/>`). So the build writes each table as markup, puts a
placeholder in the document tree and splices the markup into the saved document.xml
(render.save). The markup is byte for byte what lxml would serialise for docx_xml's element
functions (the golden tests compare both); `table_element` parses it, for callers that want
an element.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml
from lxml import etree

from tiip_writer.render.blocks import Cell, Run, Table
from tiip_writer.render.table_fit import (
    BODY_SIZE,
    CELL_MARGIN,
    COMPACT_MARGIN,
    INDENT_STEP,
    bind_tail,
    break_hints,
    fitted_columns,
)

TABLE_STYLE = "TableGrid"

# \r as a reference: a parser would turn a literal one into \n (lxml's .text keeps it).
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})
_TABLE_LOOK = ('<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
               'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>')


def fit_widths(relative: Sequence[float], total: int) -> list[int]:
    """Return twip widths proportional to `relative` that add up to exactly `total`."""
    whole = sum(relative)
    widths = [int(total * r / whole) for r in relative]
    widths[-1] += total - sum(widths)
    return widths


def table_element(table: Table, text_width: int) -> etree._Element:
    """Return the <w:tbl> of `table` as an element (see table_markup)."""
    markup = table_markup(table, text_width)
    return parse_xml(markup.replace("<w:tbl>", f"<w:tbl {nsdecls('w')}>", 1))


def table_markup(table: Table, text_width: int) -> str:
    """Return the <w:tbl> of `table` as text, in a body that declares the w: prefix.

    Fixed layout, a width on every cell (fitted to the content: render.table_fit), header rows
    repeated on every page.
    """
    margin = COMPACT_MARGIN if table.compact else CELL_MARGIN
    widths, size = fitted_columns(table, fit_widths(table.widths, text_width), margin)
    out = [(f'<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/>')]
    if table.compact:
        out.append(f'<w:tblCellMar><w:left w:w="{COMPACT_MARGIN}" w:type="dxa"/>'
                   f'<w:right w:w="{COMPACT_MARGIN}" w:type="dxa"/></w:tblCellMar>')
    out.append(_TABLE_LOOK + "</w:tblPr><w:tblGrid>")
    out.extend(f'<w:gridCol w:w="{width}"/>' for width in widths)
    out.append("</w:tblGrid>")
    for row in table.rows:
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if row.header
                   else "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        column = 0
        for cell in row.cells:
            span_width = sum(widths[column:column + cell.span])
            column += cell.span
            _cell(out, cell, span_width, row.bold, row.header, size, margin)
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell(out: list[str], cell: Cell, width: int, row_bold: bool, header: bool,
          font_size: int | None, margin: int) -> None:
    out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
    if cell.span > 1:
        out.append(f'<w:gridSpan w:val="{cell.span}"/>')
    if cell.merge == "restart":
        out.append('<w:vMerge w:val="restart"/>')
    elif cell.merge:
        out.append("<w:vMerge/>")
    if cell.shade:
        out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{_attr(cell.shade)}"/>')
    out.append('<w:vAlign w:val="center"/></w:tcPr>')
    bold = cell.bold or row_bold
    # A continued vertical merge holds one empty paragraph: merged cells are built empty.
    lines: tuple[tuple[Run, ...], ...] = () if cell.merge == "continue" else cell.lines
    opening = _paragraph_opening(header, cell.indent, cell.align)
    room = width - 2 * margin - cell.indent * INDENT_STEP
    em = (font_size or BODY_SIZE) * 10
    for line in lines or ((),):
        out.append(opening)
        last = len(line) - 1
        for index, piece in enumerate(line):
            if piece.field:
                out.append(field_xml(piece.field, piece.text, bold or piece.bold, font_size))
                continue
            text = piece.text
            if index == last:  # keep the paragraph's last line from holding one character
                whole = "".join(p.text for p in line)
                bound = bind_tail(whole, room, em)
                if bound != whole and len(text) >= 3:  # the change lies in this run
                    text = bound[len(whole) - len(text):]
            out.append(run_xml(break_hints(text), bold or piece.bold, piece.italic, font_size))
        out.append("</w:p>")
    out.append("</w:tc>")


@cache
def _paragraph_opening(header: bool, indent: int, align: str) -> str:
    """Return `<w:p>` and the paragraph properties of a cell (a few kinds, thousands of cells)."""
    style = "TableHeading" if header else "TableText"
    properties = f'<w:p><w:pPr><w:pStyle w:val="{style}"/>'
    if indent:
        properties += f'<w:ind w:left="{indent * INDENT_STEP}"/>'
    align = "both" if align == "justify" else align
    return properties + f'<w:jc w:val="{_attr(align)}"/></w:pPr>'


def run_xml(text: str, bold: bool = False, italic: bool = False,
            size: int | None = None) -> str:
    """Return a <w:r> as text; newlines become line breaks and tabs become tab characters."""
    out = ["<w:r>"]
    if bold or italic or size:
        out.append("<w:rPr>")
        if bold:
            out.append("<w:b/><w:bCs/>")
        if italic:
            out.append("<w:i/><w:iCs/>")
        if size:
            out.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
        out.append("</w:rPr>")
    if "\n" not in text and "\t" not in text:  # nearly every cell: one piece of text
        if text:
            space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
            out.append(f"<w:t{space}>{text.translate(_TEXT)}</w:t>")
        out.append("</w:r>")
        return "".join(out)
    for index, line in enumerate(text.split("\n")):
        if index:
            out.append("<w:br/>")
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                out.append("<w:tab/>")
            if part:
                space = ' xml:space="preserve"' if part[0].isspace() or part[-1].isspace() else ""
                out.append(f"<w:t{space}>{part.translate(_TEXT)}</w:t>")
    out.append("</w:r>")
    return "".join(out)


def field_xml(instruction: str, result: str, bold: bool = False,
              size: int | None = None) -> str:
    """Return the runs of a complex field marked dirty (Word updates it when it opens the
    file; LibreOffice computes page references as it lays the document out)."""
    props = run_xml("", bold, False, size)[len("<w:r>"):-len("</w:r>")]
    return (f'<w:r>{props}<w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            f'<w:r>{props}<w:instrText xml:space="preserve"> {instruction.translate(_TEXT)} '
            f'</w:instrText></w:r><w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'{run_xml(result, bold, False, size)}'
            f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>')


def _attr(value: str) -> str:
    return value.translate(_ATTR)
