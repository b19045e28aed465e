"""Placeholder findings gathered per section for people reading the text report.

A fresh `tiip new` file has a placeholder in almost every field: 80 findings one per line hide
the few that matter. The text report shows one finding per top-level section (申請單位, 市場…)
with the count and the first lines; `--verbose` and the JSON/SARIF reports keep every finding.
The closing hint says where to start filling in.
"""

from __future__ import annotations

import dataclasses
from functools import cache

from tiip_writer.foundation.diagnostics import Diagnostic, Text
from tiip_writer.schema.index import SchemaIndex, load_schema
from tiip_writer.source.positions import split_pointer

PLACEHOLDER = "writing.placeholder"
FIRST_LINES = 5   # lines named in a section's finding


def section_of(pointer: str) -> str:
    """Return the top-level key the pointer lies in ('' for the document itself)."""
    tokens = split_pointer(pointer)
    return tokens[0] if tokens else ""


def section_title(section: str) -> str:
    """Return the zh-TW title of a top-level section, e.g. 'applicants' → 「申請單位」."""
    return _index().title_at([section]) if section else ""


@cache
def _index() -> SchemaIndex:
    return SchemaIndex(load_schema())


def grouped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Return the findings with each section's placeholders (two or more) as one finding at
    the first of them; everything else unchanged and in order."""
    by_section: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        if d.rule == PLACEHOLDER:
            by_section.setdefault(section_of(d.pointer), []).append(d)
    result = []
    for d in diagnostics:
        if d.rule != PLACEHOLDER:
            result.append(d)
            continue
        members = by_section[section_of(d.pointer)]
        if len(members) == 1:
            result.append(d)
        elif d is members[0]:
            result.append(_summary(members))
    return result


def _summary(members: list[Diagnostic]) -> Diagnostic:
    first = members[0]
    title = section_title(section_of(first.pointer))
    lines = sorted({d.line for d in members})
    shown = "、".join(str(n) for n in lines[:FIRST_LINES])
    shown_en = ", ".join(str(n) for n in lines[:FIRST_LINES])
    more, more_en = ("…", ", …") if len(lines) > FIRST_LINES else ("", "")
    return dataclasses.replace(first, message=Text(
        f"「{title}」一節還有 {len(members)} 處未填寫的預留文字（第 {shown}{more} 行）",
        f"the section '{title}' still holds {len(members)} placeholders (lines {shown_en}{more_en})"),
        hint=Text("換成實際內容，不適用的項目請填「無」；tiip check --verbose 逐一列出",
                  "replace them with the real content (「無」 where an item does not apply); "
                  "tiip check --verbose lists each"))


def next_step(file: str, diagnostics: list[Diagnostic]) -> Text | None:
    """Return the one line saying where to start filling in, when placeholders are left."""
    placeholders = [d for d in diagnostics if d.rule == PLACEHOLDER]
    if not placeholders:
        return None
    first = min(placeholders, key=lambda d: (d.line, d.column))
    title = section_title(section_of(first.pointer))
    where = f"{file}:{first.line}:{first.column}"
    count = len(placeholders)
    return Text(f"下一步：從「{title}」（{where}）開始，依檔案順序把 {count} 處預留文字換成實際內容。",
                f"next: start with '{title}' ({where}) and replace the {count} placeholders in "
                "file order.")
