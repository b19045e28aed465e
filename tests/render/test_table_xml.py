"""Table cells written as markup equal the paragraphs docx_xml builds element by element."""

from __future__ import annotations

import re

from lxml import etree

from tiip_writer.render import docx_xml as X
from tiip_writer.render.blocks import Cell, Row, Run, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRICKY = ("a & b <c> \"q\" 'x'", " leading and trailing ", "two\nlines", "tab\there", "cr\rkept",
          "全形　空白", "")


def _xml(element: etree._Element) -> str:
    return re.sub(r' xmlns:\w+="[^"]+"', "", etree.tostring(element, encoding="unicode"))


def test_cell_paragraphs_match_the_element_builders() -> None:
    line = tuple(Run(text, bold=index % 2 == 0, italic=index % 3 == 0)
                 for index, text in enumerate(TRICKY))
    cell = Cell(lines=(line, (Run("second"),)), align="right", indent=2, shade="F2F2F2")
    table = Table(widths=(1,), rows=(Row(cells=(cell,), bold=False),), font_size=18)
    paragraphs = X.table_element(table, 5000).findall(f"{W}tr/{W}tc/{W}p")
    expected = [X.paragraph([X.run(r.text, r.bold, r.italic, 18) for r in runs], "TableText",
                            "right", indent=2 * 360) for runs in cell.lines]
    assert [_xml(p) for p in paragraphs] == [_xml(p) for p in expected]


def test_a_continued_merge_is_one_empty_paragraph_and_text_survives_a_round_trip() -> None:
    table = Table(widths=(1, 1), rows=(
        Row(cells=(Cell.of("<&>", merge="restart"), Cell.of("x\ry"))),
        Row(cells=(Cell(merge="continue"), Cell.of("z"))),
    ))
    element = X.table_element(table, 2000)
    texts = ["".join(t.text for t in tc.iter(f"{W}t")) for tc in element.iter(f"{W}tc")]
    assert texts == ["<&>", "x\ry", "", "z"]
    assert len(list(element.findall(f"{W}tr")[1].find(f"{W}tc").iter(f"{W}p"))) == 1
