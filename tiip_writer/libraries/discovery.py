"""Finding template libraries by name: built-in, search path, user folder, entry points.

Sources, in the order `tiip templates list` shows them:

1. the official library shipped with the package (built-in);
2. each folder on TIIP_TEMPLATE_PATH (os.pathsep-separated): a library folder itself, or a
   folder whose sub-folders are libraries;
3. the user template folder where `tiip templates install` puts libraries (TIIP_TEMPLATE_HOME,
   default ~/.local/share/tiip-writer/templates, %APPDATA%\\tiip-writer\\templates on Windows);
4. installed Python packages registering the entry-point group `tiip_writer.templates` (the
   official library registers there too): `name = "package"` (the package folder is the
   library) or `name = "module:function"` (the function returns the folder).

A name is the manifest's `name`. Two different folders with the same name are a clash and an
error, never silently resolved; the same folder reached twice is one library.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.foundation.resources import data_dir
from tiip_writer.foundation.userdirs import ENV_TEMPLATE_HOME, user_template_dir
from tiip_writer.libraries.errors import LibraryError
from tiip_writer.libraries.manifest import MANIFEST, manifest_name

OFFICIAL = "official"
ENTRY_POINT_GROUP = "tiip_writer.templates"
ENV_PATH = "TIIP_TEMPLATE_PATH"
ENV_HOME = ENV_TEMPLATE_HOME  # where `templates install` puts libraries


@dataclass(frozen=True)
class Origin:
    """Where a library was found: its kind (builtin, path, user, entry-point) and detail."""

    kind: str
    detail: str = ""

    def describe(self) -> Text:
        """Return where the library comes from, as a user reads it."""
        if self.kind == "builtin":
            return Text("內建", "built-in")
        if self.kind == "path":
            return Text(f"{ENV_PATH}（{self.detail}）", f"{ENV_PATH} ({self.detail})")
        if self.kind == "user":
            return Text(f"使用者樣板資料夾（{self.detail}）", f"user template folder ({self.detail})")
        if self.kind == "entry-point":
            return Text(f"Python 套件 {self.detail}", f"Python package {self.detail}")
        return Text(f"資料夾 {self.detail}", f"folder {self.detail}")


BUILTIN = Origin("builtin")


@dataclass(frozen=True)
class Candidate:
    """A library folder found by discovery; `name` is the folder's when the manifest is broken."""

    name: str
    root: Path
    origin: Origin
    readable: bool = True


def official_root() -> Path:
    """Return the folder of the official library shipped with the package."""
    return (data_dir("templates") / OFFICIAL).resolve()


def candidates() -> list[Candidate]:
    """Return every library found, in source order, each folder once."""
    found: list[Candidate] = [Candidate(OFFICIAL, official_root(), BUILTIN)]
    for entry in os.environ.get(ENV_PATH, "").split(os.pathsep):
        if entry.strip():
            found.extend(_folder_libraries(Path(entry).expanduser(), Origin("path", entry)))
    home = user_template_dir()
    found.extend(_folder_libraries(home, Origin("user", str(home))))
    found.extend(_entry_point_libraries())
    unique: dict[Path, Candidate] = {}
    for candidate in found:
        unique.setdefault(candidate.root, candidate)
    return list(unique.values())


def clashes(found: list[Candidate]) -> dict[str, list[Candidate]]:
    """Return {name: candidates} for every name that more than one folder claims."""
    by_name: dict[str, list[Candidate]] = {}
    for candidate in found:
        by_name.setdefault(candidate.name, []).append(candidate)
    return {name: group for name, group in by_name.items() if len(group) > 1}


def find(name: str) -> Candidate:
    """Return the one library called `name`; raise LibraryError when none or several are."""
    found = candidates()
    matches = [c for c in found if c.name == name]
    if len(matches) > 1:
        places_zh = "；".join(f"{c.root}（{c.origin.describe().zh}）" for c in matches)
        places_en = "; ".join(f"{c.root} ({c.origin.describe().en})" for c in matches)
        raise LibraryError.of(
            "library.clash", f"有 {len(matches)} 個樣板庫都叫「{name}」：{places_zh}",
            f"{len(matches)} template libraries are called '{name}': {places_en}", name,
            hint=Text("請移除或改名其中一個（library.yaml 的 name），或以資料夾路徑指定要用的樣板庫。",
                      "remove or rename one of them (name in library.yaml), or give the folder "
                      "path of the one to use."))
    if not matches:
        known = sorted({c.name for c in found})
        raise LibraryError.of(
            "library.not-found", f"找不到名為「{name}」的樣板庫；已知的樣板庫：{'、'.join(known)}",
            f"there is no template library called '{name}'; known libraries: {', '.join(known)}",
            name, hint=Text("請給樣板庫資料夾的路徑，或以 tiip templates install 安裝；"
                            "tiip templates list 列出所有樣板庫。",
                            "give the path of a library folder, or install it with tiip "
                            "templates install; tiip templates list shows every library."))
    return matches[0]


def is_path_spec(spec: str) -> bool:
    """Return True when a --template value names a folder rather than a library name."""
    separators = {"/", os.sep, os.altsep or "/"}
    return any(s in spec for s in separators) or spec.startswith(".") or Path(spec).is_dir()


def _folder_libraries(folder: Path, origin: Origin) -> list[Candidate]:
    """Return the library at `folder` itself, else the libraries in its sub-folders."""
    if (folder / MANIFEST).is_file():
        return [_candidate(folder, origin)]
    if not folder.is_dir():
        return []
    return [_candidate(child, origin) for child in sorted(folder.iterdir())
            if child.is_dir() and not child.name.startswith(".")
            and (child / MANIFEST).is_file()]


def _candidate(root: Path, origin: Origin) -> Candidate:
    name = manifest_name(root)
    return Candidate(name or root.name, root.resolve(), origin, readable=name is not None)


def _entry_point_libraries() -> list[Candidate]:
    import importlib.metadata  # imported here: only naming a library needs it, not every build

    result = []
    for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        distribution = getattr(entry, "dist", None)
        label = f"{distribution.name} {distribution.version}" if distribution else entry.value
        origin = Origin("entry-point", f"{label}（{entry.name} = {entry.value}）")
        root = _entry_point_root(entry)
        if root is None or not (root / MANIFEST).is_file():
            result.append(Candidate(entry.name, root or Path(entry.value), origin, False))
        else:
            result.append(_candidate(root, origin))
    return result


def _entry_point_root(entry: Any) -> Path | None:
    """Return the folder an entry point names, importing code only for `module:function`."""
    import importlib.util

    try:
        if entry.attr:
            value = entry.load()
            return Path(value() if callable(value) else value).resolve()
        spec = importlib.util.find_spec(entry.module)
    except Exception:  # noqa: BLE001  # a broken third-party package must not break discovery
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))).resolve()
    return Path(spec.origin).resolve().parent if spec.origin else None
