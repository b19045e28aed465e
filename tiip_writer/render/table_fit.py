"""Column widths fitted to the cells' content, starting from the library's proportions.

tables.yaml gives each table's columns as proportions; on their own they broke work-item codes
(「A / 1」) and header words (「研發人 / 員」) and left one character alone on a cell's last line
(「晶衡運動控制股份有限公 / 司」). This module estimates how each cell's text wraps at a given
width (CJK characters one em, Latin half an em, lines broken between CJK characters or at
spaces, never inside a Latin word or number, closing punctuation kept with what precedes it)
and moves width between columns until
- no column is narrower than its widest unbreakable piece (a code, a number, a header word,
  a short name), and
- no cell's last line holds a single character,
taking the width from columns of running text that wrap anyway. The table keeps its total
width, and a table whose short pieces do not fit side by side is set a size smaller. The
estimate errs wide (a safety margin per line), since the real font decides; a cell that may
still end on a one-character word gets it bound to the word before (bind_tail).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache

from tiip_writer.render.blocks import Cell, Table

BODY_SIZE = 21  # half-points: the Table Text style (10.5 pt)
SMALL_SIZE = 18  # half-points: for a table whose columns do not fit at the body size
CELL_MARGIN = 85  # twips each side: the TableGrid style's cell margins
COMPACT_MARGIN = 28  # twips of cell margin in compact tables (narrow month columns)
INDENT_STEP = 360  # twips per plan-tree level
SAFETY = 0.3  # ems per line kept free, for the difference between this estimate and the font
SHORT_PIECE = 8  # body text pieces up to this many characters (a name, a title) stay whole
ROUNDS = 12
NO_BREAK_SPACE = "\u00a0"
ZERO_WIDTH_SPACE = "\u200b"  # a break opportunity without width
_CODE_COMMA = re.compile(r"(?<=[A-Za-z0-9])[、，](?=[A-Za-z0-9])")

# Widths of Latin characters in Times New Roman, in ems: capitals, spaces, punctuation, others.
_EM = {"U": 0.68, "Z": 0.25, "P": 0.3, "L": 0.47, "N": 0.5, "S": 0.56}
_CLOSING = set("，。、；：！？）」』】〕》％,.;:!?)]}%")
_OPENING = set("（「『【〔《([{")
_PIECE_SPLIT = re.compile(r"(?<=[、，；／/])|(?=[（(])")  # where short body text may break
_HEADER_SPLIT = re.compile(r"(?<=[／/])|(?=[（(])")


def fitted_columns(table: Table, base: Sequence[int], margin: int) -> tuple[list[int],
                                                                             int | None]:
    """Return twip column widths near `base` (the proportions) that fit the content, and the
    font size (half-points) to write the cells in: the table's own, or a smaller one when
    the table's short pieces would not fit side by side at the usual size."""
    columns = _column_texts(table)
    size = table.font_size
    widths = _fit(columns, base, margin, (size or BODY_SIZE) * 10)
    if widths is None and (size or BODY_SIZE) > SMALL_SIZE:
        size = SMALL_SIZE
        widths = _fit(columns, base, margin, SMALL_SIZE * 10)
    return (widths or list(base)), size


