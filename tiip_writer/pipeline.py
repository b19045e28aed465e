"""The check pipeline narrated in one place: source → schema → model (→ rules)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tiip_writer.diagnostics import Diagnostic, Severity
from tiip_writer.model import Proposal, build_proposal
from tiip_writer.schema import validate
from tiip_writer.source import Source, load_source


@dataclass
class CheckResult:
    """What checking one file found; `proposal` is None when the file is not schema-valid."""

    source: Source
    proposal: Proposal | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        """Return True when any finding is an error."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def check_file(path: Path, display: str | None = None) -> CheckResult:
    """Return every finding for the proposal at `path` (raises InputError if unreadable)."""
    source = load_source(path, display)
    diagnostics = list(source.diagnostics)
    diagnostics.extend(validate(source))
    proposal = None
    if source.data is not None and not diagnostics:
        proposal = build_proposal(source.data)
    diagnostics.sort(key=lambda d: d.sort_key)
    return CheckResult(source=source, proposal=proposal, diagnostics=diagnostics)
