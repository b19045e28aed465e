"""Reading the library's tables.yaml: captions, column titles and wording of the native tables.

Chapter titles and table columns belong to the template library (data), never to Python, so
that the programme office can publish its exact form and a consultant can adjust it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class LabelError(Exception):
    """tables.yaml lacks a key that a table needs."""

    def __init__(self, path: tuple[str, ...]):
        super().__init__(".".join(path))
        self.path = path


def label(labels: Mapping[str, Any], *path: str) -> Any:
    """Return the value at `path` in the labels; raise LabelError naming the missing key."""
    node: Any = labels
    for depth, key in enumerate(path):
        if not isinstance(node, Mapping) or key not in node:
            raise LabelError(path[: depth + 1])
        node = node[key]
    return node


def text(labels: Mapping[str, Any], *path: str) -> str:
    """Return the label at `path` as text."""
    return str(label(labels, *path))


class Section(dict):  # type: ignore[type-arg]
    """A tables.yaml section whose missing keys raise LabelError with their full path."""

    def __init__(self, data: Mapping[str, Any], path: tuple[str, ...]):
        super().__init__(data)
        self.path = path

    def __getitem__(self, key: str) -> Any:
        if key not in self:
            raise LabelError((*self.path, key))
        value = super().__getitem__(key)
        return Section(value, (*self.path, key)) if isinstance(value, Mapping) else value


def section(labels: Mapping[str, Any], name: str) -> Section:
    """Return the tables.yaml section `name`."""
    value = label(labels, name)
    if not isinstance(value, Mapping):
        raise LabelError((name,))
    return Section(value, (name,))
