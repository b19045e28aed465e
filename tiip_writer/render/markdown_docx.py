"""Markdown tokens → Word body: prose from markdown-it's token stream, directives → native blocks.

The shape follows mdformat: a table of handlers named after token types, scoped state (list
depth, quote) kept apart from accumulated state (caption numbers, TOC entries, sections).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tiip_writer.foundation.records import dataclass
from tiip_writer.render import docx_xml as X
from tiip_writer.render.blocks import Block, Para, Table
from tiip_writer.render.images import ImageProblem, open_image
from tiip_writer.render.markdown_text import DIRECTIVE_INFO, join_lines
from tiip_writer.render.save import table_placeholder
from tiip_writer.render.table_xml import table_markup

EMU_PER_TWIP = 635
TOC_LEVELS = 2
ANCHOR_IDS = 5_001  # bookmark ids of section anchors: apart from the TOC's headings


def markdown_parser() -> MarkdownIt:
    """Return the CommonMark parser with raw HTML off (HTML in prose stays text)."""
    return MarkdownIt("commonmark", {"html": False})


@dataclass
class _ListState:
    num_id: int
    style: str


@dataclass
class Composer:
    """Appends the body of the document, block by block, into `body` before its sectPr."""

    document: Any  # python-docx Document
    source_dir: Path
    blocks: dict[int, tuple[Block, ...]]
    labels: dict[str, str]
    lists: list[_ListState] = field(default_factory=list)
    quote: int = 0
    item_started: bool = False
    page_break: bool = False
    captions: dict[str, int] = field(default_factory=lambda: {"table": 0, "figure": 0})
    headings: list[tuple[int, str, str]] = field(default_factory=list)
    toc_marker: etree._Element | None = None
    landscape: bool = False
    sections: int = 0
    problems: list[ImageProblem] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # table markup, in placeholder order
    anchors: list[str] = field(default_factory=list)  # sections marked, waiting for a paragraph
    anchored: list[str] = field(default_factory=list)  # sections whose start has a bookmark

    def __post_init__(self) -> None:
        self.body = self.document.element.body
        self.base_sect = self.body.find(qn("w:sectPr"))
        self.numbering = self.document.part.numbering_part.element
        styles = self.document.styles.element
        self.ordered_abstract = X.abstract_num_of(
            self.numbering, X.style_num_id(styles, "ListNumber") or "")
        self.bullet_num = int(X.style_num_id(styles, "ListBullet") or 0)
        self.handlers: dict[str, Callable[[list[Token], int], int]] = {
            "heading_open": self._heading, "paragraph_open": self._paragraph,
            "bullet_list_open": self._list_open, "ordered_list_open": self._list_open,
            "bullet_list_close": self._list_close, "ordered_list_close": self._list_close,
            "list_item_open": self._item_open, "blockquote_open": self._quote_open,
            "blockquote_close": self._quote_close, "fence": self._fence,
            "code_block": self._code,
        }

    # --- driving ------------------------------------------------------------------------

    def compose(self, markdown: str) -> None:
        """Append the Markdown's content, then the TOC entries and the final section."""
        tokens = markdown_parser().parse(markdown)
        index = 0
        while index < len(tokens):
            handler = self.handlers.get(tokens[index].type)
            index = handler(tokens, index) if handler else index + 1
        self._finish()

    def _append(self, node: etree._Element) -> None:
        if self.anchors and node.tag == X.qn("w:p"):
            for key in self.anchors:  # ids after the TOC's, which count from 1
                X.add_bookmark(node, ANCHOR_IDS + len(self.anchored), X.section_bookmark(key))
                self.anchored.append(key)
            self.anchors = []
        self.base_sect.addprevious(node)

    def _paragraph_node(self, runs: list[etree._Element], style: str, **kwargs: Any) -> None:
        node = X.paragraph(runs, style, page_break_before=self.page_break, **kwargs)
        self.page_break = False
        self._append(node)

    # --- prose --------------------------------------------------------------------------

    def _heading(self, tokens: list[Token], index: int) -> int:
        level = int(tokens[index].tag[1])
        text = _plain(tokens[index + 1])
        node = X.paragraph(self._runs(tokens[index + 1]), f"Heading{level}",
                           page_break_before=self.page_break)
        self.page_break = False
        if level <= TOC_LEVELS:
            bookmark = f"_Toc{len(self.headings) + 1:06d}"
            X.add_bookmark(node, len(self.headings) + 1, bookmark)
            self.headings.append((level, text, bookmark))
        self._append(node)
        return index + 3

    def _paragraph(self, tokens: list[Token], index: int) -> int:
        inline = tokens[index + 1]
        images = [c for c in inline.children or [] if c.type == "image"]
        if len(images) == 1 and not _plain(inline).strip():  # a lone image is a figure
            self._figure(images[0])
            return index + 3
        runs = self._runs(inline)
        if self.lists:
            state, depth = self.lists[-1], len(self.lists) - 1
            if self.item_started:
                self._paragraph_node(runs, state.style, num=(state.num_id, min(depth, 2)))
                self.item_started = False
            else:
                self._paragraph_node(runs, "Normal", indent=480 * (depth + 1))
        else:
            # A lead-in (「合作對象背景說明：」) stays on the page of what it introduces.
            lead_in = _plain(inline).rstrip().endswith(("：", ":"))
            self._paragraph_node(runs, "Quote" if self.quote else "BodyText", keep_next=lead_in)
        return index + 3

    def _list_open(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        if token.type == "ordered_list_open" and self.ordered_abstract:
            start = int(token.attrGet("start") or 1)
            num_id = X.add_restart_num(self.numbering, self.ordered_abstract, start)
            self.lists.append(_ListState(num_id, "ListNumber"))
        else:
            self.lists.append(_ListState(self.bullet_num, "ListBullet"))
        return index + 1

    def _list_close(self, tokens: list[Token], index: int) -> int:
        self.lists.pop()
        return index + 1

    def _item_open(self, tokens: list[Token], index: int) -> int:
        self.item_started = True
        return index + 1

    def _quote_open(self, tokens: list[Token], index: int) -> int:
        self.quote += 1
        return index + 1

    def _quote_close(self, tokens: list[Token], index: int) -> int:
        self.quote -= 1
        return index + 1

    def _code(self, tokens: list[Token], index: int) -> int:
        for line in tokens[index].content.rstrip("\n").split("\n"):
            self._paragraph_node([X.run(line)], "Normal")
        return index + 1

    def _runs(self, inline: Token) -> list[etree._Element]:
        """Return the runs of an inline token (bold, italics, breaks, inline images)."""
        runs: list[etree._Element] = []
        bold = italic = 0
        pieces: list[tuple[str, bool, bool]] = []
        for child in inline.children or []:
            kind = child.type
            if kind in ("strong_open", "strong_close"):
                bold += 1 if kind == "strong_open" else -1
            elif kind in ("em_open", "em_close"):
                italic += 1 if kind == "em_open" else -1
            elif kind in ("text", "code_inline"):
                pieces.append((child.content, bold > 0, italic > 0))
            elif kind == "softbreak":
                pieces.append(("\0", False, False))  # resolved below: CJK lines join directly
            elif kind == "hardbreak":
                pieces.append(("\n", bold > 0, italic > 0))
            elif kind == "image":
                runs.extend(X.run(t, b, i) for t, b, i in _resolve_breaks(pieces))
                pieces = []
                picture = self._picture(child)
                if picture is not None:
                    runs.append(picture)
        runs.extend(X.run(t, b, i) for t, b, i in _resolve_breaks(pieces))
        return runs

    # --- images -------------------------------------------------------------------------

    def _figure(self, image: Token) -> None:
        picture = self._picture(image)
        if picture is None:
            return
        self._paragraph_node([picture], "Normal", align="center", keep_next=True)
        self.captions["figure"] += 1
        caption = f"{self.labels['figure']}{self.captions['figure']}　{image.content}".rstrip()
        self._paragraph_node([X.run(caption)], "Caption")

    def _picture(self, image: Token) -> etree._Element | None:
        target = str(image.attrGet("src") or "")
        opened = open_image(self.source_dir, target)
        if isinstance(opened, ImageProblem):
            self.problems.append(opened)
            return None
        path, native = opened
        limit = self.text_width() * EMU_PER_TWIP
        width, height = native.width, native.height
        if width > limit:
            width, height = limit, int(height * limit / width)
        inline = self.document.part.new_pic_inline(str(path), width, height)
        node = X.element("w:r")
        X.sub(node, "w:drawing").append(inline)
        return node

    # --- directives ---------------------------------------------------------------------

    def _fence(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        if token.info.strip() != DIRECTIVE_INFO:
            return self._code(tokens, index)
        kind, _, argument = token.content.strip().partition(" ")
        if kind == "block":
            for block in self.blocks[int(argument)]:
                self._block(block)
        elif kind == "toc":
            self.toc_marker = X.element("w:p")
            self._append(self.toc_marker)
        elif kind == "page-break":
            self.page_break = True
        elif kind == "anchor":
            self.anchors.append(argument)
        elif kind == "section":
            self._section(argument == "landscape")
        return index + 1

    def _block(self, block: Block) -> None:
        if isinstance(block, Para):
            self._append(X.para_element(block, self.page_break))
            self.page_break = False
        elif isinstance(block, Table):
            self._table(block)

    def _table(self, table: Table) -> None:
        if table.caption:
            self.captions["table"] += 1
            caption = f"{self.labels['table']}{self.captions['table']}　{table.caption}"
            self._paragraph_node([X.run(caption)], "Caption", keep_next=True)
        if table.note:
            self._paragraph_node([X.run(table.note)], "TableText", align="right", keep_next=True)
        if self.page_break:
            self._paragraph_node([], "TableText")
        self._append(table_placeholder(len(self.tables)))  # the markup is spliced in on saving
        self.tables.append(table_markup(table, self.text_width()))
        if table.legend:
            self._paragraph_node([X.run(table.legend)], "TableText")
        self._paragraph_node([], "TableText")  # keeps two tables apart; Word would join them

    def _section(self, landscape: bool) -> None:
        if landscape == self.landscape:
            return
        sect = X.section_copy(self.base_sect, self.landscape, first=self.sections == 0)
        self._append(X.section_break(sect))
        self.sections += 1
        self.landscape = landscape
        self.page_break = False  # a new section already starts a new page

    def text_width(self) -> int:
        """Return the width between the margins of the current section, in twips."""
        return X.text_width(X.section_copy(self.base_sect, self.landscape, first=False))

    def _finish(self) -> None:
        final = X.section_copy(self.base_sect, self.landscape, first=self.sections == 0)
        self.base_sect.addprevious(final)
        self.body.remove(self.base_sect)
        self.base_sect = final
        if self.toc_marker is not None:
            for node in X.toc_paragraphs(self.headings, TOC_LEVELS):
                self.toc_marker.addprevious(node)
            self.body.remove(self.toc_marker)


def _plain(inline: Token) -> str:
    """Return the text of an inline token, line breaks joined."""
    pieces = [(c.content if c.type in ("text", "code_inline") else
               "\0" if c.type == "softbreak" else "", False, False)
              for c in inline.children or []]
    return "".join(t for t, _, _ in _resolve_breaks(pieces))


def _resolve_breaks(pieces: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """Return the pieces with soft line breaks joined (no space between CJK characters)."""
    out: list[tuple[str, bool, bool]] = []
    for index, (text, bold, italic) in enumerate(pieces):
        if text != "\0":
            out.append((text, bold, italic))
            continue
        before = out[-1][0] if out else ""
        after = next((t for t, _, _ in pieces[index + 1:] if t and t != "\0"), "")
        joined = join_lines(before[-1:], after[:1])
        if len(joined) == 3 and out:  # a space belongs between two Latin characters
            text0, b0, i0 = out[-1]
            out[-1] = (text0 + " ", b0, i0)
    return out