def _fit(columns: list[list[tuple[str, bool, int]]], base: Sequence[int], margin: int,
         em: int) -> list[int] | None:
    """Return the fitted widths at one font size (em in twips), or None when the short
    pieces (codes, header words, names) do not fit side by side at that size."""
    pad, total = 2 * margin, sum(base)
    floor = [max([_widest_unit(text, header, em, True) + indent * INDENT_STEP + pad
                  for text, header, indent in cells] or [0]) for cells in columns]
    if sum(floor) > total:
        if em > SMALL_SIZE * 10:
            return None  # try a smaller font first
        hard = [max([_widest_unit(text, header, em, False) + indent * INDENT_STEP + pad
                     for text, header, indent in cells] or [0]) for cells in columns]
        if sum(hard) > total:
            return None
        share = (total - sum(hard)) / (sum(floor) - sum(hard))  # of each short piece's extra
        floor = [h + int((f - h) * share) for h, f in zip(hard, floor)]
    natural = [max([int(_line_width(text, em) + SAFETY * em) + indent * INDENT_STEP + pad
                    for text, _header, indent in cells] or [0]) for cells in columns]
    natural = [max(n, f) for n, f in zip(natural, floor)]
    widths = [max(b, f) for b, f in zip(base, floor)]
    if sum(widths) > total:  # first from width no text needs, then down to the floors
        roomy = [min(w, max(n, f)) for w, n, f in zip(widths, natural, floor)]
        _spread(widths, total - sum(widths), base, roomy, list(widths))
        _spread(widths, total - sum(widths), base, floor, list(widths))
    fixed: set[int] = set()
    for _ in range(ROUNDS):
        orphaned = [i for i, cells in enumerate(columns)
                    if i not in fixed and _column_orphaned(cells, widths[i], em, pad)]
        if not orphaned:
            break
        for i in orphaned:
            fixed.add(i)
            others = [j for j in range(len(widths)) if j not in fixed]
            room = sum(widths[j] - floor[j] for j in others)
            for candidate in _orphan_free(columns[i], widths[i], floor[i], em, pad):
                if candidate - widths[i] <= room:
                    lower = [floor[j] if j in others else widths[j] for j in range(len(widths))]
                    upper = [natural[j] if j in others else widths[j]
                             for j in range(len(widths))]
                    upper[i] = lower[i] = candidate
                    _spread(widths, widths[i] - candidate, base, lower, upper)
                    widths[i] = candidate
                    break
    widths[-1] += total - sum(widths)
    return widths


def _spread(widths: list[int], amount: int, weights: Sequence[int], lower: Sequence[int],
            upper: Sequence[int]) -> int:
    """Add `amount` twips (or take, when negative) over the columns in proportion to
    `weights`, keeping each column within [lower, upper]; return what could not be moved."""
    for _ in range(len(widths) + 1):
        if amount == 0:
            return 0
        movable = [i for i in range(len(widths))
                   if (widths[i] < upper[i] if amount > 0 else widths[i] > lower[i])]
        if not movable:
            break
        whole = sum(weights[i] for i in movable) or len(movable)
        moved = 0
        for i in movable:
            share = int(amount * (weights[i] or 1) / whole)
            limit = upper[i] - widths[i] if amount > 0 else lower[i] - widths[i]
            step = min(share, limit) if amount > 0 else max(share, limit)
            widths[i] += step
            moved += step
        if moved == 0:  # shares rounded to nothing: the first movable column takes it
            i = movable[0]
            limit = upper[i] - widths[i] if amount > 0 else lower[i] - widths[i]
            moved = min(amount, limit) if amount > 0 else max(amount, limit)
            widths[i] += moved
        amount -= moved
    return amount


def _column_orphaned(cells: list[tuple[str, bool, int]], width: int, em: int, pad: int) -> bool:
    return any(_orphaned(text, width - pad - indent * INDENT_STEP, em)
               for text, _header, indent in cells)


def _column_texts(table: Table) -> list[list[tuple[str, bool, int]]]:
    """Return, per column, the (paragraph text, is header, indent) of its one-column cells."""
    columns: list[list[tuple[str, bool, int]]] = [[] for _ in table.widths]
    for row in table.rows:
        index = 0
        for cell in row.cells:
            if cell.span == 1 and cell.merge != "continue":
                for line in _paragraphs(cell):
                    if line:
                        columns[index].append((line, row.header, cell.indent))
            index += cell.span
    return columns


def _paragraphs(cell: Cell) -> list[str]:
    return [part for line in cell.lines
            for part in "".join(run.text for run in line).split("\n")]


