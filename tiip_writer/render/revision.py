"""A revised proposal (修正計畫書): the new build, with what differs from the old build marked.

Works on the two saved .docx files, so whatever a template library writes is compared the
same way. The bodies are aligned block by block (paragraphs by text, tables by their header
row), changed paragraphs character by character (text.chardiff), tables row by row and cell by
cell. The marks are Word tracked changes (w:ins / w:del with an author and a date from the
data, so Word's and LibreOffice's accept/reject work on them), or with `underline` the new
text underlined and the removed text left out, for offices that ask for that.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import field
from difflib import SequenceMatcher
from typing import Literal

from docx.oxml.ns import qn
from lxml import etree

from tiip_writer.foundation.records import dataclass
from tiip_writer.render.save import document_root, docx_parts, rewrite_document
from tiip_writer.text.chardiff import char_diff

Style = Literal["track", "underline"]
STYLES: tuple[Style, ...] = ("track", "underline")

FIRST_ID = 10_001  # revision ids: apart from the bookmark ids the build numbers from 1
MIN_SIMILARITY = 0.4  # two paragraphs this alike are one paragraph revised, not two

_P, _R, _T, _TBL, _TR, _TC = (qn(t) for t in ("w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc"))
_PPR, _RPR, _TRPR, _TCPR = qn("w:pPr"), qn("w:rPr"), qn("w:trPr"), qn("w:tcPr")
_INS, _DEL, _DEL_TEXT, _SECT = qn("w:ins"), qn("w:del"), qn("w:delText"), qn("w:sectPr")
_TAB, _BR, _HYPERLINK, _GRID_COL = qn("w:tab"), qn("w:br"), qn("w:hyperlink"), qn("w:gridCol")
_SIMPLE_RUN_CHILDREN = {_RPR, _T, _TAB, _BR}
_DIGITS = re.compile(r"\d+")
_SIMPLE_P_CHILDREN = {_PPR, _R, qn("w:bookmarkStart"), qn("w:bookmarkEnd")}
_DROPPED_WHEN_DELETED = {qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:drawing"),
                         qn("w:fldChar"), qn("w:instrText"), qn("w:fldSimple")}
# w:pPr children that come after w:rPr in the schema (the paragraph mark's change goes before)
_AFTER_RPR = {_SECT, qn("w:pPrChange")}


@dataclass(frozen=True)
class Revision:
    """Who revised and when (both from the proposal's data), and how the changes are shown."""

    author: str
    date: dt.date
    style: Style = "track"


def mark_revisions(old_docx: bytes, new_docx: bytes, revision: Revision) -> bytes:
    """Return `new_docx` with its differences from `old_docx` marked (same input, same bytes)."""
    old_root = document_root(old_docx)
    entries = docx_parts(new_docx)
    marker = _Marker(revision, _num_ids(entries))
    return rewrite_document(entries, lambda new_root: marker.body(old_root, new_root))


def _num_ids(entries: list[tuple[str, bytes]]) -> set[str]:
    """Return the list numbering ids the new document defines (a deleted list paragraph keeps
    its numbering only when it still exists)."""
    for name, data in entries:
        if name == "word/numbering.xml":
            root = etree.fromstring(data)
            return {n.get(qn("w:numId")) for n in root.iter(qn("w:num"))}
    return set()


# --- text and keys ----------------------------------------------------------------------------

def _run_text(run: etree._Element) -> str:
    out = []
    for child in run:
        if child.tag in (_T, _DEL_TEXT):
            out.append(child.text or "")
        elif child.tag == _TAB:
            out.append("\t")
        elif child.tag == _BR:
            out.append("\n")
        elif child.tag == qn("w:drawing"):
            out.append("\ufffc")  # an image counts as one character: a new image is a change
    return "".join(out)


def _text(node: etree._Element) -> str:
    """Return the text a reader sees in a paragraph, a cell or a row."""
    return "".join(_run_text(r) for r in node.iter(_R))


def _key(block: etree._Element) -> tuple[str, ...]:
    """Return what aligns a block with its counterpart: a paragraph's style and text, a table's
    width in columns and header row (its content is compared afterwards)."""
    if block.tag == _P:
        style = block.find(f"{_PPR}/{qn('w:pStyle')}")
        return ("p", style.get(qn("w:val")) if style is not None else "", _text(block))
    if block.tag == _TBL:
        first = block.find(_TR)
        return ("tbl", str(len(block.findall(f"{qn('w:tblGrid')}/{_GRID_COL}"))),
                _text(first) if first is not None else "")
    return ("other", block.tag)


def _similarity(old: etree._Element, new: etree._Element) -> float:
    if old.tag != new.tag or old.tag not in (_P, _TBL):
        return 0.0
    if old.tag == _TBL:
        return 1.0 if _key(old)[:2] == _key(new)[:2] else 0.0
    a, b = _text(old), _text(new)
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MIN_SIMILARITY or matcher.quick_ratio() < MIN_SIMILARITY:
        return 0.0
    return matcher.ratio()


def _pairs(old: list[etree._Element], new: list[etree._Element]) -> Iterator[
        tuple[etree._Element | None, etree._Element | None]]:
    """Yield the blocks of a replaced stretch aligned: (old, new) pairs of one revised block,
    (old, None) deleted, (None, new) inserted; the best total similarity wins."""
    if len(old) == len(new) == 1 and old[0].tag == new[0].tag == _P:
        yield old[0], new[0]  # one paragraph for one (a cell's figure): revised in place
        return
    if len(old) * len(new) > 40_000:  # a rewrite this large: no pairing worth its cost
        yield from ((o, None) for o in old)
        yield from ((None, n) for n in new)
        return
    rows, cols = len(old), len(new)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            similar = _similarity(old[i], new[j])
            paired = score[i + 1][j + 1] + similar if similar >= MIN_SIMILARITY else -1.0
            score[i][j] = max(paired, score[i + 1][j], score[i][j + 1])
    i = j = 0
    while i < rows and j < cols:
        similar = _similarity(old[i], new[j])
        if similar >= MIN_SIMILARITY and score[i][j] == score[i + 1][j + 1] + similar:
            yield old[i], new[j]
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            yield old[i], None
            i += 1
        else:
            yield None, new[j]
            j += 1
    yield from ((o, None) for o in old[i:])
    yield from ((None, n) for n in new[j:])


# --- marking ----------------------------------------------------------------------------------

@dataclass
class _Marker:
    revision: Revision
    num_ids: set[str]
    next_id: int = FIRST_ID
    stamp: str = field(init=False)

    def __post_init__(self) -> None:
        day = self.revision.date
        self.stamp = f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"
        self.track = self.revision.style == "track"

    def body(self, old_root: etree._Element, new_root: etree._Element) -> None:
        """Replace the new body's blocks with the marked blocks (the final sectPr stays)."""
        old_body, new_body = old_root.find(qn("w:body")), new_root.find(qn("w:body"))
        self._container(old_body, new_body)

    def _container(self, old: etree._Element, new: etree._Element) -> None:
        """Mark the blocks of a body or a cell in place of the new container's blocks."""
        def blocks(node: etree._Element) -> list[etree._Element]:
            return [c for c in node if c.tag not in (_SECT, _TCPR)]

        old_blocks, new_blocks = blocks(old), blocks(new)
        marked = self._blocks(old_blocks, new_blocks)
        for child in new_blocks:
            new.remove(child)
        anchor = new.find(_SECT)
        for node in marked:
            if anchor is not None:
                anchor.addprevious(node)
            else:
                new.append(node)
        if new.tag == _TC and (not len(new) or new[-1].tag != _P):
            etree.SubElement(new, _P)  # a cell ends in a paragraph (none left: underline style)

    def _blocks(self, old: list[etree._Element],
                new: list[etree._Element]) -> list[etree._Element]:
        matcher = SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new],
                                  autojunk=False)
        out: list[etree._Element] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for o, n in zip(old[i1:i2], new[j1:j2]):
                    out.extend(self._table(o, n) if n.tag == _TBL else [n])
                continue
            for o, n in _pairs(old[i1:i2], new[j1:j2]):
                if o is not None and n is not None:
                    out.extend(self._table(o, n) if n.tag == _TBL else self._paragraph(o, n))
                elif o is not None:
                    out.extend(self._deleted(o))
                else:
                    assert n is not None
                    out.append(self._inserted(n))
        return out

    # --- paragraphs ---------------------------------------------------------------------------

    def _paragraph(self, old: etree._Element, new: etree._Element) -> list[etree._Element]:
        """Return the new paragraph with its wording's changes from `old` marked; one with
        fields, links or pictures is replaced whole (the old one deleted, the new inserted)."""
        if _text(old) == _text(new) or _renumbered_caption(old, new):
            return [new]
        if not (_simple(old) and _simple(new)):
            return [*self._deleted(old), self._inserted(new)]
        old_chars, new_chars = _chars(old), _chars(new)
        pieces = char_diff("".join(c for c, _ in old_chars), "".join(c for c, _ in new_chars))
        spans: list[tuple[str, str, etree._Element | None]] = []  # (kind, text, rPr)
        a = b = 0
        for piece in pieces:
            for _ in piece.text:
                if piece.kind == "delete":
                    char, rpr = old_chars[a]
                    a += 1
                else:
                    char, rpr = new_chars[b]
                    b += 1
                    a += piece.kind == "equal"
                if spans and spans[-1][0] == piece.kind and _same(spans[-1][2], rpr):
                    spans[-1] = (piece.kind, spans[-1][1] + char, spans[-1][2])
                else:
                    spans.append((piece.kind, char, rpr))
        for child in [c for c in new if c.tag == _R]:
            new.remove(child)
        tail = next((c for c in new if c.tag == qn("w:bookmarkEnd")), None)
        for kind, text, rpr in spans:
            node = self._span(kind, text, rpr)
            if node is None:
                continue
            if tail is not None:
                tail.addprevious(node)
            else:
                new.append(node)
        return [new]

    def _span(self, kind: str, text: str, rpr: etree._Element | None) -> etree._Element | None:
        """Return a run of `text` as unchanged, deleted or inserted (None: left out)."""
        deleted = kind == "delete"
        if deleted and not self.track:
            return None
        run = _make_run(text, rpr, deleted)
        if kind == "equal":
            return run
        if not self.track:
            _underline(run)
            return run
        wrapper = self._change(_DEL if deleted else _INS)
        wrapper.append(run)
        return wrapper

    def _deleted(self, old: etree._Element) -> list[etree._Element]:
        """Return a removed block marked deleted (with underline: nothing)."""
        if not self.track:
            return []
        if old.tag == _TBL:
            table = copy.deepcopy(old)
            for row in table.iter(_TR):
                self._mark_row(row, _DEL)
            return [table]
        if old.tag != _P or old.find(f"{_PPR}/{_SECT}") is not None:
            return []  # a section break is layout, not wording: the new one rules
        p = copy.deepcopy(old)
        self._delete_content(p)
        return [p]

    def _delete_content(self, p: etree._Element) -> None:
        for node in [n for n in p.iter() if n.tag in _DROPPED_WHEN_DELETED]:
            node.getparent().remove(node)
        for link in list(p.iter(_HYPERLINK)):
            parent, index = link.getparent(), link.getparent().index(link)
            for offset, child in enumerate(list(link)):
                parent.insert(index + offset, child)
            parent.remove(link)
        numbering = p.find(f"{_PPR}/{qn('w:numPr')}")
        if numbering is not None:
            num = numbering.find(qn("w:numId"))
            if num is None or num.get(qn("w:val")) not in self.num_ids:
                numbering.getparent().remove(numbering)
        runs = [r for r in p if r.tag == _R]
        for run in runs:
            for t in run.findall(_T):
                t.tag = _DEL_TEXT
            wrapper = self._change(_DEL)
            run.addprevious(wrapper)
            wrapper.append(run)
        self._mark_paragraph(p, _DEL)

    def _inserted(self, new: etree._Element) -> etree._Element:
        """Return an added block marked inserted (with underline: its text underlined)."""
        if new.tag == _TBL:
            for row in new.iter(_TR):
                self._mark_row(row, _INS)
            return new
        if new.tag == _P:
            self._insert_content(new)
        return new

    def _insert_content(self, p: etree._Element) -> None:
        for run in [r for r in p.iter(_R) if r.getparent().tag in (_P, _HYPERLINK)]:
            if not self.track:
                if run.find(_T) is not None:
                    _underline(run)
                continue
            wrapper = self._change(_INS)
            run.addprevious(wrapper)
            wrapper.append(run)
        if self.track and p.find(f"{_PPR}/{_SECT}") is None:
            self._mark_paragraph(p, _INS)

    def _mark_paragraph(self, p: etree._Element, tag: str) -> None:
        """Mark the paragraph mark itself, so accepting or rejecting removes the paragraph."""
        ppr = p.find(_PPR)
        if ppr is None:
            ppr = etree.Element(_PPR)
            p.insert(0, ppr)
        rpr = ppr.find(_RPR)
        if rpr is None:
            rpr = etree.Element(_RPR)
            after = next((c for c in ppr if c.tag in _AFTER_RPR), None)
            if after is not None:
                after.addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, self._change(tag))  # the paragraph mark's ins/del come first in its rPr

    # --- tables -------------------------------------------------------------------------------

    def _table(self, old: etree._Element, new: etree._Element) -> list[etree._Element]:
        """Return the new table with its rows and cells' changes from `old` marked."""
        if etree.tostring(old) == etree.tostring(new):
            return [new]
        if _key(old)[1] != _key(new)[1]:  # other columns: the whole table is replaced
            if not self.track:
                return [self._inserted(new)]
            separator = self._inserted(etree.Element(_P))
            return [*self._deleted(old), separator, self._inserted(new)]
        old_rows, new_rows = old.findall(_TR), new.findall(_TR)
        matcher = SequenceMatcher(None, [_row_key(r) for r in old_rows],
                                  [_row_key(r) for r in new_rows], autojunk=False)
        marked: list[etree._Element] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                marked.extend(new_rows[j1:j2])
                continue
            for o, n in _row_pairs(old_rows[i1:i2], new_rows[j1:j2]):
                if o is not None and n is not None:
                    for old_cell, new_cell in zip(o.findall(_TC), n.findall(_TC)):
                        self._container(old_cell, new_cell)
                    marked.append(n)
                elif o is not None:
                    if self.track:
                        row = copy.deepcopy(o)
                        self._mark_row(row, _DEL)
                        marked.append(row)
                else:
                    assert n is not None
                    self._mark_row(n, _INS)
                    marked.append(n)
        for row in new_rows:
            new.remove(row)
        for row in marked:
            new.append(row)
        return [new]

    def _mark_row(self, row: etree._Element, tag: str) -> None:
        """Mark a whole row inserted or deleted: the row itself and every paragraph in it."""
        for p in [p for p in row.iter(_P)]:
            if tag == _DEL:
                self._delete_content(p)
            else:
                self._insert_content(p)
        if not self.track:
            return
        trpr = row.find(_TRPR)
        if trpr is None:
            trpr = etree.Element(_TRPR)
            row.insert(0, trpr)
        trpr.append(self._change(tag))

    def _change(self, tag: str) -> etree._Element:
        """Return an empty w:ins or w:del with the next id, the author and the date."""
        node = etree.Element(tag)
        node.set(qn("w:id"), str(self.next_id))
        node.set(qn("w:author"), self.revision.author)
        node.set(qn("w:date"), self.stamp)
        self.next_id += 1
        return node


