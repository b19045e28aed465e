"""The changed values of two YAML data trees, leaf by leaf, list items matched by their code.

A list whose items carry a `code` or `id` (work items, checkpoints, staff) is matched by it,
so inserting one item changes that item only, not every index after it; other lists are
matched by position. Each leaf is named by a readable path such as `work[A].items[A1].weight`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tiip_writer.foundation.records import dataclass
from tiip_writer.source.positions import join_pointer

ITEM_KEYS = ("code", "id")  # what names a list item, in order of preference
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


@dataclass(frozen=True)
class Leaf:
    """One value that differs: where (pointer in the new file, or the old when removed), a
    readable path, and the two values (MISSING on the side that lacks it)."""

    pointer: str
    path: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Keyed:
    """A list item matched by code that exists on one side only, or whose name changed."""

    pointer: str
    path: str       # the list's readable path, e.g. `work[A].items`
    code: str
    old: Any        # the item's dict, or MISSING
    new: Any


def changed_leaves(old: Any, new: Any) -> tuple[list[Leaf], list[Keyed]]:
    """Return every differing leaf of `old` and `new`, and the code-keyed items that were
    added, removed or renamed (their leaves are in the first list as well)."""
    leaves: list[Leaf] = []
    keyed: list[Keyed] = []
    _walk(old, new, "", "", leaves, keyed)
    return leaves, keyed


def _walk(old: Any, new: Any, pointer: str, path: str, leaves: list[Leaf],
          keyed: list[Keyed]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            _walk(old.get(key, MISSING), new.get(key, MISSING), join_pointer(pointer, key),
                  f"{path}.{key}" if path else str(key), leaves, keyed)
        return
    if isinstance(old, list) and isinstance(new, list):
        for old_item, new_item, item_pointer, item_path in _pairs(old, new, pointer, path, keyed):
            _walk(old_item, new_item, item_pointer, item_path, leaves, keyed)
        return
    if old is MISSING or new is MISSING:
        for sub_pointer, sub_path, value in _leaves(new if old is MISSING else old, pointer, path):
            leaves.append(Leaf(sub_pointer, sub_path, MISSING if old is MISSING else value,
                               value if old is MISSING else MISSING))
        return
    if old != new or type(old) is not type(new) and not _same_number(old, new):
        leaves.append(Leaf(pointer, path, old, new))


def _same_number(a: Any, b: Any) -> bool:
    numeric = (int, float)
    return (isinstance(a, numeric) and isinstance(b, numeric) and not isinstance(a, bool)
            and not isinstance(b, bool) and a == b)


def _pairs(old: list[Any], new: list[Any], pointer: str, path: str,
           keyed: list[Keyed]) -> Iterator[tuple[Any, Any, str, str]]:
    """Yield (old item, new item, pointer, path) of two lists, matched by code when they have one."""
    key = _item_key(old + new)
    if key is None:
        for index in range(max(len(old), len(new))):
            yield (old[index] if index < len(old) else MISSING,
                   new[index] if index < len(new) else MISSING,
                   join_pointer(pointer, index), f"{path}[{index}]")
        return
    old_by = {str(item[key]): (index, item) for index, item in enumerate(old)}
    new_codes = {str(item[key]) for item in new}
    for index, item in enumerate(new):
        code = str(item[key])
        before = old_by.get(code, (None, MISSING))[1]
        item_pointer = join_pointer(pointer, index)
        if before is MISSING or before.get("name") != item.get("name"):
            keyed.append(Keyed(item_pointer, path, code, before, item))
        yield before, item, item_pointer, f"{path}[{code}]"
    for code, (index, item) in old_by.items():
        if code not in new_codes:
            item_pointer = join_pointer(pointer, index)
            keyed.append(Keyed(item_pointer, path, code, item, MISSING))
            yield item, MISSING, item_pointer, f"{path}[{code}]"


def _item_key(items: list[Any]) -> str | None:
    """Return the key every item of `items` carries once (code or id), or None."""
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for key in ITEM_KEYS:
        if all(key in i for i in items):
            return key
    return None


def _leaves(value: Any, pointer: str, path: str) -> Iterator[tuple[str, str, Any]]:
    """Yield every leaf under `value` (the value itself when it is one)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, join_pointer(pointer, key), f"{path}.{key}")
    elif isinstance(value, list):
        key = _item_key(value)
        for index, item in enumerate(value):
            name = str(item[key]) if key else str(index)
            yield from _leaves(item, join_pointer(pointer, index), f"{path}[{name}]")
    else:
        yield pointer, path, value
