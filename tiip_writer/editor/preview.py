"""The preview: the proposal as HTML from the same templates and Markdown the .docx is made from.

The templates render to Markdown exactly as in `tiip build`; markdown-it (raw HTML off, so
user text stays text) turns it into HTML, and the build's directive blocks (native tables,
titles, table of contents, page breaks) become their HTML counterparts here instead of Word XML.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.render.blocks import Block, Cell, Para, Table
from tiip_writer.render.context import build_context
from tiip_writer.render.labels import LabelError, text
from tiip_writer.render.library import Library
from tiip_writer.render.limits import RenderLimits
from tiip_writer.render.markdown_docx import TOC_LEVELS, markdown_parser
from tiip_writer.render.markdown_text import DIRECTIVE_INFO, join_lines
from tiip_writer.render.tables import BUILDERS
from tiip_writer.render.templating import TemplateProblem, render

UNBUILDABLE = {"zh": "計畫書的結構錯誤使它無法排版；請先修正「檢核結果」中的錯誤。",
               "en": "Structure errors keep the proposal from being laid out; fix the errors in "
                     "Findings first."}


def preview_html(checked: CheckResult, library: Library, image_url: Callable[[str], str],
                 lang: str) -> str:
    """Return the preview's HTML body; `image_url` maps an image path to the URL serving it."""
    if checked.proposal is None:
        return f'<p class="preview-problem">{html.escape(UNBUILDABLE[lang])}</p>'
    try:
        context = build_context(checked.proposal, library.tables, checked.source.path.parent,
                                default_agency=checked.ruleset.agency if checked.ruleset else None,
                                budget=checked.budget)
        captions = {"table": text(library.tables, "captions", "table"),
                    "figure": text(library.tables, "captions", "figure")}
        rendered = render(library, context, BUILDERS, RenderLimits.from_env())
    except (TemplateProblem, LabelError) as exc:
        message = getattr(exc, "message_en" if lang == "en" else "message_zh", str(exc))
        return f'<p class="preview-problem">{html.escape(str(message))}</p>'
    return _HtmlWriter(rendered.blocks, captions, image_url).write(rendered.markdown)