def _renumbered_caption(old: etree._Element, new: etree._Element) -> bool:
    """Return True for a caption that differs only in its number (表5 → 表6 because a table
    was added before it): numbering follows the document, it is not a revision."""
    style = _key(new)[1]
    return (style == "Caption" and _key(old)[1] == style
            and _DIGITS.sub("#", _text(old)) == _DIGITS.sub("#", _text(new)))


def _row_key(row: etree._Element) -> tuple[str, ...]:
    return tuple(_text(cell) for cell in row.findall(_TC))


def _row_pairs(old: list[etree._Element], new: list[etree._Element]) -> Iterator[
        tuple[etree._Element | None, etree._Element | None]]:
    """Yield the rows of a replaced stretch: position by position while their cells line up,
    then the rest deleted or inserted."""
    for index in range(max(len(old), len(new))):
        o = old[index] if index < len(old) else None
        n = new[index] if index < len(new) else None
        if o is not None and n is not None and len(o.findall(_TC)) != len(n.findall(_TC)):
            yield o, None
            yield None, n
        else:
            yield o, n


def _simple(p: etree._Element) -> bool:
    """Return True for a paragraph of plain runs (no fields, links or pictures)."""
    return all(c.tag in _SIMPLE_P_CHILDREN for c in p) and all(
        g.tag in _SIMPLE_RUN_CHILDREN for r in p.findall(_R) for g in r)


