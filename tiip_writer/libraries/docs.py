"""Generate docs/templates.md, the template authors' manual, from the code it documents.

The prose lives in templates/docs/templates.md.j2; every list in it (variables and their
fields, directives, tables and their options, filters, tests, globals, the official blocks, the
Word styles, the manifest keys, the limits) is read from the code here, so the committed file
is compared with this output by a test and cannot drift.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import types
import typing
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from tiip_writer.foundation.resources import data_dir, schema_path
from tiip_writer.libraries import discovery
from tiip_writer.libraries.archive import ALLOWED_SUFFIXES, ARCHIVE_MANIFEST, ARCHIVE_SUFFIX
from tiip_writer.libraries.context_types import Method, context_types, public_members, type_label
from tiip_writer.libraries.docs_terms import GLOBAL_DOCS, MEMBER_DOCS, STYLE_DOCS, TABLE_DOCS
from tiip_writer.model.base import Node
from tiip_writer.render.context import TemplateContext
from tiip_writer.render.document import REQUIRED_STYLES
from tiip_writer.render.filters import filter_docs
from tiip_writer.render.limits import ENV_MAX_CHARS, ENV_SECONDS, MAX_FORMAT_WIDTH, RenderLimits
from tiip_writer.render.sandbox import TEXT_METHODS, MarkdownSandbox
from tiip_writer.render.tables import BUILDERS
from tiip_writer.render.templating import DIRECTIVE_DOCS
from tiip_writer.schema.index import SchemaIndex, load_schema

Row = list[str]


def template_docs() -> str:
    """Return the text of docs/templates.md."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(data_dir("templates") / "docs")),
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["table"] = markdown_table
    return env.get_template("templates.md.j2").render(**docs_data())


def docs_data() -> dict[str, Any]:
    """Return everything the manual lists, read from the code."""
    limits = RenderLimits()
    sandbox = MarkdownSandbox()
    return {
        "variables": [[f"`{name}`", type_label(tp), _context_doc(name)]
                      for name, tp in context_types().items()],
        "classes": [(cls.__name__, _class_rows(cls, path)) for cls, path in _classes()],
        "directives": [[f"`{name}()`", doc] for name, doc in DIRECTIVE_DOCS.items()],
        "tables": [[f"`{name}`", _options(builder), TABLE_DOCS[name]]
                   for name, builder in BUILDERS.items()],
        "filters": [[f"`{name}`", doc] for name, doc in filter_docs().items()],
        "globals": [[f"`{name}`", GLOBAL_DOCS[name]] for name in sorted(GLOBAL_DOCS)],
        "tests": ", ".join(f"`{name}`" for name in sorted(sandbox.tests)),
        "text_methods": ", ".join(f"`{name}`" for name in sorted(TEXT_METHODS)),
        "blocks": official_blocks(),
        "styles": [[f"`{style}`", STYLE_DOCS[style]] for style in REQUIRED_STYLES],
        "manifest": _manifest_rows(),
        "limits": limits, "env_seconds": ENV_SECONDS, "env_max_chars": ENV_MAX_CHARS,
        "max_format_width": MAX_FORMAT_WIDTH,
        "env_path": discovery.ENV_PATH, "env_home": discovery.ENV_HOME,
        "entry_point_group": discovery.ENTRY_POINT_GROUP,
        "archive_suffix": ARCHIVE_SUFFIX, "archive_manifest": ARCHIVE_MANIFEST,
        "allowed_suffixes": " ".join(f"`{s}`" for s in sorted(ALLOWED_SUFFIXES)),
    }


def markdown_table(rows: list[Row], header: Row) -> str:
    """Return rows as a Markdown table (pipes in cells escaped)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
                 for row in rows)
    return "\n".join(lines)


def official_blocks() -> list[Row]:
    """Return [file, block, line] of every block in the official templates."""
    root = discovery.official_root()
    env = jinja2.Environment()
    rows = []
    for path in sorted(root.rglob("*.j2")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for block in tree.find_all(nodes.Block):
            rows.append([f"`{path.relative_to(root).as_posix()}`", f"`{block.name}`",
                         str(block.lineno)])
    return rows


def undocumented() -> list[str]:
    """Return the members, tables, globals and styles that lack a description (tests use it)."""
    missing = [f"{cls.__name__}.{name}" for cls, path in _classes()
               for name, _tp, doc in _members(cls, path) if not doc]
    missing += [f"table {name}" for name in BUILDERS if name not in TABLE_DOCS]
    sandbox_globals = set(MarkdownSandbox().globals) - set(DIRECTIVE_DOCS)
    missing += [f"global {name}" for name in sorted(sandbox_globals ^ set(GLOBAL_DOCS))]
    missing += [f"style {name}" for name in REQUIRED_STYLES if name not in STYLE_DOCS]
    return missing


def _context_doc(name: str) -> str:
    field = next(f for f in dataclasses.fields(TemplateContext) if f.name == name)
    return str(field.metadata.get("doc", ""))


def _classes() -> list[tuple[type, list[Any] | None]]:
    """Return every class reachable from the context, with its proposal-schema path or None."""
    found: dict[type, list[Any] | None] = {}

    def visit(tp: Any, path: list[Any] | None) -> None:
        if isinstance(tp, Method):
            return visit(tp.returns, None)
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            for arg in args:
                visit(arg, path)
            return None
        if origin is not None:
            for arg in args:
                step = 0 if origin in (tuple, list) else "*"
                visit(arg, None if path is None else [*path, step])
            return None
        if not (isinstance(tp, type) and dataclasses.is_dataclass(tp)) or tp in found:
            return None
        found[tp] = path
        for name, member in public_members(tp).items():
            visit(member, None if path is None else [*path, name])
        return None

    for name, tp in context_types().items():
        visit(tp, [] if name == "proposal" else None)
    return list(found.items())


def _members(cls: type, path: list[Any] | None) -> list[tuple[str, Any, str]]:
    index = SchemaIndex(load_schema())
    docs = {f.name: f.metadata.get("doc", "") for f in dataclasses.fields(cls)}
    rows = []
    for name, tp in public_members(cls).items():
        if name == "ptr" and issubclass(cls, Node):
            continue  # every proposal object has it; described once in the manual
        doc = MEMBER_DOCS.get(f"{cls.__name__}.{name}") or docs.get(name) or ""
        if not doc and path is not None:
            node = index.at([*path, name])
            doc = str(node.get("title", "")) if node else ""
        rows.append((name, tp, doc))
    return rows


def _class_rows(cls: type, path: list[Any] | None) -> list[Row]:
    return [[f"`{name}`", type_label(tp.returns if isinstance(tp, Method) else tp)
             + ("（方法）" if isinstance(tp, Method) else ""), doc]
            for name, tp, doc in _members(cls, path)]


def _options(builder: Any) -> str:
    parameters = list(inspect.signature(builder).parameters.values())[1:]
    return "、".join(f"`{p.name}`" for p in parameters) or "—"


def _manifest_rows() -> list[Row]:
    schema = json.loads(Path(schema_path("library.schema.json")).read_text(encoding="utf-8"))
    required = set(schema["required"])
    return [[f"`{key}`", "必填" if key in required else "選填", spec["title"],
             spec["description"]] for key, spec in schema["properties"].items()]

