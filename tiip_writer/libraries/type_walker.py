"""Walk a template's syntax tree with the context's types: unknown fields, refused attributes,
wrong directive arguments — each with its line, before anything is rendered.

The walk is deliberately simple: `{% set %}` and `{% for %}` bind names to the type of their
expression, macro arguments are unknown (never checked), and anything it cannot type is Any,
so it may miss a mistake but never reports a correct template.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterator
from typing import Any

from jinja2 import nodes

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.libraries.context_types import (
    MISSING,
    Method,
    attribute_type,
    element_type,
    field_names,
    item_type,
    sandbox_refuses,
    sequence_of,
)
from tiip_writer.render.sandbox import LOOP_FILTER
from tiip_writer.render.templating import ALIGNMENTS, ORIENTATIONS

REFUSED = object()  # the type of an expression the sandbox refuses: report it once, not per step

# Filters whose result holds the same items as their input, or one of them.
SAME_ITEMS = frozenset({"list", "select", "reject", "selectattr", "rejectattr", "sort",
                        "reverse", "unique"})
ONE_ITEM = frozenset({"first", "last", "min", "max"})


@dataclass(frozen=True)
class Problem:
    """Something wrong at a line of a template (messages in both languages, optional hint)."""

    line: int
    rule: str
    zh: str
    en: str
    hint: Text | None = None


class TypeWalker:
    """Collects problems while walking a template with a scope of typed names."""

    def __init__(self, scope: dict[str, Any], tables: Collection[str],
                 styles: Collection[str] | None):
        self.scopes: list[dict[str, Any]] = [dict(scope)]
        self.tables, self.styles = tables, styles
        self.problems: list[Problem] = []

    @property
    def top(self) -> dict[str, Any]:
        """Return the names bound at the template's top level."""
        return self.scopes[0]

    def walk(self, node: nodes.Node) -> None:
        """Walk a statement or expression node and everything below it."""
        handler: Callable[[Any], Any] | None = getattr(self, f"_{type(node).__name__}", None)
        if handler is not None:
            handler(node)
        elif isinstance(node, nodes.Expr):
            self.type_of(node)
        else:
            self._children(node)

    def type_of(self, node: nodes.Node) -> Any:
        """Return the type of an expression, walking (and checking) its parts."""
        if isinstance(node, nodes.Name):
            return self._lookup(node.name)
        if isinstance(node, nodes.Getattr):
            return self._getattr(node)
        if isinstance(node, nodes.Getitem):
            base = self.type_of(node.node)
            self.walk(node.arg)
            return REFUSED if base is REFUSED else item_type(base)
        if isinstance(node, nodes.Filter):
            return self._filter(node)
        if isinstance(node, nodes.Call):
            return self._call(node)
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined"):
            return Any  # `x.y is defined` asks whether y exists: nothing to report
        if isinstance(node, nodes.CondExpr):
            self.walk(node.test)
            first = self.type_of(node.expr1)
            if node.expr2 is not None:
                self.walk(node.expr2)
            return first
        self._children(node)
        return Any

    # --- statements -----------------------------------------------------------------

    def _For(self, node: nodes.For) -> None:
        items = element_type(self.type_of(node.iter))
        self.scopes.append({})
        self._bind(node.target, items)
        for child in (*node.body, *node.else_):
            self.walk(child)
        if node.test is not None:
            self.walk(node.test)
        self.scopes.pop()

    def _Assign(self, node: nodes.Assign) -> None:
        self._bind(node.target, self.type_of(node.node))

    def _AssignBlock(self, node: nodes.AssignBlock) -> None:
        self._bind(node.target, Any)
        self._walk_all(node.body)

    def _Macro(self, node: nodes.Macro) -> None:
        self.top[node.name] = Any
        self.scopes.append({arg.name: Any for arg in node.args})
        for default in node.defaults:
            self.walk(default)
        self._walk_all(node.body)
        self.scopes.pop()

    def _CallBlock(self, node: nodes.CallBlock) -> None:
        self.type_of(node.call)
        self.scopes.append({arg.name: Any for arg in node.args})
        self._walk_all(node.body)
        self.scopes.pop()

    def _Import(self, node: nodes.Import) -> None:
        self.scopes[-1][node.target] = Any

    def _FromImport(self, node: nodes.FromImport) -> None:
        for name in node.names:
            self.scopes[-1][name[1] if isinstance(name, tuple) else name] = Any

    # --- expressions ----------------------------------------------------------------

    def _getattr(self, node: nodes.Getattr) -> Any:
        base = self.type_of(node.node)
        if base is REFUSED:
            return REFUSED
        found = attribute_type(base, node.attr)
        if sandbox_refuses(base, node.attr, found):
            self._report(node, "template.sandbox",
                         f"沙箱不允許存取「{_text(node)}」（內部屬性或不允許的方法）",
                         f"the sandbox refuses '{_text(node)}' (an internal attribute or a "
                         "refused method)")
            return REFUSED
        if found is MISSING:
            close = difflib.get_close_matches(node.attr, field_names(base), n=1)
            hint = Text(f"是不是要寫「{close[0]}」？", f"did you mean '{close[0]}'?") if close else None
            self._report(node, "template.unknown-field",
                         f"「{_text(node.node)}」沒有欄位「{node.attr}」",
                         f"'{_text(node.node)}' has no field '{node.attr}'", hint)
            return Any
        return found

    def _filter(self, node: nodes.Filter) -> Any:
        value = self.type_of(node.node) if node.node is not None else Any
        self._walk_all((*node.args, *(kw.value for kw in node.kwargs)))
        if node.name == LOOP_FILTER:
            return value
        if node.name in SAME_ITEMS:
            return sequence_of(value)
        if node.name in ONE_ITEM:
            return element_type(value)
        return Any

    def _call(self, node: nodes.Call) -> Any:
        callee = self.type_of(node.node)
        self._walk_all((*node.args, *(kw.value for kw in node.kwargs)))
        if isinstance(node.node, nodes.Name):
            self._check_directive(node, node.node.name)
        if callee is REFUSED:
            return REFUSED
        return callee.returns if isinstance(callee, Method) else Any

    def _check_directive(self, node: nodes.Call, name: str) -> None:
        first = _constant(node.args[0]) if node.args else None
        keywords = {kw.key: _constant(kw.value) for kw in node.kwargs}
        if name == "table" and isinstance(first, str) and first not in self.tables:
            self._report(node, "template.unknown-table", f"沒有名為「{first}」的表格",
                         f"there is no table '{first}'")
        if name == "section" and isinstance(first, str) and first not in ORIENTATIONS:
            self._report(node, "template.directive", f"section() 只接受 portrait 或 landscape，"
                         f"不是「{first}」", f"section() takes portrait or landscape, not '{first}'")
        if name == "styled":
            style = _constant(node.args[1]) if len(node.args) > 1 else keywords.get("style")
            if isinstance(style, str) and self.styles is not None and style not in self.styles:
                self._report(node, "template.missing-style", f"參考文件沒有 Word 樣式「{style}」",
                             f"the reference document has no Word style '{style}'")
            align = keywords.get("align")
            if isinstance(align, str) and align not in ALIGNMENTS:
                self._report(node, "template.directive", f"align 只接受 left、center 或 right，"
                             f"不是「{align}」", f"align takes left, center or right, not '{align}'")

    # --- helpers --------------------------------------------------------------------

    def _lookup(self, name: str) -> Any:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return Any

    def _bind(self, target: nodes.Node, value: Any) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, Any)

    def _children(self, node: nodes.Node) -> None:
        self._walk_all(node.iter_child_nodes())

    def _walk_all(self, children: Any) -> None:
        for child in children:
            self.walk(child)

    def _report(self, node: nodes.Node, rule: str, zh: str, en: str,
                hint: Text | None = None) -> None:
        self.problems.append(Problem(node.lineno, rule, zh, en, hint))


def _constant(node: nodes.Node) -> Any:
    return node.value if isinstance(node, nodes.Const) else None


def _text(node: nodes.Node) -> str:
    """Return an expression as the template wrote it (names, dots and [] only)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Getattr):
        return f"{_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        key = _constant(node.arg)
        return f"{_text(node.node)}[{key!r}]" if key is not None else f"{_text(node.node)}[…]"
    if isinstance(node, nodes.Filter) and node.name == LOOP_FILTER and node.node is not None:
        return _text(node.node)
    return "…"


def iter_names(node: nodes.Node, name: str) -> Iterator[nodes.Name]:
    """Yield every Name node that loads `name`."""
    for found in node.find_all(nodes.Name):
        if found.name == name and found.ctx == "load":
            yield found
