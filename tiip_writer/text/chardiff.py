"""Character-level differences of two texts, grouped into pieces a reader can follow.

Chinese has no spaces to diff words by, so texts are compared character by character
(difflib). A raw character diff of two rewritten sentences is a confetti of one-character
matches (「的」, 「，」) between changes; a match shorter than MIN_KEPT between two changes is
folded into them, so a reader sees 「刪掉這句」「換成那句」 rather than ten fragments.
`tiip diff` shows these pieces struck and inserted, and the revised .docx uses them as
tracked changes.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

from tiip_writer.foundation.records import dataclass

Kind = Literal["equal", "delete", "insert"]

MIN_KEPT = 3  # characters: a shorter common stretch between two changes joins them

# A Latin word or a number (24.6, 1,200, 40%) changes as a whole; any other character alone.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%_-]*[A-Za-z0-9%]|[A-Za-z0-9]|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Piece:
    """A stretch of text that is in both texts (equal), only the old (delete) or only the new."""

    kind: Kind
    text: str


def char_diff(old: str, new: str) -> list[Piece]:
    """Return the pieces that turn `old` into `new`, in reading order (deletion before insertion)."""
    a_tokens, b_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]

    def text(tokens: list[str], start: int, end: int) -> str:
        return "".join(tokens[start:end])

    # keep the common stretches long enough to read, or that touch an end of both texts
    kept = [b for b in blocks
            if len(text(a_tokens, b.a, b.a + b.size)) >= MIN_KEPT or (b.a == 0 and b.b == 0)
            or (b.a + b.size == len(a_tokens) and b.b + b.size == len(b_tokens))]
    pieces: list[Piece] = []
    a = b = 0
    for block in kept:
        _changed(pieces, text(a_tokens, a, block.a), text(b_tokens, b, block.b))
        _add(pieces, "equal", text(a_tokens, block.a, block.a + block.size))
        a, b = block.a + block.size, block.b + block.size
    _changed(pieces, text(a_tokens, a, len(a_tokens)), text(b_tokens, b, len(b_tokens)))
    return _slid(pieces)


def _slid(pieces: list[Piece]) -> list[Piece]:
    """Return the pieces with each lone insertion or deletion slid as far right as the text
    allows (「感[測、熱變位預]測與」 reads better as 「感測[、熱變位預測]與」)."""
    out = list(pieces)
    for index in range(1, len(out) - 1):
        before, change, after = out[index - 1], out[index], out[index + 1]
        if before.kind != "equal" or after.kind != "equal" or change.kind == "equal":
            continue
        moved, rest = change.text, after.text
        while rest and moved[0] == rest[0]:
            before = Piece("equal", before.text + moved[0])
            moved, rest = moved[1:] + rest[0], rest[1:]
        out[index - 1], out[index], out[index + 1] = before, Piece(change.kind, moved), \
            Piece("equal", rest)
    return [p for p in out if p.text]


def _changed(pieces: list[Piece], removed: str, added: str) -> None:
    _add(pieces, "delete", removed)
    _add(pieces, "insert", added)


def _add(pieces: list[Piece], kind: Kind, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].kind == kind:
        pieces[-1] = Piece(kind, pieces[-1].text + text)
    else:
        pieces.append(Piece(kind, text))


def old_text(pieces: list[Piece]) -> str:
    """Return the old text the pieces describe."""
    return "".join(p.text for p in pieces if p.kind != "insert")


def new_text(pieces: list[Piece]) -> str:
    """Return the new text the pieces describe."""
    return "".join(p.text for p in pieces if p.kind != "delete")
