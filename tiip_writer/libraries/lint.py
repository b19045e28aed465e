"""`tiip templates lint DIR`: everything wrong with a library that can be found without a proposal.

The manifest against schemas/library.schema.json, `extends` and the chain, tables.yaml (YAML
errors; keys no parent knows), the reference .docx (every Word style the build needs), and each
of the library's own templates (syntax, unknown filters, unknown variables and fields, sandbox
refusals, tables and styles named in directives, references, blocks that replace nothing),
plus files that nothing includes. Every finding has a file and a line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from tiip_writer.foundation.diagnostics import Diagnostic, InputError, Severity, Text
from tiip_writer.libraries.errors import LibraryError, finding
from tiip_writer.libraries.manifest import TABLES, read_manifest
from tiip_writer.libraries.template_check import Checker
from tiip_writer.render.document import REQUIRED_STYLES
from tiip_writer.render.library import Library, load_library
from tiip_writer.render.loader import LibraryLoader, owner_of
from tiip_writer.render.sandbox import sandbox_environment
from tiip_writer.render.tables import BUILDERS
from tiip_writer.render.templating import _finalize
from tiip_writer.source import load_source
from tiip_writer.source.positions import join_pointer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def lint_library(folder: Path) -> list[Diagnostic]:
    """Return every finding for the library in `folder`, sorted by file and line."""
    manifest, found = read_manifest(folder)
    if manifest is None:
        return sorted(found, key=lambda d: d.sort_key)
    try:
        library = load_library(folder)
    except LibraryError as exc:
        return sorted([*found, *exc.diagnostics], key=lambda d: d.sort_key)
    found.extend(_tables(library))
    styles, style_findings = _styles(library)
    found.extend(style_findings)
    found.extend(_templates(library, styles))
    return sorted(found, key=lambda d: d.sort_key)


def library_styles(library: Library) -> set[str] | None:
    """Return the style ids of the library's reference .docx, or None when it has none."""
    reference = library.reference_docx
    if reference is None:
        return None
    with zipfile.ZipFile(reference) as archive:
        root = etree.fromstring(archive.read("word/styles.xml"))
    return {style.get(f"{W}styleId") for style in root.iter(f"{W}style")}


def _styles(library: Library) -> tuple[set[str] | None, list[Diagnostic]]:
    reference = library.reference_docx
    if reference is None:
        line, column = library.manifest.line_of("reference")
        return None, [finding("library.reference", "樣板庫與其上層都沒有參考文件 reference.docx",
                              "neither the library nor its parents have a reference.docx",
                              str(library.manifest.path), line, column)]
    try:
        styles = library_styles(library)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        return None, [finding("library.reference", f"參考文件無法讀取（不是有效的 .docx）：{exc}",
                              f"the reference document cannot be read (not a valid .docx): {exc}",
                              str(reference))]
    assert styles is not None
    return styles, [finding("library.missing-style", f"參考文件缺少本工具需要的 Word 樣式「{style}」",
                            f"the reference document lacks the Word style '{style}' the build "
                            "needs", str(reference),
                            hint=Text("在 Word 中開啟參考文件新增此樣式（樣式代號需相同），或從上層樣板庫的"
                                      "參考文件複製。", "add the style in Word (same style id), or "
                                      "copy it from the parent library's reference document."))
                    for style in REQUIRED_STYLES if style not in styles]


def _tables(library: Library) -> list[Diagnostic]:
    path = library.root / TABLES
    if not path.is_file():
        return []
    try:
        source = load_source(path, str(path))
    except InputError as error:
        return [Diagnostic(rule="library.tables", severity=Severity.ERROR, message=error.message,
                           file=str(path), line=error.line or 1, column=error.column or 1)]
    found = list(source.diagnostics)
    if library.parent is not None and isinstance(source.data, dict):
        parent = library.parent.tables
        for pointer, key in _unknown_keys(source.data, parent, ""):
            line, column = source.positions.key_at(pointer)
            found.append(finding("library.tables-key", f"上層樣板庫的 tables.yaml 沒有「{key}」，"
                                 "內建表格不會用到它", f"the parent's tables.yaml has no '{key}'; "
                                 "the built-in tables will not use it", str(path), line, column,
                                 severity=Severity.WARNING))
    return found


def _unknown_keys(data: dict[str, Any], parent: Any, pointer: str) -> list[tuple[str, str]]:
    """Return (pointer, dotted key) of every key in `data` that the parent's labels lack."""
    found = []
    for key, value in data.items():
        child = join_pointer(pointer, key)
        if not isinstance(parent, dict) or key not in parent:
            found.append((child, child[1:].replace("/", ".")))
        elif isinstance(value, dict):
            found.extend(_unknown_keys(value, parent[key], child))
    return found


def _templates(library: Library, styles: set[str] | None) -> list[Diagnostic]:
    env = sandbox_environment(LibraryLoader(library, max_bytes=1 << 62), _finalize)
    checker = Checker(library, env, set(BUILDERS), styles)
    found = []
    own = sorted(library.root.rglob("*.j2"))
    for path in own:
        found.extend(checker.check(path.relative_to(library.root).as_posix(), path))
    for member in library.chain[1:]:  # what the parents refer to counts too
        for path in sorted(member.root.rglob("*.j2")):
            Checker(member, env, set(BUILDERS), styles, checker.references).check(
                path.relative_to(member.root).as_posix(), path)
    if owner_of(library, library.entry) is None:
        line, column = library.manifest.line_of("entry")
        found.append(finding("library.entry", f"找不到主樣板「{library.entry}」",
                             f"the entry template '{library.entry}' does not exist",
                             str(library.manifest.path), line, column))
    found.extend(_unused(library, own, checker.references.names | {library.entry},
                         checker.references.prefixes))
    return found


def _unused(library: Library, own: list[Path], names: set[str],
            prefixes: set[str]) -> list[Diagnostic]:
    """Return a warning for each own file that overrides nothing and nothing refers to."""
    found = []
    for path in own:
        name = path.relative_to(library.root).as_posix()
        in_parent = any((member.root / name).is_file() for member in library.chain[1:])
        if in_parent or name in names or any(name.startswith(p) for p in prefixes):
            continue
        found.append(finding("library.unused-file", f"沒有任何樣板引用「{name}」，上層樣板庫也沒有同名檔案",
                             f"no template refers to '{name}' and no parent has a file of that name",
                             str(path), severity=Severity.WARNING,
                             hint=Text("檔名是否拼錯？覆寫上層的檔案時，路徑與檔名必須完全相同。",
                                       "is the name misspelt? An override must have exactly the "
                                       "parent file's path and name.")))
    return found
