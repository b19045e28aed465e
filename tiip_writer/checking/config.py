"""Project configuration: `tiip.toml` beside the proposal (or in a parent folder, up to the
repository root) switches rules off, changes severities, thresholds and character limits.

    [rules]                          # a rule id, or a family such as "review" or "text"
    "writing.length" = "off"         # off | error | warning | info
    "review" = "info"
    [thresholds]                     # numbers of the rule set's `thresholds:`
    substantive_min_chars = 20
    [length_limits]                  # writing.length: YAML path → characters
    "summary.abstract" = 400
    [check]
    fail-on = "warning"              # what makes `tiip check` exit 1 (the option wins)

The nearest tiip.toml wins; files are not merged. Mistakes in it are input errors (exit 2).
"""

from __future__ import annotations

import dataclasses
import math
import re
import sys
from dataclasses import field
from decimal import Decimal
from pathlib import Path
from typing import Any

from tiip_writer.foundation.diagnostics import InputError
from tiip_writer.foundation.messages import msg
from tiip_writer.foundation.records import dataclass
from tiip_writer.ruleset import RuleSet
from tiip_writer.schema.index import SchemaIndex, load_schema

CONFIG_NAME = "tiip.toml"
LEVELS = ("off", "error", "warning", "info")
SECTIONS = ("rules", "thresholds", "length_limits", "check")


@dataclass(frozen=True)
class Config:
    """What a tiip.toml says; the empty Config changes nothing."""

    path: Path | None = None
    rules: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, Decimal | int] = field(default_factory=dict)
    length_limits: dict[str, int] = field(default_factory=dict)
    fail_on: str | None = None

    def level(self, rule_id: str) -> str | None:
        """Return the level set for `rule_id` (by id or its nearest family), or None."""
        parts = rule_id.split(".")
        for cut in range(len(parts), 0, -1):
            level = self.rules.get(".".join(parts[:cut]))
            if level is not None:
                return level
        return None

    def apply(self, rs: RuleSet) -> RuleSet:
        """Return `rs` with this configuration's rule levels, thresholds and limits."""
        if not (self.rules or self.thresholds or self.length_limits):
            return rs
        rules = tuple(dataclasses.replace(e, severity=self.level(e.id) or e.severity)
                      for e in rs.rules if self.level(e.id) != "off")
        data = dict(rs.data)
        known = data.get("thresholds", {})
        for name in self.thresholds:
            if name not in known:
                raise self._error("config.unknown-threshold", name=name, year=rs.year,
                                  known="、".join(known))
        data["thresholds"] = {**known, **self.thresholds}
        data["length_limits"] = {**data.get("length_limits", {}), **self.length_limits}
        return dataclasses.replace(rs, rules=rules, data=data)

    def _error(self, message_id: str, **values: object) -> InputError:
        return InputError(msg(message_id, **values), str(self.path), hint=msg("config.hint"))


def find_config(proposal: Path) -> Path | None:
    """Return the tiip.toml that governs `proposal`: the nearest one in its folder or a parent,
    looking no higher than the repository root (a folder with .git) or the file system root."""
    folder = proposal.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
        if (candidate / ".git").exists():
            return None
    return None


def config_for(proposal: Path) -> Config:
    """Return the configuration that governs `proposal` (empty when there is no tiip.toml)."""
    path = find_config(proposal)
    return load_config(path) if path else Config()


