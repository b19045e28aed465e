"""Every raw WordprocessingML construct the build writes, in one place.

python-docx has no API for fields, repeated header rows, shading, vertical merges, widths
that hold, section orientation or numbering restarts (design.md, traps 1, 5–8), and its
cell-by-cell table API is quadratic. So paragraphs are written here as XML elements directly
and tables as markup row by row (table_xml); the rest of the build never touches XML.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from functools import cache

from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from lxml import etree

from tiip_writer.render.blocks import Para
from tiip_writer.render.table_xml import TABLE_STYLE, fit_widths, table_element

__all__ = ["TABLE_STYLE", "fit_widths", "table_element"]  # tables: see table_xml


# A build makes thousands of elements: the prefixed names are resolved once, not per element
# (python-docx's OxmlElement and qn parse the 'w:p' string every time).
_qn = cache(qn)


@cache
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


def element(tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """Return a new python-docx element `tag` (e.g. 'w:p') with `attrs` (prefixed names)."""
    clark, nsmap = _tag(tag)
    node = oxml_parser.makeelement(clark, nsmap=nsmap)  # what OxmlElement(tag) makes
    for name, value in (attrs or {}).items():
        node.set(_qn(name), value)
    return node


def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """Return a new child `tag` appended to `parent`."""
    node = etree.SubElement(parent, _qn(tag))
    for name, value in (attrs or {}).items():
        node.set(_qn(name), value)
    return node


# --- runs and paragraphs ----------------------------------------------------------------------

def run(text: str, bold: bool = False, italic: bool = False, size: int | None = None,
        color: str | None = None) -> etree._Element:
    """Return a <w:r>; newlines become line breaks and tabs become tab characters."""
    node = element("w:r")
    if bold or italic or size or color:
        rpr = sub(node, "w:rPr")
        if bold:
            sub(rpr, "w:b")
            sub(rpr, "w:bCs")
        if italic:
            sub(rpr, "w:i")
            sub(rpr, "w:iCs")
        if color:
            sub(rpr, "w:color", {"w:val": color})
        if size:
            sub(rpr, "w:sz", {"w:val": str(size)})
            sub(rpr, "w:szCs", {"w:val": str(size)})
    for index, line in enumerate(text.split("\n")):
        if index:
            sub(node, "w:br")
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                sub(node, "w:tab")
            if part:
                t = sub(node, "w:t")
                t.text = part
                if part[0].isspace() or part[-1].isspace():
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return node


def paragraph_properties(p: etree._Element, style: str | None = None, align: str | None = None,
                         keep_next: bool = False, page_break_before: bool = False,
                         num: tuple[int, int] | None = None, indent: int = 0,
                         spacing: dict[str, str] | None = None) -> etree._Element:
    """Return the <w:pPr> of `p`, created in schema order from the given properties."""
    ppr = sub(p, "w:pPr")
    p.insert(0, ppr)
    if style:
        sub(ppr, "w:pStyle", {"w:val": style})
    if keep_next:
        sub(ppr, "w:keepNext")
    if page_break_before:
        sub(ppr, "w:pageBreakBefore")
    if num:
        numpr = sub(ppr, "w:numPr")
        sub(numpr, "w:ilvl", {"w:val": str(num[1])})
        sub(numpr, "w:numId", {"w:val": str(num[0])})
    if spacing:
        sub(ppr, "w:spacing", spacing)
    if indent:
        sub(ppr, "w:ind", {"w:left": str(indent)})
    if align:
        sub(ppr, "w:jc", {"w:val": "both" if align == "justify" else align})
    return ppr


def paragraph(runs: Iterable[etree._Element] = (), style: str | None = None,
              align: str | None = None, keep_next: bool = False,
              page_break_before: bool = False, num: tuple[int, int] | None = None,
              indent: int = 0) -> etree._Element:
    """Return a <w:p> holding `runs`."""
    p = element("w:p")
    if style or align or keep_next or page_break_before or num or indent:
        paragraph_properties(p, style, align, keep_next, page_break_before, num, indent)
    for r in runs:
        p.append(r)
    return p


def para_element(para: Para, page_break_before: bool = False) -> etree._Element:
    """Return the <w:p> of a Para block."""
    runs = (node for r in para.runs for node in (
        field_runs(r.field, r.text, dirty=True) if r.field else [run(r.text, r.bold, r.italic)]))
    return paragraph(runs, para.style, para.align, para.keep_next,
                     para.page_break_before or page_break_before)


# --- fields, bookmarks ----------------------------------------------------------------------

def field_runs(instruction: str, result: str, dirty: bool = False) -> list[etree._Element]:
    """Return the runs of a complex field: begin, instruction, separate, cached result, end."""
    begin = element("w:r")
    attrs = {"w:fldCharType": "begin"}
    if dirty:
        attrs["w:dirty"] = "true"
    sub(begin, "w:fldChar", attrs)
    instr = element("w:r")
    text = sub(instr, "w:instrText")
    text.text = f" {instruction} "
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    separate = element("w:r")
    sub(separate, "w:fldChar", {"w:fldCharType": "separate"})
    end = element("w:r")
    sub(end, "w:fldChar", {"w:fldCharType": "end"})
    return [begin, instr, separate, run(result), end]


def add_bookmark(p: etree._Element, bookmark_id: int, name: str) -> None:
    """Wrap the runs of paragraph `p` in a bookmark `name`."""
    start = element("w:bookmarkStart", {"w:id": str(bookmark_id), "w:name": name})
    ppr = p.find(qn("w:pPr"))
    p.insert(1 if ppr is not None else 0, start)
    p.append(element("w:bookmarkEnd", {"w:id": str(bookmark_id)}))


def section_bookmark(key: str) -> str:
    """Return the name of the bookmark where section `key` starts (hidden: a leading _)."""
    return f"_tiip_{key}"


def toc_paragraphs(entries: Sequence[tuple[int, str, str]], levels: int) -> list[etree._Element]:
    """Return a TOC field pre-filled with (level, text, bookmark) entries and marked dirty.

    Word refreshes a dirty field when the document opens; a viewer that never updates fields
    still shows the entries, each with a PAGEREF field to its heading's bookmark.
    """
    instruction = f'TOC \\o "1-{levels}" \\h \\z \\u'
    begin = field_runs(instruction, "", dirty=True)
    opening, closing = begin[:3], begin[4:]
    if not entries:
        return [paragraph([*opening, run("（請在 Word 中更新目錄）"), *closing], style="TOC1")]
    paragraphs = []
    for index, (level, text, bookmark) in enumerate(entries):
        p = paragraph(style=f"TOC{min(level, 3)}")
        if index == 0:
            for r in opening:
                p.append(r)
        link = sub(p, "w:hyperlink", {"w:anchor": bookmark, "w:history": "1"})
        link.append(run(text))
        link.append(run("\t"))
        for r in field_runs(f"PAGEREF {bookmark} \\h", ""):
            link.append(r)
        if index == len(entries) - 1:
            for r in closing:
                p.append(r)
        paragraphs.append(p)
    return paragraphs


# --- sections, numbering, headers -------------------------------------------------------------

def section_copy(base: etree._Element, landscape: bool, first: bool) -> etree._Element:
    """Return a copy of <w:sectPr> `base` in the given orientation (width and height swapped).

    Only the first section keeps titlePg (the cover page without a page number).
    """
    sect = copy.deepcopy(base)
    size = sect.find(qn("w:pgSz"))
    if size is not None:
        width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
        short, long_ = sorted((width, height))
        size.set(qn("w:w"), str(long_ if landscape else short))
        size.set(qn("w:h"), str(short if landscape else long_))
        if landscape:
            size.set(qn("w:orient"), "landscape")
        elif qn("w:orient") in size.attrib:
            del size.attrib[qn("w:orient")]
    if not first:
        for title_page in sect.findall(qn("w:titlePg")):
            sect.remove(title_page)
    return sect


def text_width(sect: etree._Element) -> int:
    """Return the width between the margins of section `sect`, in twips."""
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    width = int(size.get(qn("w:w"))) if size is not None else 11906
    left = int(margins.get(qn("w:left"), "1134")) if margins is not None else 1134
    right = int(margins.get(qn("w:right"), "1134")) if margins is not None else 1134
    return width - left - right


def section_break(sect: etree._Element) -> etree._Element:
    """Return an empty paragraph that ends a section with properties `sect`."""
    p = element("w:p")
    ppr = sub(p, "w:pPr")
    ppr.append(sect)
    return p


def add_restart_num(numbering: etree._Element, abstract_id: str, start: int = 1) -> int:
    """Return the id of a new <w:num> on `abstract_id` whose first level restarts at `start`."""
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(ids, default=0) + 1
    num = sub(numbering, "w:num", {"w:numId": str(num_id)})
    sub(num, "w:abstractNumId", {"w:val": abstract_id})
    for level in range(3):
        override = sub(num, "w:lvlOverride", {"w:ilvl": str(level)})
        sub(override, "w:startOverride", {"w:val": str(start if level == 0 else 1)})
    return num_id


def abstract_num_of(numbering: etree._Element, num_id: str) -> str | None:
    """Return the abstractNumId behind <w:num> `num_id`, or None."""
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            abstract = num.find(qn("w:abstractNumId"))
            return abstract.get(qn("w:val")) if abstract is not None else None
    return None


def style_num_id(styles: etree._Element, style_id: str) -> str | None:
    """Return the numId a paragraph style's numbering points at, or None."""
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            return num_id.get(qn("w:val")) if num_id is not None else None
    return None


def header_paragraph(text: str) -> etree._Element:
    """Return the paragraph of a draft header: red bold text at the right."""
    return paragraph([run(text, bold=True, color="C00000")], style="Header")


def style_ids(styles: etree._Element) -> set[str]:
    """Return the style ids a styles part defines."""
    return {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
