"""Stage 5: the programme rules. One rule per module, registered by its stable id.

Every module in this package that defines `RULE` is a rule; the year's rule set (data) says
which rules apply, with what severity and citation. `run_rules` turns their findings into
positioned Diagnostics.
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from types import ModuleType
from typing import Any

from tiip_writer.foundation.diagnostics import Diagnostic, Severity
from tiip_writer.rules.base import Context, Evidence, Finding, Measure, Rule
from tiip_writer.ruleset import RuleEntry, RuleSet, RulesetError
from tiip_writer.source import PositionMap, Source
from tiip_writer.source.positions import split_pointer

__all__ = ["Context", "Evidence", "Finding", "Measure", "Rule", "active_rules", "all_rules",
           "locate", "measures", "position", "rule_modules", "run_rules"]

_HELPERS = {"base", "facts", "prose", "criteria"}


@cache
def all_rules() -> dict[str, Rule]:
    """Return every rule in this package by id."""
    return {rule_id: module.RULE for rule_id, module in rule_modules().items()}


@cache
def rule_modules() -> dict[str, ModuleType]:
    """Return the module that defines each rule, by rule id (its docstring documents the rule)."""
    found: dict[str, ModuleType] = {}
    for name in _module_names():
        if name in _HELPERS:
            continue
        module = importlib.import_module(f"{__name__}.{name}")
        rule = getattr(module, "RULE", None)
        if isinstance(rule, Rule):
            if rule.id in found:
                raise RulesetError(f"two modules register rule {rule.id!r}")
            found[rule.id] = module
    return found


def _module_names() -> list[str]:
    """Return the names of this package's modules, sorted, as pkgutil.iter_modules lists
    them (without importing pkgutil for it, unless the package is not a plain folder)."""
    try:
        return sorted(entry.name[:-3] for folder in __path__ for entry in os.scandir(folder)
                      if entry.name.endswith(".py") and entry.name[:-3].isidentifier()
                      and entry.name != "__init__.py" and entry.is_file())
    except OSError:  # installed in a zip, or frozen
        import pkgutil

        return sorted(info.name for info in pkgutil.iter_modules(__path__))


def active_rules(rs: RuleSet) -> list[tuple[RuleEntry, Rule]]:
    """Return the rules the rule set lists, in its order, each with its entry."""
    rules = all_rules()
    missing = [entry.id for entry in rs.rules if entry.id not in rules]
    if missing:
        raise RulesetError(f"rule set {rs.year} lists rules with no code: {', '.join(missing)}")
    return [(entry, rules[entry.id]) for entry in rs.rules]


def run_rules(ctx: Context, source: Source) -> list[Diagnostic]:
    """Return every finding of the year's rules for one proposal, positioned in its source."""
    diagnostics = []
    for entry, rule in active_rules(ctx.rs):
        for finding in rule.findings(ctx):
            line, column = position(source, finding.pointer, finding.at_key, finding.char)
            diagnostics.append(Diagnostic(
                rule=rule.id, severity=Severity(entry.severity), message=finding.message,
                file=source.display, line=line, column=column, pointer=finding.pointer,
                hint=finding.hint, citation=entry.citation))
    return diagnostics


def position(source: Source, pointer: str, at_key: bool = False,
             char: int | None = None) -> tuple[int, int]:
    """Return where a finding points: a character inside a text value, the value, or its key."""
    if char is not None:
        value = _value_at(source.data, pointer)
        if isinstance(value, str):
            return source.positions.char_at(source.text, pointer, value, char)
    return locate(source.positions, pointer, at_key)


def _value_at(data: Any, pointer: str) -> Any:
    """Return the plain value at `pointer` in `data`, or None when there is none."""
    for token in split_pointer(pointer):
        if isinstance(data, dict):
            data = data.get(token)
        elif isinstance(data, list) and token.isdigit() and int(token) < len(data):
            data = data[int(token)]
        else:
            return None
    return data


def measures(ctx: Context, prefix: str = "") -> list[tuple[RuleEntry, Measure]]:
    """Return every figure-against-limit of the active rules whose id starts with `prefix`."""
    return [(entry, m) for entry, rule in active_rules(ctx.rs)
            if rule.measure is not None and rule.id.startswith(prefix) for m in rule.measure(ctx)]


def locate(positions: PositionMap, pointer: str, at_key: bool = False) -> tuple[int, int]:
    """Return where to point for `pointer`: its value (or key), else its nearest present
    parent's key."""
    if pointer in positions.values:
        return positions.key_at(pointer) if at_key else positions.value_at(pointer)
    while pointer and pointer not in positions.values:
        pointer = pointer.rsplit("/", 1)[0]
    return positions.key_at(pointer)