def _orphan_free(cells: list[tuple[str, bool, int]], width: int, floor: int, em: int,
                 pad: int) -> Iterator[int]:
    """Yield the widths, at least `floor`, nearest `width` first (wider first at equal
    distance), at which no cell of the column leaves one character alone on its last line."""
    step = max(em // 4, 1)
    ceiling = max([_line_width(t, em) + pad + i * INDENT_STEP + int(SAFETY * em) + step
                   for t, _h, i in cells] or [width])
    for k in range(1, 40):
        for candidate in (width + k * step, width - k * step):
            if floor <= candidate <= max(ceiling, width) and not _column_orphaned(
                    cells, candidate, em, pad):
                yield candidate


def break_hints(text: str) -> str:
    """Return `text` with a zero-width space after each comma between codes (「A1、A2」):
    LibreOffice otherwise keeps such a list as one word and breaks it inside a code."""
    return _CODE_COMMA.sub("\\g<0>" + ZERO_WIDTH_SPACE, text) if "、" in text else text


def bind_tail(text: str, room: int, em: int) -> str:
    """Return `text` with a last one-character word bound to the word before it (a no-break
    space) when, wrapped into `room` twips, it could end on a line of that one character:
    the widths are an estimate, this makes sure (「6 年」 never leaves 「年」 alone)."""
    # Only a last word after a space can be bound. Between two CJK characters LibreOffice 7.4
    # breaks even at a word joiner (U+2060, U+FEFF and U+200D tried), so those cells rely on
    # the widths alone.
    if not (len(text) >= 3 and text[-2] == " " and not text[-3].isspace()):
        return text
    tail = text.rsplit("\n", 1)[-1]
    if not any(_ends_alone(tail, room + k * em // 4, em) for k in (1, 0, -1, -2)):
        return text
    return text[:-2] + NO_BREAK_SPACE + text[-1]


def _orphaned(text: str, room: int, em: int) -> bool:
    """Return True when `text` wrapped into `room` twips may end on a line of one character
    (at the estimated width, or a little narrower: the estimate is not the font)."""
    return _ends_alone(text, room, em) or _ends_alone(text, room - int(SAFETY * em), em)


@lru_cache(maxsize=65536)
def _ends_alone(text: str, usable: int, em: int) -> bool:
    """Return True when `text`, greedily wrapped into `usable` twips (the estimate), takes
    more than one line and its last line holds one character (spaces aside)."""
    tokens, widths, stripped_widths, whole = _measured(text, em)
    if whole + 1 <= usable:  # fits on one line (the 1 twip covers rounding of the sums)
        return False
    last, used, filled = 0, 0.0, False  # the last line's first token, its width, non-empty
    for index, width in enumerate(widths):
        if filled and used + width > usable:  # the token starts a line, without its spaces
            last, used = index, stripped_widths[index]
            filled = bool(tokens[index].lstrip())
        else:
            used, filled = used + width, True
    if last == 0:
        return False
    return len((tokens[last].lstrip() + "".join(tokens[last + 1:])).strip()) == 1


@lru_cache(maxsize=16384)
def _measured(text: str, em: int) -> tuple[tuple[str, ...], tuple[float, ...],
                                           tuple[float, ...], float]:
    """Return the tokens of `text`, their widths, their widths without leading spaces (what a
    token is worth at the start of a line) and the width of the whole."""
    tokens = _tokens(text)
    widths = tuple(_line_width(t, em) for t in tokens)
    return tokens, widths, tuple(_line_width(t.lstrip(), em) for t in tokens), sum(widths)


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    """Return the pieces a line can break between: single CJK characters (with closing
    punctuation after them and opening punctuation before), Latin words with their space."""
    tokens: list[str] = []
    previous = ""  # the last character of the last token
    for char in text:
        if tokens and (char in _CLOSING or previous in _OPENING
                       or (not _is_wide(char) and not char.isspace() and not _is_wide(previous)
                           and not previous.isspace())):
            tokens[-1] += char
        else:
            tokens.append(char)
        previous = char
    return tuple(tokens)


def _widest_unit(text: str, header: bool, em: int, short_pieces: bool) -> int:
    """Return the width of the widest piece of `text` that must not be broken: a code or a
    number, a header word, and with `short_pieces` a short name or title in a body cell."""
    widest = max(_measured(text, em)[1], default=0)
    pieces = _HEADER_SPLIT.split(text) if header else _PIECE_SPLIT.split(text)
    for piece in pieces:
        piece = piece.strip()
        if header or (short_pieces and len(piece) <= SHORT_PIECE):
            widest = max(widest, _line_width(piece, em))
    return int(widest + SAFETY * em)


@lru_cache(maxsize=65536)
def _line_width(text: str, em: int) -> float:
    """Return the estimated width of `text` on one line, in twips."""
    return sum([_char_width(c, em) for c in text])


@lru_cache(maxsize=4096)
def _char_width(char: str, em: int) -> float:
    if _is_wide(char):
        return em
    return em * _EM.get(unicodedata.category(char)[0] if not char.isupper() else "U", 0.5)


@lru_cache(maxsize=4096)
def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")
