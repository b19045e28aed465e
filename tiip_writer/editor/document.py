"""The proposal as a round-trip YAML tree (ruamel.yaml) and the edits the page can make to it.

Loading and dumping without an edit gives back the same bytes (tests hold every sample to
that); an edit changes only the value it names: a block scalar stays a block scalar, a quoted
value stays quoted, a flow-style row stays on its line, and comments stay where they were.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from tiip_writer.source.positions import split_pointer

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Scalar styles a new value keeps from the value it replaces.
_KEPT_STYLES = (LiteralScalarString, FoldedScalarString, DoubleQuotedScalarString,
                SingleQuotedScalarString)


class EditError(Exception):
    """An edit that cannot apply to the document (a stale pointer, a wrong container)."""


class UnreadableYaml(Exception):
    """The file is not YAML the editor can round-trip; `line` and `column` are 1-based when
    known; `problem` is the parser's one-line description (without its quoted excerpt)."""

    def __init__(self, problem: str, line: int | None, column: int | None = None):
        super().__init__(problem)
        self.problem, self.line, self.column = problem, line, column


def _yaml() -> YAML:
    # Width: never re-wrap a long line of Chinese prose. Indentation: the samples' and the
    # scaffold's layout (mapping 2, sequence dash at 2 inside 4).
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass(frozen=True)
class Edit:
    """One change from the page: `op` is set, insert, remove or move; `pointer` names the value
    (set, remove) or the list (insert, move)."""

    op: str
    pointer: str
    value: Any = None
    index: int = 0
    to: int = 0
    kind: str = ""  # "date": the string value is an ISO date

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Edit:
        """Return the edit described by the page's JSON; raise EditError when it is malformed."""
        op = data.get("op")
        if op not in ("set", "insert", "remove", "move") or not isinstance(data.get("pointer"), str):
            raise EditError(f"unknown edit: {data!r}")
        try:
            return cls(op, data["pointer"], data.get("value"), int(data.get("index", 0)),
                       int(data.get("to", 0)), str(data.get("kind", "")))
        except (TypeError, ValueError) as exc:
            raise EditError(f"malformed edit: {data!r}") from exc


class Document:
    """A proposal's round-trip YAML tree."""

    def __init__(self, text: str):
        self._yaml = _yaml()
        try:
            self.root = self._yaml.load(text)
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            parts = (getattr(exc, "context", None), getattr(exc, "problem", None))
            problem = " ".join(p for p in parts if p) or str(exc).splitlines()[0]
            raise UnreadableYaml(problem, mark.line + 1 if mark else None,
                                 mark.column + 1 if mark else None) from None
        if not isinstance(self.root, CommentedMap):
            raise UnreadableYaml("the top level is not a mapping", 1, 1)

    def text(self) -> str:
        """Return the document as YAML text."""
        buffer = io.StringIO()
        self._yaml.dump(self.root, buffer)
        return buffer.getvalue()

    def apply(self, edit: Edit) -> None:
        """Apply `edit`; raise EditError when it does not fit the document."""
        if edit.op == "set":
            self._set(edit.pointer, _typed(edit.value, edit.kind))
        elif edit.op == "remove":
            parent, key = self._parent(edit.pointer)
            if key not in (range(len(parent)) if isinstance(parent, CommentedSeq) else parent):
                raise EditError(f"nothing at {edit.pointer}")
            _keep_following_comments(parent, key)
            del parent[key]
        elif edit.op == "insert":
            items = self._list(edit.pointer)
            if not 0 <= edit.index <= len(items):
                raise EditError(f"index {edit.index} outside {edit.pointer}")
            items.insert(edit.index, _new_node(edit.value, items))
        else:
            items = self._list(edit.pointer)
            if not (0 <= edit.index < len(items) and 0 <= edit.to < len(items)):
                raise EditError(f"cannot move {edit.index} to {edit.to} in {edit.pointer}")
            items.insert(edit.to, items.pop(edit.index))

    def _set(self, pointer: str, value: Any) -> None:
        parent, key = self._parent(pointer)
        if isinstance(parent, CommentedSeq):
            if not 0 <= key < len(parent):  # type: ignore[operator]
                raise EditError(f"nothing at {pointer}")
        elif key not in parent:
            parent[key] = _new_node(value, parent)
            return
        old = parent[key]
        parent[key] = _styled_like(old, value)
        if _is_scalar(old) and _is_scalar(value) and "\n" not in str(old):
            self._keep_comment_gap(pointer, len(str(value)) - len(str(old)))

    def _keep_comment_gap(self, pointer: str, delta: int) -> None:
        """Move the end-of-line comment on the edited value's line by the change in its width.

        ruamel writes an end-of-line comment at the column it was read from, so a shorter
        value would open a gap before `# tiip: ignore[…]` and a longer one close it.
        """
        if not delta:
            return
        tokens = split_pointer(pointer)
        node: Any = self.root
        chain: list[tuple[Any, Any]] = []
        for token in tokens:
            key: Any = int(token) if isinstance(node, CommentedSeq) else token
            chain.append((node, key))
            node = node[key]
        # The line's comment hangs on the value itself, or on the flow row that holds it.
        for container, key in reversed(chain):
            index = 0 if isinstance(container, CommentedSeq) else 2
            slot = container.ca.items.get(key)
            if slot and slot[index] is not None and slot[index].start_mark.column:
                token = slot[index]
                token.start_mark = CommentMark(max(0, token.start_mark.column + delta))
                return
            child = container[key]
            if not (isinstance(child, (CommentedMap, CommentedSeq)) and child.fa.flow_style()) \
                    and child is not node:
                return

    def _parent(self, pointer: str) -> tuple[Any, str | int]:
        tokens = split_pointer(pointer)
        if not tokens:
            raise EditError("the document itself cannot be replaced")
        node: Any = self.root
        for token in tokens[:-1]:
            node = _child(node, token, pointer)
        last = tokens[-1]
        if isinstance(node, CommentedSeq):
            return node, _index(last, pointer)
        if isinstance(node, CommentedMap):
            return node, last
        raise EditError(f"{pointer} is inside a value that is not a mapping or list")

    def _list(self, pointer: str) -> CommentedSeq:
        node: Any = self.root
        for token in split_pointer(pointer):
            node = _child(node, token, pointer)
        if not isinstance(node, CommentedSeq):
            raise EditError(f"{pointer} is not a list")
        return node


