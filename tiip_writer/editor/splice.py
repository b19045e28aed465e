"""Typing without re-writing the whole file: put a new scalar value straight into the text.

Dumping the whole round-trip tree takes most of an edit's time on a 600-line proposal, and
typing only ever replaces one number or one piece of text. When the new value can be written
in the old one's place with certainty about what YAML will read back (the same number, the
same text), the checker gets the text with just that span replaced. Anything less certain
returns None and the caller dumps the tree. Saving always writes the tree's dump, so what
reaches the disk is ruamel's in every case.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tiip_writer.source import Source

_PLAIN_NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
# Characters that give a plain scalar a meaning other than text somewhere in a line.
_PLAIN_UNSAFE = re.compile(r"[\[\]{},#&*!|>'\"%@`\\]|: |:$|^[-?:~]|\s$|^\s")
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


def splice(source: Source, edits: list[tuple[str, Any]]) -> str | None:
    """Return `source`'s text with each (pointer, new value) written in place, or None."""
    text = source.text
    starts = _line_starts(text)
    replacements: list[tuple[int, int, str]] = []
    for pointer, value in edits:
        found = _replacement(source, starts, pointer, value)
        if found is None:
            return None
        replacements.append(found)
    replacements.sort(reverse=True)
    for (start, end, _), (next_start, _, _) in zip(replacements[1:], replacements):
        if end > next_start:  # overlapping spans: not a case typing produces
            return None
    for start, end, new in replacements:
        text = text[:start] + new + text[end:]
    return text


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def _replacement(source: Source, starts: list[int], pointer: str,
                 value: Any) -> tuple[int, int, str] | None:
    positions = source.positions
    if pointer in positions.spans and isinstance(value, str):
        start, end, style = positions.spans[pointer]
        old = _value_at(source.data, pointer)
        if not isinstance(old, str):
            return None
        if style == "|":
            return _literal(source.text, start, old, value)
        if "\n" in source.text[start:end] or not _single_line(value):
            return None
        if style == '"' and not re.search(r'["\\]', value):
            return start, end, f'"{value}"'
        if style == "'" and "'" not in value:
            return start, end, f"'{value}'"
        if style == "" and _plain_text(value):
            return start, end, value
        return None
    if pointer in positions.raw and positions.implicit.get(pointer) in ("int", "float") \
            and isinstance(value, (int, float)) and not isinstance(value, bool):
        written = str(value)
        if not _PLAIN_NUMBER.match(written):
            return None
        line, column = positions.values[pointer]
        start = starts[line - 1] + column - 1
        raw = positions.raw[pointer]
        if source.text[start:start + len(raw)] != raw:
            return None
        return start, start + len(raw), written
    return None


def _literal(text: str, start: int, old: str, new: str) -> tuple[int, int, str] | None:
    """Replace a `|` block's lines (the header must be a bare `|`: clip chomping, no
    indentation indicator) by the new value's lines at the same indentation."""
    if text[start:start + 2] != "|\n" or not old.endswith("\n") or old.endswith("\n\n"):
        return None
    if not new.endswith("\n"):
        new += "\n"  # the block keeps its final line break (as the tree does)
    lines = new[:-1].split("\n")
    if new.endswith("\n\n") or not lines[0] or lines[0][0] == " " \
            or not all(line.isprintable() for line in lines):
        return None
    body_start = start + 2
    old_lines = old[:-1].split("\n")
    indent = next((len(line) - len(line.lstrip(" ")) for line in
                   text[body_start:].split("\n", len(old_lines))[:len(old_lines)] if line), 0)
    if indent == 0:
        return None
    end = body_start
    for _ in old_lines:
        end = text.index("\n", end) + 1
    body = "".join(" " * indent + line + "\n" if line else "\n" for line in lines)
    return body_start, end, body


def _single_line(value: str) -> bool:
    return bool(value) and value.isprintable()


def _plain_text(value: str) -> bool:
    """Return True when `value` written plain is read back as this very text."""
    if not _single_line(value) or _PLAIN_UNSAFE.search(value):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR


def _value_at(data: Any, pointer: str) -> Any:
    from tiip_writer.source.positions import split_pointer

    node = data
    for token in split_pointer(pointer):
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            return None
    return node

