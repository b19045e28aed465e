"""Where each value of a YAML document stands: JSON pointer → (line, column), 1-based."""

from __future__ import annotations

import bisect
from dataclasses import field

from tiip_writer.foundation.records import dataclass


def join_pointer(parent: str, key: str | int) -> str:
    """Return the JSON pointer of `key` inside `parent` (RFC 6901 escaping)."""
    token = str(key).replace("~", "~0").replace("/", "~1")
    return f"{parent}/{token}"


def split_pointer(pointer: str) -> list[str]:
    """Return the unescaped tokens of a JSON pointer."""
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


@dataclass
class PositionMap:
    """Positions of values and of mapping keys, plus what YAML silently made of plain scalars."""

    values: dict[str, tuple[int, int]] = field(default_factory=dict)
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    # pointer -> YAML type a plain (unquoted) scalar was resolved to, when it is not text
    implicit: dict[str, str] = field(default_factory=dict)
    # pointer -> the scalar exactly as written in the file (for plain non-text scalars)
    raw: dict[str, str] = field(default_factory=dict)
    # pointer -> (start, end) character indices of a text scalar in the source, and its style
    spans: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    # built on demand by char_at: per string, and for the whole text
    _strings: dict[str, _StringIndex] = field(default_factory=dict, repr=False, compare=False)
    _line_index: _LineIndex | None = field(default=None, repr=False, compare=False)

    def value_at(self, pointer: str) -> tuple[int, int]:
        """Return the position of the value at `pointer`, or of its nearest ancestor."""
        return self._nearest(self.values, pointer)

    def key_at(self, pointer: str) -> tuple[int, int]:
        """Return the position of the key naming `pointer` (the value's, for list items)."""
        if pointer in self.keys:
            return self.keys[pointer]
        return self.value_at(pointer)

    def char_at(self, text: str, pointer: str, value: str, offset: int) -> tuple[int, int]:
        """Return the (line, column) of character `offset` of the string `value` at `pointer`.

        `text` is the source text. Non-blank characters of a YAML string appear in the source in
        the same order (indentation, line folding and quotes only add or remove blanks), so the
        n-th non-blank character of the value is the n-th non-blank character of its source
        span. Falls back to the value's own position when the source does not line up (escapes).
        The indexes this needs are built once per string and once per text, so a string with
        thousands of findings is positioned in linear time.
        """
        if pointer not in self.spans or not 0 <= offset < len(value) or value[offset].isspace():
            return self.value_at(pointer)
        index = self._string_index(text, pointer, value)
        wanted = index.value_counts[offset]
        if wanted >= len(index.source_chars):
            return self.value_at(pointer)
        source_index = index.source_chars[wanted]
        if text[source_index] != value[offset]:
            return self.value_at(pointer)
        return self._lines(text).line_column(source_index)

    def _string_index(self, text: str, pointer: str, value: str) -> _StringIndex:
        cached = self._strings.get(pointer)
        if cached is None or cached.value is not value:
            start, end, style = self.spans[pointer]
            if style in ("|", ">"):
                newline = text.find("\n", start, end)
                start = newline + 1 if newline >= 0 else end
            elif style in ("'", '"'):
                start += 1
            cached = self._strings[pointer] = _StringIndex.build(text, start, end, value)
        return cached

    def _lines(self, text: str) -> _LineIndex:
        if self._line_index is None or self._line_index.text is not text:
            self._line_index = _LineIndex.build(text)
        return self._line_index

    @staticmethod
    def _nearest(table: dict[str, tuple[int, int]], pointer: str) -> tuple[int, int]:
        while pointer:
            if pointer in table:
                return table[pointer]
            pointer = pointer.rsplit("/", 1)[0]
        return table.get("", (1, 1))


@dataclass(frozen=True)
class _StringIndex:
    """For one string: how many non-blank characters precede each of its characters, and
    where the non-blank characters of its source span are in the text."""

    value: str
    value_counts: list[int]
    source_chars: list[int]

    @classmethod
    def build(cls, text: str, start: int, end: int, value: str) -> _StringIndex:
        counts, seen = [], 0
        for ch in value:
            counts.append(seen)
            seen += not ch.isspace()
        source = [i for i in range(start, end) if not text[i].isspace()]
        return cls(value, counts, source)


@dataclass(frozen=True)
class _LineIndex:
    """Where each line of a text starts, to turn a character index into (line, column)."""

    text: str
    starts: list[int]

    @classmethod
    def build(cls, text: str) -> _LineIndex:
        starts = [0]
        index = text.find("\n")
        while index >= 0:
            starts.append(index + 1)
            index = text.find("\n", index + 1)
        return cls(text, starts)

    def line_column(self, index: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of character `index`."""
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1
