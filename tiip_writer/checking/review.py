"""The self-assessment checklist (審查重點自評表): for each review criterion of the proposal's
plan type, where the proposal answers it (file:line) or what is missing.

`review_checklist` returns plain rows a template can render (the Word builder may add them as
an appendix); `tiip review FILE` prints them.
"""

from __future__ import annotations

from typing import Any

from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.rules import Context, active_rules, position
from tiip_writer.rules.criteria import criterion
from tiip_writer.rules.prose import dotted


@dataclass(frozen=True)
class EvidenceRow:
    """One thing a criterion looks for: found where (line, column), or what to add."""

    label: Text
    found: bool
    pointer: str
    line: int
    column: int
    missing: Text | None


@dataclass(frozen=True)
class ChecklistRow:
    """One review criterion: its wording, citation, severity and evidence."""

    rule: str
    title: Text
    criterion: str
    citation: str
    severity: str
    evidence: tuple[EvidenceRow, ...]

    @property
    def met(self) -> bool:
        """Return True when the proposal holds every piece of evidence."""
        return all(e.found for e in self.evidence)

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        """Return the row as plain data for templates and JSON."""
        return {"rule": self.rule, "title": self.title.get(lang), "criterion": self.criterion,
                "citation": self.citation, "severity": self.severity, "met": self.met,
                "evidence": [{"label": e.label.get(lang), "found": e.found,
                              "field": dotted(e.pointer), "line": e.line, "column": e.column,
                              "missing": e.missing.get(lang) if e.missing and not e.found
                              else None} for e in self.evidence]}


def review_checklist(result: CheckResult) -> list[ChecklistRow]:
    """Return the checklist rows of a checked proposal (empty when its rules could not run)."""
    if result.proposal is None or result.ruleset is None or result.budget is None:
        return []
    ctx = Context(result.proposal, result.budget, result.ruleset)
    rows = []
    for entry, rule in active_rules(ctx.rs):
        evidence = rule.evidence(ctx) if rule.evidence else []
        if not evidence:
            continue
        located = tuple(EvidenceRow(e.label, e.found, e.pointer,
                                    *position(result.source, e.pointer, not e.found, e.char),
                                    e.missing) for e in evidence)
        rows.append(ChecklistRow(rule.id, rule.title, criterion(ctx.rs, rule.id)["criterion"],
                                 entry.citation, entry.severity, located))
    return rows