def _child(node: Any, token: str, pointer: str) -> Any:
    if isinstance(node, CommentedSeq):
        index = _index(token, pointer)
        if 0 <= index < len(node):
            return node[index]
    elif isinstance(node, CommentedMap) and token in node:
        return node[token]
    raise EditError(f"nothing at {pointer}")


def _index(token: str, pointer: str) -> int:
    if not token.isdigit():
        raise EditError(f"{pointer}: '{token}' is not a list index")
    return int(token)


def _typed(value: Any, kind: str) -> Any:
    """Return the page's JSON value as the YAML value it stands for."""
    if kind == "date" and isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # e.g. 2016-02-30: kept as written, the check reports it
    return value


def _styled_like(old: Any, new: Any) -> Any:
    """Return `new` in the scalar style of `old` (block, folded or quoted text stays so)."""
    if not isinstance(new, str):
        return new
    if isinstance(old, (LiteralScalarString, FoldedScalarString)):
        # A block scalar keeps its final line break (clip chomping) unless it never had one.
        if str(old).endswith("\n") and not new.endswith("\n"):
            new += "\n"
        return type(old)(new)
    if isinstance(old, _KEPT_STYLES):
        return type(old)(new)
    if "\n" in new.strip("\n"):  # prose grew a second line: a literal block reads best
        return LiteralScalarString(new.rstrip("\n") + "\n")
    return new


def _new_node(value: Any, siblings: Any) -> Any:
    """Return a new value as round-trip nodes; a row joins a flow-style list in flow style."""
    if isinstance(value, dict):
        node = CommentedMap((k, _new_node(v, None)) for k, v in value.items())
        if _flow_rows(siblings):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        return CommentedSeq(_new_node(v, None) for v in value)
    if isinstance(value, str) and "\n" in value.strip("\n"):
        return LiteralScalarString(value.rstrip("\n") + "\n")
    return value


def _flow_rows(siblings: Any) -> bool:
    """Return True when the rows of list `siblings` are written in flow style ({…} per line)."""
    if not isinstance(siblings, CommentedSeq):
        return False
    rows = [item for item in siblings if isinstance(item, CommentedMap)]
    return bool(rows) and all(row.fa.flow_style() for row in rows)


def _keep_following_comments(parent: Any, key: Any) -> None:
    """Hand the comment lines that follow the value at `key` to the value before it.

    ruamel keeps the comment lines after a value (up to the next key) on that value's last
    leaf, so deleting the value would delete them: a section's closing notes, or the comment
    introducing the next key. The removed value's own end-of-line comment goes with it.
    """
    keys = list(range(len(parent))) if isinstance(parent, CommentedSeq) else list(parent)
    position = keys.index(key)
    if position == 0:
        return
    slot = _tail_slot(parent, key)
    if slot is None:
        return
    items, leaf_key, index, block = slot
    token = items[leaf_key][index]
    following = token.value if block else token.value.partition("\n")[2]
    if not following.strip():
        return
    target = _tail_slot(parent, keys[position - 1], create=True)
    assert target is not None
    items, leaf_key, index, _block = target
    before = items[leaf_key][index]
    text = (before.value if before is not None else "\n") + following
    column = before.start_mark.column if before is not None else 0
    items[leaf_key][index] = CommentToken(text, start_mark=CommentMark(column))


def _tail_slot(parent: Any, key: Any, create: bool = False) -> tuple[dict, Any, int, bool] | None:
    """Return where the comment after the value at `key` lives: (ca.items, key, index, whether
    the leaf is a block scalar), or None when there is none (and `create` is False)."""
    node = parent[key]
    if isinstance(node, CommentedMap) and node and not node.fa.flow_style():
        return _tail_slot(node, list(node)[-1], create)
    if isinstance(node, CommentedSeq) and node and not node.fa.flow_style():
        return _tail_slot(node, len(node) - 1, create)
    index = 0 if isinstance(parent, CommentedSeq) else 2
    items = parent.ca.items
    if key not in items or items[key][index] is None:
        if not create:
            return None
        items.setdefault(key, [None, None, None, None])
    return items, key, index, isinstance(node, (LiteralScalarString, FoldedScalarString))


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list)) and value is not None
