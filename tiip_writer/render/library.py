"""Template libraries: a folder of Jinja templates, table labels and a reference .docx.

A library folder holds `library.yaml` (validated by schemas/library.schema.json: name,
version, `extends`, supported format and programme years, entry template, reference
document), Jinja templates, `tables.yaml` (captions, column titles and widths of the native
tables) and optionally `reference.docx`. `extends` names a parent library: the child's files
win over the parent's of the same name, `tables.yaml` is merged key by key, and the first
reference .docx along the chain is used. A template reaches one library's own version of a
file with the prefix `name:` (e.g. `{% extends "official:parts/00-cover.md.j2" %}`).

Libraries are found by folder path or by name (tiip_writer/libraries/discovery.py).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import Any

import yaml

from tiip_writer.foundation.diagnostics import Diagnostic, Severity, Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.foundation.yamldata import load_yaml_file
from tiip_writer.libraries import discovery
from tiip_writer.libraries.discovery import BUILTIN, OFFICIAL, Origin, official_root
from tiip_writer.libraries.errors import LibraryError
from tiip_writer.libraries.manifest import (
    DEFAULT_ENTRY,
    DEFAULT_REFERENCE,
    MANIFEST,
    TABLES,
    Manifest,
    read_manifest,
)

__all__ = ["OFFICIAL", "Library", "LibraryError", "deep_merge", "load_library", "official_root"]


@dataclass(frozen=True)
class Library:
    """A loaded template library and its parents (`parent` is None for a root library)."""

    name: str
    root: Path
    manifest: Manifest
    origin: Origin = BUILTIN
    parent: Library | None = None
    own_tables: Mapping[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        """Return the library's version."""
        return self.manifest.version

    @property
    def chain(self) -> list[Library]:
        """Return this library followed by its ancestors (the child first: it wins)."""
        chain: list[Library] = []
        library: Library | None = self
        while library is not None:
            chain.append(library)
            library = library.parent
        return chain

    @property
    def search_path(self) -> list[str]:
        """Return the template folders, the child's first (the first match wins)."""
        return [str(library.root) for library in self.chain]

    @property
    def entry(self) -> str:
        """Return the name of the template that renders the whole proposal."""
        for library in self.chain:
            if library.manifest.data.get("entry"):
                return str(library.manifest.data["entry"])
        return DEFAULT_ENTRY

    @property
    def reference_docx(self) -> Path | None:
        """Return the first reference .docx along the chain, or None."""
        for library in self.chain:
            name = str(library.manifest.data.get("reference", DEFAULT_REFERENCE))
            candidate = library.root / name
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

    def template_files(self) -> dict[str, list[Library]]:
        """Return {template name: the libraries holding it, the winning one first}."""
        files: dict[str, list[Library]] = {}
        for library in self.chain:
            for path in sorted(library.root.rglob("*.j2")):
                name = path.relative_to(library.root).as_posix()
                files.setdefault(name, []).append(library)
        return dict(sorted(files.items()))


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Return `base` with `override` laid over it, mappings merged key by key."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_library(spec: str | Path | None = None) -> Library:
    """Return the library named or located by `spec` (None: the official one), with parents."""
    root, origin = locate(spec)
    return _load(root, origin, ())


def locate(spec: str | Path | None) -> tuple[Path, Origin]:
    """Return the folder and origin of `spec`: a library folder path or a library name."""
    if spec is None:
        return official_root(), BUILTIN
    text = str(spec)
    if isinstance(spec, Path) or discovery.is_path_spec(text):
        path = Path(text).expanduser()
        if (path / MANIFEST).is_file():
            return path.resolve(), Origin("folder", str(path))
        raise LibraryError.of(
            "library.not-found", f"找不到樣板庫「{text}」：資料夾不存在或沒有 {MANIFEST}。",
            f"template library '{text}' not found: no such folder, or it has no {MANIFEST}.",
            text, hint=Text("以 tiip templates new 資料夾 --extends official 建立樣板庫；"
                            "tiip templates list 列出已知的樣板庫。",
                            "create one with tiip templates new DIR --extends official; "
                            "tiip templates list shows the known libraries."))
    candidate = discovery.find(text)
    return candidate.root, candidate.origin


def _load(root: Path, origin: Origin, seen: tuple[Library | Path, ...]) -> Library:
    manifest, diagnostics = read_manifest(root)
    if manifest is None:
        raise LibraryError(diagnostics)
    _refuse_foreign_files(root)
    tables = _read_tables(root / TABLES)
    parent = None
    if manifest.extends:
        parent_root, parent_origin = _locate_parent(manifest)
        chain = (*seen, root)
        if parent_root in chain:
            names = " → ".join(str(p) for p in (*chain, parent_root))
            line, column = manifest.line_of("extends")
            raise LibraryError.of("library.cycle", f"樣板庫的 extends 形成循環：{names}",
                                  f"the libraries' extends form a cycle: {names}",
                                  str(manifest.path), line, column)
        parent = _load(parent_root, parent_origin, chain)
    library = Library(name=manifest.name, root=root, manifest=manifest, origin=origin,
                      parent=parent, own_tables=tables)
    _check_unique_names(library)
    return library


