"""The proposal as one self-contained Markdown file, so pandoc converts the same content.

`tiip build --markdown` writes the intermediate Markdown, where every native table is a
placeholder (```` ```tiip block N``` ````) that the Word stage fills in. Handing that file to
pandoc would compare tiip with a pandoc that never lays out a single table (and spends its time
highlighting the placeholders as code). Here each placeholder is replaced by what it stands
for: tables become pipe tables (with their caption, note and legend), paragraphs become
paragraphs; the table of contents becomes pandoc's `--toc`; page and section breaks, which
Markdown cannot express, are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from tiip_writer.checking.pipeline import check_file
from tiip_writer.render.blocks import Block, Cell, Para, Table
from tiip_writer.render.context import build_context
from tiip_writer.render.library import load_library
from tiip_writer.render.tables import BUILDERS
from tiip_writer.render.templating import render

_DIRECTIVE = re.compile(r"^```tiip\n(.*?)\n```$", re.MULTILINE)


def same_content_markdown(proposal: Path) -> str:
    """Return the whole proposal at `proposal` as Markdown with its tables written out."""
    checked = check_file(proposal)
    if checked.proposal is None:
        raise ValueError(f"{proposal} is not schema-valid")
    library = load_library(None)
    context = build_context(checked.proposal, library.tables, proposal.parent, draft=False,
                            default_agency=checked.ruleset.agency if checked.ruleset else None,
                            budget=checked.budget)
    rendered = render(library, context, BUILDERS)

    def expand(match: re.Match[str]) -> str:
        kind, _, argument = match.group(1).strip().partition(" ")
        if kind != "block":
            return ""  # toc → pandoc --toc; page and section breaks have no Markdown form
        return "\n\n".join(_block(block) for block in rendered.blocks[int(argument)])

    return _DIRECTIVE.sub(expand, rendered.markdown)


def _block(block: Block) -> str:
    if isinstance(block, Para):
        text = _escape("".join(run.text for run in block.runs))
        return f"**{text}**" if block.style == "Title" else text
    assert isinstance(block, Table)
    lines: list[str] = []
    if block.note:
        lines += [_escape(block.note), ""]
    for index, row in enumerate(block.rows):
        cells: list[str] = []
        for cell in row.cells:
            cells += [_cell(cell)] + [""] * (cell.span - 1)
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "---|" * len(block.widths))
    if block.caption:
        lines += ["", f"Table: {_escape(block.caption)}"]
    if block.legend:
        lines += ["", _escape(block.legend)]
    return "\n".join(lines)


def _cell(cell: Cell) -> str:
    return " ".join(_escape("".join(run.text for run in line)) for line in cell.lines)


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text.replace("\n", " "))