def _tomllib() -> Any:
    """Return the TOML parser, imported only when a tiip.toml is read (its import compiles
    regular expressions that a proposal without one would pay for)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def load_config(path: Path, known_ids: frozenset[str] | None = None) -> Config:
    """Return the configuration in `path` (raises InputError when it is not a valid tiip.toml)."""
    tomllib = _tomllib()
    try:
        text = path.read_text(encoding="utf-8")
        if _has_long_dotted_key(text):
            raise RecursionError  # the TOML parser's time grows with the cube of the parts
        data = tomllib.loads(text)
        return _validated(path, data, known_ids if known_ids is not None else _known_ids())
    except OSError as exc:
        raise InputError(msg("io.unreadable", reason=exc.strerror or str(exc)), str(path)) from exc
    except ValueError as exc:  # TOML syntax, not UTF-8, an integer of over 4,300 digits
        line, column = _error_position(str(exc))
        raise InputError(msg("config.syntax", problem=str(exc)), str(path), line, column,
                         hint=msg("config.hint")) from exc
    except RecursionError:  # arrays, inline tables or dotted keys nested thousands deep
        raise InputError(msg("config.syntax", problem=_TOO_DEEP), str(path),
                         hint=msg("config.hint")) from None


def _validated(path: Path, data: dict[str, Any], known_ids: frozenset[str]) -> Config:
    """Return the Config for parsed TOML `data`, or raise InputError naming the first mistake."""
    def fail(message_id: str, **values: object) -> InputError:
        return InputError(msg(message_id, **values), str(path), hint=msg("config.hint"))

    for section in data:
        if section not in SECTIONS:
            raise fail("config.unknown-section", section=section, known="、".join(SECTIONS))
    rules = _flat(data.get("rules", {}))
    for rule_id, level in rules.items():
        if rule_id not in known_ids:
            raise fail("config.unknown-rule", rule=rule_id)
        if level not in LEVELS:
            raise fail("config.level", rule=rule_id, value=level, known="、".join(LEVELS))
    thresholds = _flat(data.get("thresholds", {}))
    for name, value in thresholds.items():
        if not _is_number(value):
            raise fail("config.number", key=f"thresholds.{name}", value=value)
    limits = _flat(data.get("length_limits", {}))
    for name, value in limits.items():
        if not (_is_number(value) and int(value) == value and value > 0):
            raise fail("config.limit", key=f"length_limits.{name}", value=value)
        if not _in_schema(name):
            raise fail("config.unknown-field", key=name)
    fail_on = data.get("check", {}).get("fail-on")
    if fail_on is not None and fail_on not in LEVELS[1:]:
        raise fail("config.level", rule="check.fail-on", value=fail_on, known="、".join(LEVELS[1:]))
    return Config(path=path, rules=rules,
                  thresholds={k: Decimal(str(v)) for k, v in thresholds.items()},
                  length_limits={k: int(v) for k, v in limits.items()}, fail_on=fail_on)


def _flat(table: Any, prefix: str = "") -> dict[str, Any]:
    """Return a TOML table with nested tables (from unquoted dotted keys) as dotted keys."""
    if not isinstance(table, dict):
        return {prefix.rstrip("."): table} if prefix else {}
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _in_schema(path: str) -> bool:
    """Return True when the dotted `path` ('*' for any item or key) names a field of the format."""
    index = SchemaIndex(load_schema())
    tokens = path.split(".")
    return any(index.at([star if t == "*" else t for t in tokens]) is not None for star in (0, "*"))


def _is_number(value: Any) -> bool:
    """Return True for a finite number (TOML also allows nan, inf and 1e400, which is inf)."""
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def _known_ids() -> frozenset[str]:
    """Return every rule id and every family prefix a configuration may name."""
    from tiip_writer.checking.suppress import TOOL_RULES
    from tiip_writer.rules import all_rules

    ids = {*all_rules(), *TOOL_RULES}
    prefixes = {".".join(i.split(".")[:cut]) for i in ids for cut in range(1, i.count(".") + 1)}
    return frozenset(ids | prefixes)


_TOO_DEEP = "nested too deeply"
MAX_KEY_PARTS = 100  # a dotted key names a rule or a YAML path: a few parts, never hundreds


def _has_long_dotted_key(text: str) -> bool:
    """Return True when a key or table header has more than MAX_KEY_PARTS dotted parts."""
    return any(line.split("=", 1)[0].count(".") >= MAX_KEY_PARTS for line in text.splitlines())


def _error_position(problem: str) -> tuple[int | None, int | None]:
    match = re.search(r"line (\d+), column (\d+)", problem)
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)

