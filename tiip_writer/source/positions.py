"""Where each value of a YAML document stands: JSON pointer → (line, column), 1-based."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def value_at(self, pointer: str) -> tuple[int, int]:
        """Return the position of the value at `pointer`, or of its nearest ancestor."""
        return self._nearest(self.values, pointer)

    def key_at(self, pointer: str) -> tuple[int, int]:
        """Return the position of the key naming `pointer` (the value's, for list items)."""
        if pointer in self.keys:
            return self.keys[pointer]
        return self.value_at(pointer)

    @staticmethod
    def _nearest(table: dict[str, tuple[int, int]], pointer: str) -> tuple[int, int]:
        while pointer:
            if pointer in table:
                return table[pointer]
            pointer = pointer.rsplit("/", 1)[0]
        return table.get("", (1, 1))
