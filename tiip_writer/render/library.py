"""Template libraries: a folder of Jinja templates, table labels and a reference .docx.

A library folder holds `library.yaml` (name, version, `extends`, entry template, reference
document), Jinja templates, `tables.yaml` (captions, column titles and widths of the native
tables) and optionally `reference.docx`. `extends` names a parent library: the child's files
win over the parent's of the same name, `tables.yaml` is merged key by key, and the first
reference .docx along the chain is used. The official library ships with the package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tiip_writer.resources import data_dir
from tiip_writer.yamldata import load_yaml

OFFICIAL = "official"
MANIFEST = "library.yaml"
TABLES = "tables.yaml"
DEFAULT_ENTRY = "proposal.md.j2"
DEFAULT_REFERENCE = "reference.docx"


class LibraryError(Exception):
    """A library cannot be used: missing folder or manifest, bad YAML, an `extends` cycle."""

    def __init__(self, message_zh: str, message_en: str, file: str):
        super().__init__(message_en)
        self.message_zh, self.message_en, self.file = message_zh, message_en, file


@dataclass(frozen=True)
class Library:
    """A loaded template library and its parents (`parent` is None for a root library)."""

    name: str
    root: Path
    manifest: Mapping[str, Any]
    parent: Library | None = None
    own_tables: Mapping[str, Any] = field(default_factory=dict)

    @property
    def chain(self) -> list[Library]:
        """Return this library followed by its ancestors (the child first: it wins)."""
        chain, library = [], self
        while library is not None:
            chain.append(library)
            library = library.parent  # type: ignore[assignment]
        return chain

    @property
    def search_path(self) -> list[str]:
        """Return the template folders, the child's first (Jinja takes the first match)."""
        return [str(library.root) for library in self.chain]

    @property
    def entry(self) -> str:
        """Return the name of the template that renders the whole proposal."""
        for library in self.chain:
            if library.manifest.get("entry"):
                return str(library.manifest["entry"])
        return DEFAULT_ENTRY

    @property
    def reference_docx(self) -> Path | None:
        """Return the first reference .docx along the chain, or None."""
        for library in self.chain:
            candidate = library.root / str(library.manifest.get("reference", DEFAULT_REFERENCE))
            if candidate.is_file():
                return candidate
        return None

    @property
    def tables(self) -> dict[str, Any]:
        """Return the table labels: the ancestors' tables.yaml overlaid by the child's."""
        merged: dict[str, Any] = {}
        for library in reversed(self.chain):
            merged = deep_merge(merged, library.own_tables)
        return merged


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Return `base` with `override` laid over it, mappings merged key by key."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def official_root() -> Path:
    """Return the folder of the official library shipped with the package."""
    return data_dir("templates") / OFFICIAL


def load_library(spec: str | Path | None, base: Path | None = None,
                 _seen: tuple[Path, ...] = ()) -> Library:
    """Return the library named or located by `spec` (None: the official one), with parents."""
    root = _locate(spec, base)
    if root in _seen:
        names = " → ".join(str(p) for p in (*_seen, root))
        raise LibraryError(f"樣板庫的 extends 形成循環：{names}",
                           f"the libraries' extends form a cycle: {names}", str(root))
    manifest = _read_yaml(root / MANIFEST, required=True)
    tables = _read_yaml(root / TABLES, required=False)
    parent_spec = manifest.get("extends")
    parent = load_library(parent_spec, root, (*_seen, root)) if parent_spec else None
    return Library(name=str(manifest.get("name", root.name)), root=root, manifest=manifest,
                   parent=parent, own_tables=tables)


def _locate(spec: str | Path | None, base: Path | None) -> Path:
    if spec is None or str(spec) == OFFICIAL:
        return official_root().resolve()
    path = Path(spec)
    if not path.is_absolute() and base is not None and not path.exists():
        path = base / path
    if path.is_dir():
        return path.resolve()
    raise LibraryError(
        f"找不到樣板庫「{spec}」：請給樣板庫資料夾的路徑，或使用內建的 official。",
        f"template library '{spec}' not found: give the path of a library folder, or use "
        "the built-in 'official'.", str(spec))


def _read_yaml(path: Path, required: bool) -> dict[str, Any]:
    if not path.is_file():
        if required:
            raise LibraryError(f"樣板庫缺少 {path.name}。", f"the library has no {path.name}.",
                               str(path))
        return {}
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise LibraryError(f"{path.name} 無法讀取：{exc}", f"cannot read {path.name}: {exc}",
                           str(path)) from exc
    if not isinstance(data, dict):
        raise LibraryError(f"{path.name} 的最上層必須是對照表。",
                           f"the top level of {path.name} must be a mapping.", str(path))
    return data
