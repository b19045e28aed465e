"""Static checks of one template file of a library: syntax, names, fields, references, blocks.

Names are checked against the documented template context (the fields of TemplateContext),
the directives and Jinja's globals; names a parent template defines at its top level count as
defined in a template that extends it.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes

from tiip_writer.foundation.diagnostics import Diagnostic, Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.libraries.context_types import context_types
from tiip_writer.libraries.errors import finding
from tiip_writer.libraries.type_walker import TypeWalker, iter_names
from tiip_writer.render.library import Library
from tiip_writer.render.loader import PREFIX_SEPARATOR, owner_of
from tiip_writer.render.sandbox import CONCAT_FILTER, MarkdownSandbox
from tiip_writer.render.templating import DIRECTIVE_DOCS

# Names Jinja provides inside templates besides the globals.
JINJA_NAMES = frozenset({"loop", "self", "super", "caller", "varargs", "kwargs", "true",
                         "false", "none", "True", "False", "None"})


@dataclass
class References:
    """The template names a file refers to: literal ones and the prefixes of computed ones."""

    names: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)


@dataclass
class Checker:
    """Checks the templates of `library` (its own files) against its whole chain."""

    library: Library
    env: MarkdownSandbox
    tables: Collection[str]
    styles: Collection[str] | None
    references: References = field(default_factory=References)

    def known_names(self) -> set[str]:
        """Return every name a template may use without defining it."""
        return {*context_types(), *self.env.globals, *DIRECTIVE_DOCS, *JINJA_NAMES}

    def check(self, name: str, path: Path) -> list[Diagnostic]:
        """Return the findings for the template file `name` at `path`."""
        display = str(path)
        try:
            source = path.read_text(encoding="utf-8")
            tree = self.env.parse(source, name, display)
        except UnicodeDecodeError:
            return [finding("template.encoding", "樣板不是 UTF-8 編碼", "the template is not UTF-8",
                            display)]
        except jinja2.TemplateSyntaxError as exc:
            return [finding("template.syntax", f"樣板語法錯誤：{exc.message}",
                            f"template syntax error: {exc.message}", display, exc.lineno)]
        found: list[Diagnostic] = []
        try:
            self.env.compile(source, name, display)
        except jinja2.TemplateSyntaxError as exc:  # unknown filters and tests
            found.append(finding("template.syntax", f"樣板錯誤：{exc.message}",
                                 f"template error: {exc.message}", display, exc.lineno))
        parent_scope, parent_blocks = self._parent(tree, name, display, found)
        found.extend(self._names(tree, set(parent_scope), display))
        walker = TypeWalker({**context_types(), **parent_scope}, self.tables, self.styles)
        walker.walk(tree)
        found.extend(finding(p.rule, p.zh, p.en, display, p.line, hint=p.hint)
                     for p in walker.problems)
        found.extend(self._references(tree, name, display))
        if parent_blocks is not None:
            found.extend(self._unknown_blocks(tree, parent_blocks, display))
        return found

    # --- names ----------------------------------------------------------------------

    def _names(self, tree: nodes.Template, inherited: set[str], display: str) -> list[Diagnostic]:
        known = self.known_names() | inherited
        found = []
        # Blocks read names the template sets at its top level: anything bound anywhere counts.
        for name in sorted(meta.find_undeclared_variables(tree) - known - _bound_names(tree)):
            line = next(iter_names(tree, name)).lineno
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = Text(f"是不是要寫「{close[0]}」？", f"did you mean '{close[0]}'?") if close else \
                Text("可用的變數見 docs/templates.md。", "docs/templates.md lists the variables.")
            found.append(finding("template.unknown-variable", f"未定義的變數「{name}」",
                                 f"undefined variable '{name}'", display, line, hint=hint))
        return found

    # --- references and inheritance -------------------------------------------------

    def _references(self, tree: nodes.Template, name: str, display: str) -> list[Diagnostic]:
        found = []
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            target = node.template  # type: ignore[attr-defined]  # all four have one
            if not isinstance(target, nodes.Const):
                prefix = _constant_prefix(target)
                if prefix is not None:
                    self.references.prefixes.add(prefix)
                continue
            self.references.names.add(_unprefixed(str(target.value)))
            if str(target.value) == name:
                found.append(finding(
                    "template.self-reference", f"樣板引用了自己「{name}」，會無窮遞迴",
                    f"the template refers to itself '{name}' and would recurse forever",
                    display, node.lineno, hint=_parent_hint(self.library, name)))
            elif owner_of(self.library, str(target.value)) is None and not \
                    (isinstance(node, nodes.Include) and node.ignore_missing):
                found.append(finding("template.not-found", f"找不到樣板「{target.value}」",
                                     f"template '{target.value}' not found", display, node.lineno))
        return found

    def _parent(self, tree: nodes.Template, name: str, display: str,
                found: list[Diagnostic]) -> tuple[dict[str, Any], set[str] | None]:
        """Return the names a literal parent defines at its top level and its block names."""
        extends = next(iter(tree.find_all(nodes.Extends)), None)
        if extends is None or not isinstance(extends.template, nodes.Const):
            return {}, None
        scope: dict[str, Any] = {}
        blocks: set[str] = set()
        parent, seen = str(extends.template.value), {name}
        while parent and parent not in seen:
            seen.add(parent)
            try:
                assert self.env.loader is not None
                parent_tree = self.env.parse(self.env.loader.get_source(self.env, parent)[0])
            except (jinja2.TemplateError, OSError):
                return scope, None  # reported by _references, or the parent's own lint
            walker = TypeWalker(context_types(), self.tables, self.styles)
            for node in parent_tree.body:
                if not isinstance(node, (nodes.Output, nodes.Block, nodes.Extends)):
                    walker.walk(node)
            scope = {**walker.top, **scope}
            blocks.update(block.name for block in parent_tree.find_all(nodes.Block))
            grand = next(iter(parent_tree.find_all(nodes.Extends)), None)
            parent = str(grand.template.value) if grand is not None and \
                isinstance(grand.template, nodes.Const) else ""
        return {k: v for k, v in scope.items() if k not in context_types()}, blocks

    def _unknown_blocks(self, tree: nodes.Template, parent_blocks: set[str],
                        display: str) -> list[Diagnostic]:
        found = []
        for block in tree.find_all(nodes.Block):
            if block.name not in parent_blocks:
                known = "、".join(sorted(parent_blocks))
                found.append(finding(
                    "template.unknown-block",
                    f"上層樣板沒有區塊「{block.name}」，這段內容不會出現在計畫書中",
                    f"the parent template has no block '{block.name}'; this content never "
                    "reaches the proposal", display, block.lineno,
                    hint=Text(f"可覆寫的區塊：{known}",
                              f"blocks you can replace: {', '.join(sorted(parent_blocks))}")))
        return found


def _bound_names(tree: nodes.Template) -> set[str]:
    """Return every name the template binds anywhere (set, for, macro, import)."""
    bound = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    bound.update(m.name for m in tree.find_all(nodes.Macro))
    bound.update(i.target for i in tree.find_all(nodes.Import))
    for node in tree.find_all(nodes.FromImport):
        bound.update(n[1] if isinstance(n, tuple) else n for n in node.names)
    return bound


def _parent_hint(library: Library, name: str) -> Text | None:
    parent = library.parent
    if parent is None:
        return None
    target = f"{parent.name}{PREFIX_SEPARATOR}{name}"
    return Text(f"要沿用上層樣板庫的同名檔案，請寫 {{% extends \"{target}\" %}}",
                f"to build on the parent library's file, write {{% extends \"{target}\" %}}")


def _unprefixed(name: str) -> str:
    return name.partition(PREFIX_SEPARATOR)[2] or name


def _constant_prefix(node: nodes.Node) -> str | None:
    """Return the constant start of a computed template name ("plan_types/" ~ …), or None."""
    while True:
        if isinstance(node, nodes.Concat):
            node = node.nodes[0]
        elif isinstance(node, nodes.Add):
            node = node.left
        elif (isinstance(node, nodes.Filter) and node.name == CONCAT_FILTER  # the sandbox's `~`
              and isinstance(node.node, nodes.List) and node.node.items):
            node = node.node.items[0]
        else:
            break
    return _unprefixed(str(node.value)) if isinstance(node, nodes.Const) else None