def _chars(p: etree._Element) -> list[tuple[str, etree._Element | None]]:
    """Return each character of a simple paragraph with the formatting of its run."""
    return [(char, run.find(_RPR)) for run in p.findall(_R) for char in _run_text(run)]


def _same(a: etree._Element | None, b: etree._Element | None) -> bool:
    if a is None or b is None:
        return a is b
    return a is b or etree.tostring(a) == etree.tostring(b)


def _make_run(text: str, rpr: etree._Element | None, deleted: bool) -> etree._Element:
    """Return a w:r of `text` with a copy of `rpr`; tabs and line breaks as their elements."""
    run = etree.Element(_R)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    piece = ""
    for char in text + "\0":
        if char in "\t\n\0":
            if piece:
                t = etree.SubElement(run, _DEL_TEXT if deleted else _T)
                t.text = piece
                if piece[0].isspace() or piece[-1].isspace():
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                piece = ""
            if char == "\t":
                etree.SubElement(run, _TAB)
            elif char == "\n":
                etree.SubElement(run, _BR)
        else:
            piece += char
    return run


def _underline(run: etree._Element) -> None:
    """Underline a run (the revised text in the underline style)."""
    rpr = run.find(_RPR)
    if rpr is None:
        rpr = etree.Element(_RPR)
        run.insert(0, rpr)
    if rpr.find(qn("w:u")) is None:
        # w:u comes after b/i/color/sz in the schema's rPr order and before w:lang etc.
        later = next((c for c in rpr if c.tag in _AFTER_U), None)
        underline = etree.Element(qn("w:u"))
        underline.set(qn("w:val"), "single")
        if later is not None:
            later.addprevious(underline)
        else:
            rpr.append(underline)


_AFTER_U = {qn(t) for t in ("w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl",
                            "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
                            "w:oMath")}
