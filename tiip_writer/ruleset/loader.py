"""Programme-year rule sets: every threshold, list and citation of one year, read from data.

`rulesets/<year>.yaml` holds the numbers; the rule code in tiip_writer/rules reads them through
a RuleSet, so a later year changes a file, not Python.
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from functools import cache
from typing import Any

from tiip_writer.foundation.records import dataclass
from tiip_writer.foundation.resources import data_dir
from tiip_writer.foundation.yamldata import load_yaml


class RulesetError(Exception):
    """A rule set file is missing a value the code needs (a bug in the data, not the proposal)."""


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

    def num(self, name: str) -> Decimal:
        """Return the numeric threshold `name` (from `thresholds:` or `formulas:`)."""
        for section in ("thresholds", "formulas"):
            value = self.data.get(section, {}).get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
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


def known_years() -> tuple[int, ...]:
    """Return the programme years that have a rule set, ascending."""
    names = (p.stem for p in data_dir("rulesets").glob("*.yaml"))
    return tuple(sorted(int(n) for n in names if n.isdigit()))


@cache
def load_ruleset(year: int) -> RuleSet:
    """Return the rule set of programme year `year` (KeyError when there is none)."""
    if year not in known_years():
        raise KeyError(year)
    path = data_dir("rulesets") / f"{year}.yaml"
    with open(path, encoding="utf-8") as handle:
        data = load_yaml(handle)
    return RuleSet(
        year=int(data["year"]),
        programme=str(data["programme"]),
        agency=str(data["agency"]),
        plan_types=tuple(data["plan_types"]),
        categories=tuple(_category(key, spec) for key, spec in data["categories"].items()),
        rules=tuple(RuleEntry(id=key, severity=str(spec["severity"]), citation=str(spec["citation"]))
                    for key, spec in data["rules"].items()),
        data=data,
    )


def _category(key: str, spec: dict[str, str]) -> Category:
    return Category(key=key, group=spec["group"], label=spec["label"],
                    group_en=spec.get("group_en", spec["group"]),
                    label_en=spec.get("label_en", spec["label"]), rows_by=spec.get("rows_by"))
