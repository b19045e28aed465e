"""Markdown text helpers: escaping user text inserted inline, preparing user prose as blocks.

User text inserted into a template line must never change the document's structure: a
company called 「A|B」 or a figure 「*註」 stays text. User prose fields are Markdown by
design, but their headings sit below the chapter that holds them, and they cannot forge
the build's own directive blocks.
"""

from __future__ import annotations

import re

DIRECTIVE_INFO = "tiip"  # fenced blocks with this info string are build directives

# Every ASCII punctuation mark may be backslash-escaped in CommonMark; these are the ones that
# can start or change inline structure anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!&#])")
# Markers that only matter at the start of a line: list items, quotes, setext underlines, code.
_LEADING_MARKER = re.compile(r"^(\d{1,9})([.)])|^([-+=>])")
_DIRECTIVE_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(\s*" + DIRECTIVE_INFO + r")", re.MULTILINE)
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# CJK characters, punctuation and full-width forms: no space between them when lines join.
# Compared as ranges: a regular expression over them takes ~2.5 ms to compile on every run.
_CJK_RANGES = (("\u2e80", "\u9fff"), ("\uf900", "\ufaff"), ("\uff00", "\uffef"))


def _is_cjk(char: str) -> bool:
    return any(low <= char <= high for low, high in _CJK_RANGES)


def join_lines(first: str, second: str) -> str:
    """Return two wrapped lines joined: no space between CJK characters, one otherwise."""
    if not first or not second:
        return first + second
    if _is_cjk(first[-1]) or _is_cjk(second[0]):
        return first + second
    return first + " " + second


def unwrap(text: str) -> str:
    """Return `text` with its line breaks joined the way a reader of Chinese expects."""
    result = ""
    for line in text.splitlines():
        result = join_lines(result, line.strip())
    return result


def escape_inline(text: str) -> str:
    """Return `text` as Markdown that renders literally on one line."""
    flat = unwrap(str(text))
    escaped = _INLINE_SPECIAL.sub(r"\\\1", flat)
    match = _LEADING_MARKER.match(escaped)
    if match:
        if match.group(1):
            escaped = f"{match.group(1)}\\{match.group(2)}{escaped[match.end():]}"
        else:
            escaped = "\\" + escaped
    return escaped


def prose_block(text: str, level: int = 2) -> str:
    """Return user Markdown prose ready to place under a heading of `level`.

    Headings move down so that the prose's `#` becomes level + 1 (at most 6); setext
    headings become ATX ones; a fence that would open a build directive is escaped.
    """
    lines = str(text).strip("\n").splitlines()
    out: list[str] = []
    in_fence = ""
    for line in lines:
        fence = _FENCE.match(line)
        if in_fence:
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = ""
            out.append(line)
            continue
        if fence:
            in_fence = fence.group(1)
            out.append(_DIRECTIVE_FENCE.sub(r"\1\\\2\3", line))
            continue
        atx = _ATX.match(line)
        if atx:
            depth = min(6, len(atx.group(2)) + level)
            out.append(atx.group(1) + "#" * depth + line[atx.end():])
            continue
        setext = _SETEXT.match(line)
        if setext and out and out[-1].strip() and not _ATX.match(out[-1]):
            depth = min(6, (1 if setext.group(1)[0] == "=" else 2) + level)
            out[-1] = "#" * depth + " " + out[-1].strip()
            continue
        out.append(line)
    return "\n".join(out)
