"""`tiip rules lint FILE`: every problem of a rule set file, each at its line and column.

Beyond the format (schemas/ruleset.schema.json: keys, types, bounds), a rule set must agree with
the code that reads it: every rule it lists exists, every value a listed rule reads is there
(editions/rule_needs.py finds them in the rules' code), every budget category is a field of the
proposal format, and the year inside the file is the year in its name.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from tiip_writer.editions.rule_needs import THRESHOLD, rule_needs, uses_review_criteria
from tiip_writer.foundation.diagnostics import Diagnostic, Severity, Text
from tiip_writer.rules import all_rules, locate
from tiip_writer.schema import validate
from tiip_writer.schema.index import load_schema
from tiip_writer.source import Source, load_source
from tiip_writer.source.positions import join_pointer

RULESET_SCHEMA = "ruleset.schema.json"


def lint_ruleset(path: Path, display: str | None = None) -> list[Diagnostic]:
    """Return every problem of the rule set file at `path` (InputError when unreadable)."""
    source = load_source(path, display)
    found = list(source.diagnostics)
    if not isinstance(source.data, dict):
        return found
    found.extend(validate(source, RULESET_SCHEMA))
    found.extend(_year(source, path))
    found.extend(_rules(source))
    found.extend(_categories(source))
    return sorted(found, key=lambda d: d.sort_key)


def _year(source: Source, path: Path) -> list[Diagnostic]:
    year = source.data.get("year")
    if not path.stem.isdigit() or not isinstance(year, int) or int(path.stem) == year:
        return []
    return [_finding(source, "ruleset.year-name", "/year", Text(
        f"檔名是 {path.name}，檔案內卻寫 year: {year}；tiip 依檔名找年度",
        f"the file is named {path.name} but says year: {year}; tiip finds a year by the name"),
        Text(f"將檔案改名為 {year}.yaml，或把 year 改為 {path.stem}",
             f"rename the file {year}.yaml, or set year to {path.stem}"))]


def _rules(source: Source) -> list[Diagnostic]:
    data: dict[str, Any] = source.data
    listed = data.get("rules")
    if not isinstance(listed, dict):
        return []
    known, needs, criteria = all_rules(), rule_needs(), uses_review_criteria()
    found = []
    for rule_id in listed:
        pointer = join_pointer("/rules", rule_id)
        if rule_id not in known:
            close = difflib.get_close_matches(str(rule_id), list(known), n=1, cutoff=0.6)
            found.append(_finding(source, "ruleset.unknown-rule", pointer, Text(
                f"沒有規則「{rule_id}」，tiip 無法執行它", f"there is no rule '{rule_id}' to run"),
                Text(f"是不是「{close[0]}」？" if close else "tiip rules 列出所有規則代號。",
                     f"did you mean '{close[0]}'?" if close else "tiip rules lists every rule id."),
                at_key=True))
            continue
        for need in sorted(needs[rule_id], key=lambda n: (n.section, n.name)):
            if not _present(data, need.section, need.name):
                found.append(_missing(source, pointer, rule_id, need.section, need.name))
        entries = data.get("review_criteria")
        if rule_id in criteria and isinstance(entries, dict) and rule_id not in entries:
            found.append(_finding(source, "ruleset.missing-value", pointer, Text(
                f"規則 {rule_id} 需要 review_criteria 下的「{rule_id}」（審查重點原文與計畫類型）",
                f"rule {rule_id} needs its entry '{rule_id}' under review_criteria (the "
                "criterion and its plan types)"),
                Text("從前一年度的規則集複製該項並依公告修改；或自 rules 移除此規則",
                     "copy the entry from the previous year's rule set and update it, or remove "
                     "the rule from rules"), at_key=True))
    return found


def _present(data: dict[str, Any], section: str, name: str) -> bool:
    if section == THRESHOLD:
        return any(isinstance(data.get(part), dict) and name in data[part]
                   for part in ("thresholds", "formulas"))
    return name in data


def _missing(source: Source, pointer: str, rule_id: str, section: str, name: str) -> Diagnostic:
    where = f"thresholds.{name}" if section == THRESHOLD else name
    return _finding(source, "ruleset.missing-value", pointer, Text(
        f"規則 {rule_id} 需要 {where}，但規則集沒有", f"rule {rule_id} needs {where}, which the "
        "rule set lacks"),
        Text(f"加上 {where}（可參考前一年度的規則集），或自 rules 移除 {rule_id}",
             f"add {where} (see the previous year's rule set), or remove {rule_id} from rules"),
        at_key=True)


def _categories(source: Source) -> list[Diagnostic]:
    categories = source.data.get("categories")
    if not isinstance(categories, dict):
        return []
    fields = [k for k in load_schema()["$defs"]["unit_budget"]["properties"] if k != "subsidy_rate"]
    return [_finding(source, "ruleset.unknown-category", join_pointer("/categories", key), Text(
        f"會計科目「{key}」不是計畫書格式中的經費欄位", f"category '{key}' is not a budget field of "
        "the proposal format"),
        Text(f"可用的欄位：{'、'.join(fields)}", f"the fields: {', '.join(fields)}"), at_key=True)
        for key in categories if key not in fields]


def _finding(source: Source, rule: str, pointer: str, message: Text, hint: Text,
             at_key: bool = False) -> Diagnostic:
    line, column = locate(source.positions, pointer, at_key)
    return Diagnostic(rule=rule, severity=Severity.ERROR, message=message, file=source.display,
                      line=line, column=column, pointer=pointer, hint=hint)
