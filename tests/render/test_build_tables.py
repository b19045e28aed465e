"""Golden tests on the table XML: merged cells, repeated header rows, widths on every cell."""

from __future__ import annotations

import re

from lxml import etree

from tiip_writer.render import docx_xml as X
from tiip_writer.render.blocks import Cell, Row, Table, header_row

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def normalised(element: etree._Element) -> str:
    """Return the element's XML without namespace declarations, one line."""
    text = etree.tostring(element, encoding="unicode")
    return re.sub(r' xmlns:\w+="[^"]+"', "", text)


def test_table_xml_golden() -> None:
    table = Table(widths=(1, 2, 1), rows=(
        header_row("科目", "細項", "金額"),
        Row(cells=(Cell.of("人事費", merge="restart"), Cell.of("研發人員"), Cell.num("5,580"))),
        Row(cells=(Cell(merge="continue"), Cell.of("顧問"), Cell.num("90"))),
        Row(bold=True, cells=(Cell.of("合計", span=2, align="center"), Cell.num("5,670"))),
    ))
    xml = normalised(X.table_element(table, 4000))
    assert xml == (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="4000" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" '
        'w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" '
        'w:noVBand="1"/></w:tblPr>'
        '<w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="2000"/><w:gridCol w:w="1000"/></w:tblGrid>'
        # header row: repeated on every page, shaded, bold centred titles
        '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
        '<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/><w:shd w:val="clear" w:color="auto" '
        'w:fill="D9D9D9"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle '
        'w:val="TableHeading"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr>'
        '<w:t>科目</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/><w:shd w:val="clear" w:color="auto" '
        'w:fill="D9D9D9"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle '
        'w:val="TableHeading"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr>'
        '<w:t>細項</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/><w:shd w:val="clear" w:color="auto" '
        'w:fill="D9D9D9"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle '
        'w:val="TableHeading"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr>'
        '<w:t>金額</w:t></w:r></w:p></w:tc></w:tr>'
        # first merged row: the group cell starts a vertical merge
        '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
        '<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/><w:vMerge w:val="restart"/>'
        '<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>'
        '<w:jc w:val="left"/></w:pPr><w:r><w:t>人事費</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p>'
        '<w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="left"/></w:pPr><w:r><w:t>研發人員</w:t>'
        '</w:r></w:p></w:tc>'
        '<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p>'
        '<w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="right"/></w:pPr><w:r><w:t>5,580</w:t>'
        '</w:r></w:p></w:tc></w:tr>'
        # continued merge: an empty cell (merged cells are built empty)
        '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
        '<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/><w:vMerge/><w:vAlign w:val="center"/>'
        '</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="left"/></w:pPr></w:p></w:tc>'
        '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p>'
        '<w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="left"/></w:pPr><w:r><w:t>顧問</w:t></w:r>'
        '</w:p></w:tc>'
        '<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p>'
        '<w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="right"/></w:pPr><w:r><w:t>90</w:t></w:r>'
        '</w:p></w:tc></w:tr>'
        # totals row: bold, the label spans two grid columns with their summed width
        '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
        '<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/><w:gridSpan w:val="2"/>'
        '<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>'
        '<w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>合計</w:t></w:r>'
        '</w:p></w:tc>'
        '<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p>'
        '<w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:b/>'
        '<w:bCs/></w:rPr><w:t>5,670</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')


def test_widths_fill_the_text_width_exactly() -> None:
    assert X.fit_widths((1, 1, 1), 9638) == [3212, 3212, 3214]


def test_a_row_that_does_not_fill_the_grid_is_refused() -> None:
    try:
        Table(widths=(1, 1), rows=(Row(cells=(Cell.of("a"),)),))
    except ValueError as error:
        assert "spans 1 columns" in str(error)
    else:
        raise AssertionError("a short row was accepted")


def test_landscape_section_swaps_width_and_height() -> None:
    base = X.element("w:sectPr")
    X.sub(base, "w:pgSz", {"w:w": "11906", "w:h": "16838"})
    X.sub(base, "w:titlePg")
    landscape = X.section_copy(base, landscape=True, first=False)
    size = landscape.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h"), size.get(f"{W}orient")) == (
        "16838", "11906", "landscape")
    assert landscape.find(f"{W}titlePg") is None
