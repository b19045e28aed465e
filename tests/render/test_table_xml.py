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


def test_a_built_document_holds_every_table_and_no_placeholder() -> None:
    import io
    import zipfile
    from pathlib import Path

    import docx

    from tiip_writer.checking.pipeline import check_file
    from tiip_writer.render import build_document
    from tiip_writer.render.blocks import Table as TableBlock
    from tiip_writer.render.context import build_context
    from tiip_writer.render.library import load_library
    from tiip_writer.render.tables import BUILDERS
    from tiip_writer.render.templating import render

    sample = Path(__file__).resolve().parents[2] / "samples" / "topdown-joint-two-companies.yaml"
    checked = check_file(sample)
    built = build_document(checked)
    assert built.docx is not None
    xml = zipfile.ZipFile(io.BytesIO(built.docx)).read("word/document.xml").decode("utf-8")
    library = load_library(None)
    context = build_context(checked.proposal, library.tables, sample.parent,
                            default_agency=checked.ruleset.agency, budget=checked.budget)
    tables = [b for blocks in render(library, context, BUILDERS).blocks.values() for b in blocks
              if isinstance(b, TableBlock)]
    assert "<?tiip-table" not in xml
    assert xml.count("<w:tbl>") == len(tables) > 20
    document = docx.Document(io.BytesIO(built.docx))  # Word's view: every table, every row
    assert [len(t.rows) for t in document.tables] == [len(t.rows) for t in tables]
