"""Write measured page numbers into the results of a .docx's PAGEREF fields.

A field's result is the text a reader shows without updating fields (LibreOffice, PDF
converters, Word before F9), so the TOC and every page reference carry the layout's numbers.
The fields stay fields: Word can still refresh them. Works on the saved .docx bytes, so any
template library's TOC and references are filled the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from tiip_writer.render.save import document_root, docx_parts, rewrite_document

_PAGEREF = re.compile(r"^\s*PAGEREF\s+(\S+)", re.IGNORECASE)
_W_R, _W_T = qn("w:r"), qn("w:t")
_FLD_CHAR, _INSTR, _TYPE = qn("w:fldChar"), qn("w:instrText"), qn("w:fldCharType")
_FLD_SIMPLE, _INSTR_ATTR = qn("w:fldSimple"), qn("w:instr")


@dataclass
class _Field:
    instruction: str = ""
    separate: etree._Element | None = None  # the run holding fldChar separate
    results: list[etree._Element] = field(default_factory=list)


def pageref_targets(docx: bytes) -> list[str]:
    """Return the bookmark names the document's PAGEREF fields point at, in document order."""
    root = document_root(docx)
    names = [target for target, _runs, _sep in _pagerefs(root)]
    return list(dict.fromkeys(names))


def fill_pagerefs(docx: bytes, pages: Mapping[str, int]) -> bytes:
    """Return `docx` with each PAGEREF result set to its bookmark's page in `pages`.

    A reference to a bookmark the map lacks keeps its result as it was.
    """
    def fill(root: etree._Element) -> None:
        for target, results, separate in _pagerefs(root):
            if target in pages:
                _set_result(results, separate, str(pages[target]))

    return rewrite_document(docx_parts(docx), fill)


def _pagerefs(root: etree._Element) -> Iterator[
        tuple[str, list[etree._Element], etree._Element | None]]:
    """Yield (bookmark, result runs, the run to insert a result after) of every PAGEREF."""
    for simple in root.iter(_FLD_SIMPLE):
        match = _PAGEREF.match(simple.get(_INSTR_ATTR, ""))
        if match:
            yield match.group(1), simple.findall(_W_R), None
    stack: list[_Field] = []
    for run in root.iter(_W_R):
        char = run.find(_FLD_CHAR)
        if char is not None:
            kind = char.get(_TYPE)
            if kind == "begin":
                stack.append(_Field())
            elif kind == "separate" and stack:
                stack[-1].separate = run
            elif kind == "end" and stack:
                done = stack.pop()
                match = _PAGEREF.match(done.instruction)
                if match:
                    yield match.group(1), done.results, done.separate
            continue
        if not stack:
            continue
        top = stack[-1]
        instruction = run.find(_INSTR)
        if instruction is not None and top.separate is None:
            top.instruction += instruction.text or ""
        elif top.separate is not None:
            top.results.append(run)


def _set_result(results: list[etree._Element], separate: etree._Element | None,
                text: str) -> None:
    """Make the result runs read `text`: the first run keeps its formatting, others empty."""
    if not results:
        if separate is None:
            return
        run = etree.Element(_W_R)
        rpr = separate.find(qn("w:rPr"))
        if rpr is not None:
            run.append(etree.fromstring(etree.tostring(rpr)))
        separate.addnext(run)
        results = [run]
    for index, run in enumerate(results):
        for child in list(run):
            if child.tag != qn("w:rPr"):
                run.remove(child)
        if index == 0:
            t = etree.SubElement(run, _W_T)
            t.text = text
