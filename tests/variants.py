"""Check edited copies of the samples and look at one rule's findings.

Variants are made by exact string replacement, so every other line keeps its position and a
test says where a finding must point by searching the variant's text (conftest.locate).
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import ROOT
from tiip_writer.config import Config
from tiip_writer.diagnostics import Diagnostic
from tiip_writer.pipeline import CheckResult, check_file

HIGH_VALUE = "high-value-thermal-compensation.yaml"
SYSTEM = "system-solution-institute.yaml"
EMERGING = "emerging-assistive-academia.yaml"
TOPDOWN = "topdown-joint-two-companies.yaml"


def sample(name: str = HIGH_VALUE) -> str:
    """Return the text of sample `name`."""
    return (ROOT / "samples" / name).read_text(encoding="utf-8")


def edit(text: str, *pairs: tuple[str, str]) -> str:
    """Return `text` with each (old, new) replaced; each old must occur exactly once."""
    for old, new in pairs:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def edit_re(text: str, pattern: str, new: str) -> str:
    """Return `text` with the one match of regular expression `pattern` replaced by `new`."""
    assert len(re.findall(pattern, text, flags=re.S | re.M)) == 1, pattern
    return re.sub(pattern, lambda _m: new, text, flags=re.S | re.M)


def check(folder: Path, text: str, config: Config | None = None) -> CheckResult:
    """Return the check result of proposal `text` (no tiip.toml unless `config` is given)."""
    path = folder / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return check_file(path, display="p.yaml", config=config or Config())


def locate(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """Return the 1-based (line, column) in characters of the first `needle` (+ offset)."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def only(result: CheckResult, rule: str) -> list[Diagnostic]:
    """Return the findings of `rule`."""
    return [d for d in result.diagnostics if d.rule == rule]


def one(result: CheckResult, rule: str) -> Diagnostic:
    """Return the single finding of `rule` (fails when there are none or several)."""
    found = only(result, rule)
    assert len(found) == 1, [f"{d.rule} {d.line}:{d.column} {d.message.zh}"
                             for d in result.diagnostics]
    return found[0]


def at(d: Diagnostic) -> tuple[int, int]:
    """Return a finding's (line, column)."""
    return d.line, d.column
