"""Where each value of a YAML document stands: JSON pointer → (line, column), 1-based."""

from __future__ import annotations

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
        """
        if pointer not in self.spans or not 0 <= offset < len(value) or value[offset].isspace():
            return self.value_at(pointer)
        start, end, style = self.spans[pointer]
        if style in ("|", ">"):
            start = text.index("\n", start, end) + 1 if "\n" in text[start:end] else end
        elif style in ("'", '"'):
            start += 1
        wanted = sum(1 for ch in value[:offset] if not ch.isspace())
        seen = 0
        for index in range(start, end):
            if text[index].isspace():
                continue
            if seen == wanted:
                return _line_column(text, index) if text[index] == value[offset] else self.value_at(pointer)
            seen += 1
        return self.value_at(pointer)

    @staticmethod
    def _nearest(table: dict[str, tuple[int, int]], pointer: str) -> tuple[int, int]:
        while pointer:
            if pointer in table:
                return table[pointer]
            pointer = pointer.rsplit("/", 1)[0]
        return table.get("", (1, 1))


def _line_column(text: str, index: int) -> tuple[int, int]:
    """Return the 1-based (line, column) of character `index` in `text`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
