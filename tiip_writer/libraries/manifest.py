"""Reading `library.yaml`: the positioned YAML loader plus schemas/library.schema.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiip_writer.foundation.diagnostics import Diagnostic, InputError, Severity
from tiip_writer.foundation.records import dataclass
from tiip_writer.libraries.errors import finding
from tiip_writer.schema.validate import validate
from tiip_writer.source import PositionMap, load_source

MANIFEST = "library.yaml"
TABLES = "tables.yaml"
LIBRARY_SCHEMA = "library.schema.json"
DEFAULT_ENTRY = "proposal.md.j2"
DEFAULT_REFERENCE = "reference.docx"
MAX_MANIFEST_BYTES = 256 * 1024
# The proposal format version this tiip understands (schemas/proposal.schema.json's const).
SUPPORTED_FORMAT_VERSION = 1
# Hints written for proposals ("write 無 where it does not apply") that do not fit a manifest.
_PROPOSAL_HINTS = frozenset({"schema.required", "schema.empty"})


@dataclass(frozen=True)
class Manifest:
    """A valid library.yaml: its data and where each key sits in the file."""

    path: Path
    data: dict[str, Any]
    positions: PositionMap

    @property
    def name(self) -> str:
        """Return the library's name."""
        return str(self.data["name"])

    @property
    def version(self) -> str:
        """Return the library's version."""
        return str(self.data["version"])

    @property
    def title(self) -> str:
        """Return the library's human title."""
        return str(self.data["title"])

    @property
    def extends(self) -> str | None:
        """Return the parent library's name or relative path, or None for a root library."""
        value = self.data.get("extends")
        return str(value) if value else None

    @property
    def format_versions(self) -> tuple[int, ...]:
        """Return the proposal format versions the library supports."""
        value = self.data["format_version"]
        return tuple(value) if isinstance(value, list) else (int(value),)

    @property
    def programme_years(self) -> tuple[int, ...]:
        """Return the programme years (ROC) the library was written for."""
        return tuple(self.data["programme_years"])

    def line_of(self, key: str) -> tuple[int, int]:
        """Return the (line, column) of top-level `key`, or (1, 1) when it is absent."""
        return self.positions.keys.get(f"/{key}", (1, 1))


def read_manifest(root: Path) -> tuple[Manifest | None, list[Diagnostic]]:
    """Return the folder's manifest (None when unusable) and every finding about it."""
    path = root / MANIFEST
    display = str(path)
    if not path.is_file():
        return None, [finding("library.manifest", f"樣板庫資料夾缺少 {MANIFEST}：{root}",
                              f"the library folder has no {MANIFEST}: {root}", display)]
    try:
        source = load_source(path, display, max_bytes=MAX_MANIFEST_BYTES)
    except InputError as error:
        return None, [Diagnostic(rule="library.manifest", severity=Severity.ERROR,
                                 message=error.message, file=display, line=error.line or 1,
                                 column=error.column or 1, hint=error.hint)]
    diagnostics = list(source.diagnostics)
    diagnostics.extend(_without_proposal_hints(d) for d in validate(source, LIBRARY_SCHEMA))
    diagnostics.sort(key=lambda d: d.sort_key)
    if source.data is None or any(d.severity is Severity.ERROR for d in diagnostics):
        return None, diagnostics
    return Manifest(path=path, data=source.data, positions=source.positions), diagnostics


def manifest_name(root: Path) -> str | None:
    """Return the `name` written in the folder's manifest, without validating the rest."""
    manifest, _diagnostics = read_manifest(root)
    return manifest.name if manifest else None


def _without_proposal_hints(diagnostic: Diagnostic) -> Diagnostic:
    if diagnostic.rule not in _PROPOSAL_HINTS:
        return diagnostic
    return Diagnostic(rule=diagnostic.rule, severity=diagnostic.severity,
                      message=diagnostic.message, file=diagnostic.file, line=diagnostic.line,
                      column=diagnostic.column, pointer=diagnostic.pointer)
