"""Reports: takes check outcomes (or a budget), gives text for people, JSON for scripts, SARIF for
code-scanning tools, GitHub workflow annotations; and the rule documentation the reports link
to (ruledoc.py). Each is a pure function of its input."""

from __future__ import annotations

from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.foundation.diagnostics import Diagnostic, InputError, Severity
from tiip_writer.foundation.records import dataclass


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be checked at all (missing, not UTF-8, a broken tiip.toml …)."""

    file: str
    error: InputError


Outcome = CheckResult | Unreadable


def findings(outcomes: list[Outcome]) -> list[Diagnostic]:
    """Return every finding of the checked files, in file order."""
    return [d for o in outcomes if isinstance(o, CheckResult) for d in o.diagnostics]


def counts(outcomes: list[Outcome]) -> dict[Severity, int]:
    """Return how many findings of each severity the files have."""
    tally = {s: 0 for s in Severity}
    for d in findings(outcomes):
        tally[d.severity] += 1
    return tally
