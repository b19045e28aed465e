"""Plain-text tables that line up in a terminal, counting CJK characters two columns wide."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Return how many terminal columns `text` takes (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, right: bool = False) -> str:
    """Return `text` padded with spaces to `columns` wide, aligned right when `right`."""
    gap = " " * max(columns - width(text), 0)
    return gap + text if right else text + gap


def render(rows: Sequence[Sequence[str]], numeric: Sequence[bool], gap: str = "  ") -> list[str]:
    """Return `rows` (the first is the header) as aligned lines with a rule under the header."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [gap.join(pad(cell, widths[i], numeric[i]) for i, cell in enumerate(row)).rstrip()
             for row in rows]
    lines.insert(1, gap.join("─" * w for w in widths))
    return lines
