"""The JSON report of `tiip check --format json` (shape documented in docs/json-format.md)."""

from __future__ import annotations

from typing import Any

from tiip_writer import __version__
from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.foundation.diagnostics import Diagnostic, InputError, Severity, Text
from tiip_writer.report.ruledoc import doc_link, known_ids
from tiip_writer.ruleset import RuleSet

VERSION = 1


def text_json(text: Text | None) -> dict[str, str] | None:
    """Return a two-language sentence as {"zh": …, "en": …}, or None."""
    return {"zh": text.zh, "en": text.en} if text else None


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    """Return one finding as a JSON object."""
    return {"rule": d.rule, "severity": d.severity.value, "line": d.line, "column": d.column,
            "pointer": d.pointer, "message": text_json(d.message), "hint": text_json(d.hint),
            "citation": d.citation, "doc": doc_link(d.rule) if d.rule in documented() else None}


def documented() -> set[str]:
    """Return the rule ids that have documentation (programme rules and the tool's own)."""
    return set(known_ids())


def ruleset_source_json(rs: RuleSet | None) -> dict[str, Any] | None:
    """Return where a rule set came from: kind (builtin, path, edition), file, edition and
    signer (None for no rule set, or one made in code)."""
    origin = rs.origin if rs else None
    if origin is None:
        return None
    return {"kind": origin.kind, "path": str(origin.path), "edition": origin.edition,
            "signed_by": origin.signer}


def result_json(result: CheckResult) -> dict[str, Any]:
    """Return one checked file: its findings, the rule-set year used (null if none) and where
    that rule set came from."""
    return {"file": result.source.display, "readable": True,
            "ruleset": result.ruleset.year if result.ruleset else None,
            "ruleset_source": ruleset_source_json(result.ruleset),
            "config": str(result.config.path) if result.config.path else None,
            "diagnostics": [diagnostic_json(d) for d in result.diagnostics],
            "suppressed": len(result.suppressed)}


def input_error_json(file: str, error: InputError) -> dict[str, Any]:
    """Return a file that could not be read at all."""
    return {"file": file, "readable": False, "ruleset": None, "ruleset_source": None,
            "diagnostics": [],
            "error": {"message": text_json(error.message), "hint": text_json(error.hint),
                      "file": error.file, "line": error.line, "column": error.column}}


def check_json(files: list[dict[str, Any]], exit_code: int) -> dict[str, Any]:
    """Return the whole report: version, tool, files, summary counts and the exit code."""
    counts = {s.value: 0 for s in Severity}
    for entry in files:
        for d in entry["diagnostics"]:
            counts[d["severity"]] += 1
    return {"version": VERSION, "tool": {"name": "tiip-writer", "version": __version__},
            "files": files, "summary": {"files": len(files), **counts},
            "exit_code": exit_code}