class _HtmlWriter:
    """Markdown with build directives → HTML, numbering table captions as the build does."""

    def __init__(self, blocks: dict[int, tuple[Block, ...]], captions: dict[str, str],
                 image_url: Callable[[str], str]):
        self.blocks, self.captions, self.image_url = blocks, captions, image_url
        self.tables = 0
        self.parser: MarkdownIt = markdown_parser()
        # markdown-it binds a render rule to its renderer; the lambdas hand it on to this writer.
        self.parser.add_render_rule("fence", lambda _r, *args: self._fence(*args))
        self.parser.add_render_rule("image", lambda _r, *args: self._image(*args))
        self.parser.add_render_rule("softbreak", lambda _r, *args: self._softbreak(*args))
        self.headings: list[tuple[int, str, str]] = []

    def write(self, markdown: str) -> str:
        tokens = self.parser.parse(markdown)
        for index, token in enumerate(tokens):
            if token.type == "heading_open":
                anchor = f"h{len(self.headings) + 1}"
                token.attrSet("id", anchor)
                self.headings.append((int(token.tag[1]), tokens[index + 1].content, anchor))
        return self.parser.renderer.render(tokens, self.parser.options, {})

    def _fence(self, tokens: list[Token], index: int, options: Any, env: Any) -> str:
        token = tokens[index]
        if token.info.strip() != DIRECTIVE_INFO:
            return f"<pre><code>{html.escape(token.content)}</code></pre>\n"
        kind, _, argument = token.content.strip().partition(" ")
        if kind == "block":
            return "".join(self._block(block) for block in self.blocks[int(argument)])
        if kind == "toc":
            items = "".join(f'<li class="toc-{level}"><a href="#{anchor}">{html.escape(title)}</a>'
                            "</li>" for level, title, anchor in self.headings
                            if level <= TOC_LEVELS)
            return f'<nav class="toc"><ol>{items}</ol></nav>\n'
        if kind == "page-break":
            return '<hr class="page-break">\n'
        if kind == "section":
            return f'<hr class="section-break {html.escape(argument)}">\n'
        return ""

    def _image(self, tokens: list[Token], index: int, options: Any, env: Any) -> str:
        token = tokens[index]
        source = str(token.attrGet("src") or "")
        return (f'<img src="{html.escape(self.image_url(source))}" '
                f'alt="{html.escape(token.content)}">')

    def _softbreak(self, tokens: list[Token], index: int, options: Any, env: Any) -> str:
        """Join wrapped lines as the Word build does: directly between CJK characters."""
        before = tokens[index - 1].content[-1:] if index > 0 else ""
        after = tokens[index + 1].content[:1] if index + 1 < len(tokens) else ""
        return " " if len(join_lines(before, after)) == 3 else ""

    def _block(self, block: Block) -> str:
        if isinstance(block, Para):
            runs = "".join(_run(r.text, r.bold, r.italic) for r in block.runs)
            align = f' style="text-align:{block.align}"' if block.align else ""
            return f'<p class="style-{html.escape(block.style)}"{align}>{runs}</p>\n'
        return self._table(block)

    def _table(self, table: Table) -> str:
        parts: list[str] = []
        if table.caption:
            self.tables += 1
            parts.append(f'<p class="caption">{html.escape(self.captions["table"])}{self.tables}'
                         f"　{html.escape(table.caption)}</p>")
        if table.note:
            parts.append(f'<p class="table-note">{html.escape(table.note)}</p>')
        total = sum(table.widths) or 1
        columns = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in table.widths)
        rows = "".join(self._row(table, r) for r in range(len(table.rows)))
        parts.append(f'<table class="doc-table"><colgroup>{columns}</colgroup>{rows}</table>')
        if table.legend:
            parts.append(f'<p class="table-legend">{html.escape(table.legend)}</p>')
        return "\n".join(parts) + "\n"

    def _row(self, table: Table, number: int) -> str:
        row = table.rows[number]
        cells: list[str] = []
        column = 0
        for cell in row.cells:
            if cell.merge != "continue":
                cells.append(_cell(cell, _rowspan(table, number, column), row.header, row.bold))
            column += cell.span
        return f"<tr>{''.join(cells)}</tr>"


def _rowspan(table: Table, number: int, column: int) -> int:
    """Return how many rows a vertically merged cell starting at (number, column) covers."""
    start = _cell_at(table, number, column)
    if start is None or start.merge != "restart":
        return 1
    span = 1
    while number + span < len(table.rows):
        below = _cell_at(table, number + span, column)
        if below is None or below.merge != "continue":
            break
        span += 1
    return span


def _cell_at(table: Table, number: int, column: int) -> Cell | None:
    position = 0
    for cell in table.rows[number].cells:
        if position == column:
            return cell
        position += cell.span
    return None


def _cell(cell: Cell, rowspan: int, header: bool, bold_row: bool) -> str:
    tag = "th" if header else "td"
    attributes = [f'class="align-{cell.align}"']
    if cell.span > 1:
        attributes.append(f'colspan="{cell.span}"')
    if rowspan > 1:
        attributes.append(f'rowspan="{rowspan}"')
    style = []
    if cell.shade:
        style.append(f"background:#{cell.shade}")
    if cell.indent:
        style.append(f"padding-left:{0.4 + cell.indent}em")
    if style:
        attributes.append(f'style="{";".join(style)}"')
    bold = cell.bold or bold_row
    lines = "<br>".join("".join(_run(r.text, r.bold or bold, r.italic) for r in line)
                        for line in cell.lines)
    return f"<{tag} {' '.join(attributes)}>{lines}</{tag}>"


def _run(value: str, bold: bool, italic: bool) -> str:
    out = html.escape(value).replace("\n", "<br>")
    if bold:
        out = f"<strong>{out}</strong>"
    if italic:
        out = f"<em>{out}</em>"
    return out


def image_route(token: str) -> Callable[[str], str]:
    """Return the function that makes an image path into the editor's image URL."""
    return lambda source: f"/api/image?path={quote(source)}&token={quote(token)}"
