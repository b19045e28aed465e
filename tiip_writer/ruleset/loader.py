"""Programme-year rule sets: every threshold, list and citation of one year, read from data.

`<year>.yaml` holds the numbers; the rule code in tiip_writer/rules reads them through a
RuleSet, so a later year changes a file, not Python. Where the file is found (search path,
installed edition, package) is ruleset/discovery.py; the format is schemas/ruleset.schema.json.
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tiip_writer.foundation.records import dataclass
from tiip_writer.foundation.yamldata import load_yaml_file
from tiip_writer.ruleset.discovery import RulesetFile, find_ruleset


class RulesetError(Exception):
    """A rule set file is missing a value the code needs (a bug in the data, not the proposal)."""


class RulesetFileError(RulesetError):
    """A rule set file cannot be read or lacks what every rule set has: `tiip rules lint` it."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Category:
    """One budget category (會計科目 row) of the year: its YAML key, group and labels."""

    key: str
    group: str
    label: str
    group_en: str
    label_en: str
    rows_by: str | None = None  # "person_kind": one row per person kind (研發人員, 顧問)


@dataclass(frozen=True)
class RuleEntry:
    """How a rule applies in this year: its severity and the clause it cites."""

    id: str
    severity: str
    citation: str


@dataclass(frozen=True)
class RuleSet:
    """The rule set of one programme year, as loaded from rulesets/<year>.yaml."""

    year: int
    programme: str
    agency: str
    plan_types: tuple[str, ...]
    categories: tuple[Category, ...]
    rules: tuple[RuleEntry, ...]
    data: dict[str, Any] = field(repr=False, compare=False)
    origin: RulesetFile | None = field(default=None, compare=False)  # None: made in code (tests)

    def num(self, name: str) -> Decimal:
        """Return the numeric threshold `name` (from `thresholds:` or `formulas:`)."""
        for section in ("thresholds", "formulas"):
            value = self.data.get(section, {}).get(name)
            # YAML gives int or float; a tiip.toml override arrives as an exact Decimal
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                return Decimal(str(value))
        raise RulesetError(f"rule set {self.year} has no number {name!r}")

    def setting(self, name: str) -> str:
        """Return the textual setting `name` from `thresholds:` (e.g. mid_size_bonus_mode)."""
        value = self.data.get("thresholds", {}).get(name)
        if not isinstance(value, str):
            raise RulesetError(f"rule set {self.year} has no setting {name!r}")
        return value

    def items(self, name: str) -> tuple[Any, ...]:
        """Return the list `name` at the top level of the rule set."""
        value = self.data.get(name)
        if not isinstance(value, list):
            raise RulesetError(f"rule set {self.year} has no list {name!r}")
        return tuple(value)

    def text(self, name: str) -> str:
        """Return the top-level text value `name`."""
        value = self.data.get(name)
        if not isinstance(value, str):
            raise RulesetError(f"rule set {self.year} has no text {name!r}")
        return value

    def category(self, key: str) -> Category | None:
        """Return the budget category with YAML key `key`, or None if not eligible this year."""
        return next((c for c in self.categories if c.key == key), None)

    def rule(self, rule_id: str) -> RuleEntry | None:
        """Return this year's entry for `rule_id`, or None when the rule does not apply."""
        return next((r for r in self.rules if r.id == rule_id), None)


def load_ruleset(year: int) -> RuleSet:
    """Return the rule set of programme year `year` (KeyError when there is none; a
    RulesetFileError when its file is broken)."""
    found = find_ruleset(year)
    if found is None:
        raise KeyError(year)
    try:
        stat = found.path.stat()
    except OSError as exc:
        raise RulesetFileError(found.path, exc.strerror or str(exc)) from exc
    return _load_file(found, stat.st_mtime_ns, stat.st_size)


@cache
def _load_file(found: RulesetFile, _mtime_ns: int, _size: int) -> RuleSet:
    """Return the rule set in `found`; cached until the file changes (a resident server keeps
    answering with the new year's values once an edition is installed or edited)."""
    try:
        data = load_yaml_file(found.path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RulesetFileError(found.path, str(exc)) from exc
    try:
        return RuleSet(
            year=int(data["year"]),
            programme=str(data["programme"]),
            agency=str(data["agency"]),
            plan_types=tuple(data["plan_types"]),
            categories=tuple(_category(key, spec) for key, spec in data["categories"].items()),
            rules=tuple(RuleEntry(id=key, severity=str(spec["severity"]),
                                  citation=str(spec["citation"]))
                        for key, spec in data["rules"].items()),
            data=data,
            origin=found,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RulesetFileError(found.path, f"missing or malformed {exc}") from exc


def _category(key: str, spec: dict[str, str]) -> Category:
    return Category(key=key, group=spec["group"], label=spec["label"],
                    group_en=spec.get("group_en", spec["group"]),
                    label_en=spec.get("label_en", spec["label"]), rows_by=spec.get("rows_by"))