def library_file_problem(root: Path, path: Path) -> Text | None:
    """Return why the library in `root` may not read `path`, or None.

    A link may point anywhere, so a template, tables.yaml or a folder reached through one must
    resolve inside the library; a FIFO or a device would make the read wait or never end.
    """
    try:
        resolved = path.resolve(strict=True)
        mode = resolved.stat().st_mode
    except (OSError, RuntimeError):
        return Text(f"樣板庫中的 {path} 是無法解析的連結（指向不存在的檔案或形成循環）",
                    f"{path} in the library is a link that cannot be resolved (missing or a loop)")
    if not resolved.is_relative_to(root.resolve()):
        return Text(f"樣板庫中的 {path} 是指向樣板庫以外（{resolved}）的連結：為安全起見不讀取；"
                    "請把實際檔案放進樣板庫",
                    f"{path} in the library is a link leading outside the library ({resolved}); "
                    "it is not read: put the real file into the library")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return Text(f"樣板庫中的 {path} 不是一般檔案（FIFO 或裝置），不讀取；請移除它",
                    f"{path} in the library is not a regular file (a FIFO or device); it is "
                    "not read: remove it")
    return None


def inside_problem(root: Path, pieces: list[str]) -> Text | None:
    """Return why the file `root/pieces…` may not be read (see library_file_problem), looking
    at each part below `root` without following it: a few lstat calls, no full resolve."""
    path = root
    for piece in pieces:
        path = path / piece
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return None  # missing: the loader looks further along the chain
        if stat.S_ISLNK(mode):
            return library_file_problem(root, root.joinpath(*pieces))
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return library_file_problem(root, path)
    return None


def _refuse_foreign_files(root: Path) -> None:
    """Raise LibraryError for each entry of the library that leaves it or is a special file."""
    found: list[Diagnostic] = []
    _scan(root, Path(root), found)
    if found:
        raise LibraryError(found)


def _scan(root: Path, folder: Path, found: list[Diagnostic]) -> None:
    """Check the entries of `folder`: links and special files fully, real folders by walking
    into them (a link to a folder is checked, not entered); hidden entries are not content."""
    with os.scandir(folder) as entries:
        listed = sorted(entries, key=lambda entry: entry.name)
    for entry in listed:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            _scan(root, Path(entry.path), found)
        elif not entry.is_file(follow_symlinks=False):  # a link, FIFO, socket or device
            problem = library_file_problem(root, Path(entry.path))
            if problem is not None:
                found.append(Diagnostic(rule="library.foreign-file", severity=Severity.ERROR,
                                        message=problem, file=entry.path, line=1, column=1))


def _locate_parent(manifest: Manifest) -> tuple[Path, Origin]:
    """Return the parent's folder: a path relative to the library, else a name."""
    spec = str(manifest.extends)
    line, column = manifest.line_of("extends")
    if "/" in spec or "\\" in spec or spec.startswith("."):
        path = (manifest.path.parent / spec).resolve()
        if (path / MANIFEST).is_file():
            return path, Origin("folder", str(path))
        raise LibraryError.of("library.not-found",
                              f"extends 指向的樣板庫資料夾不存在或沒有 {MANIFEST}：{path}",
                              f"the library that extends names does not exist: {path}",
                              str(manifest.path), line, column)
    try:
        return locate(spec)
    except LibraryError as exc:
        raise LibraryError([_at(d, str(manifest.path), line, column)
                            for d in exc.diagnostics]) from None


def _at(diagnostic: Diagnostic, file: str, line: int, column: int) -> Diagnostic:
    """Return `diagnostic` placed at the manifest's `extends` line."""
    return replace(diagnostic, file=file, line=line, column=column)


def _check_unique_names(library: Library) -> None:
    seen: dict[str, Path] = {}
    for member in library.chain:
        if member.name in seen and seen[member.name] != member.root:
            raise LibraryError.of(
                "library.clash", f"extends 鏈中有兩個名為「{member.name}」的樣板庫："
                f"{seen[member.name]}、{member.root}",
                f"the extends chain holds two libraries called '{member.name}': "
                f"{seen[member.name]}, {member.root}", str(library.manifest.path),
                *library.manifest.line_of("extends"))
        seen[member.name] = member.root


def _read_tables(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = load_yaml_file(path) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise LibraryError.of("library.tables", f"{TABLES} 無法讀取：{exc.problem}",
                              f"cannot read {TABLES}: {exc.problem}", str(path),
                              mark.line + 1 if mark else 1,
                              mark.column + 1 if mark else 1) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise LibraryError.of("library.tables", f"{TABLES} 無法讀取：{exc}",
                              f"cannot read {TABLES}: {exc}", str(path)) from exc
    if not isinstance(data, dict):
        raise LibraryError.of("library.tables", f"{TABLES} 的最上層必須是對照表。",
                              f"the top level of {TABLES} must be a mapping.", str(path))
    return data
