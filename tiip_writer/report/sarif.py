"""The SARIF 2.1.0 report (OASIS Static Analysis Results Interchange Format), for code-scanning
tools such as GitHub code scanning and the VS Code SARIF viewer. Validated against the official
schema in the tests (tests/fixtures/sarif-schema-2.1.0.json)."""

from __future__ import annotations

from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from tiip_writer import __version__
from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.checking.suppress import TOOL_RULES
from tiip_writer.foundation.diagnostics import Diagnostic, Text
from tiip_writer.report import Outcome, Unreadable, ruledoc
from tiip_writer.report.check_json import ruleset_source_json
from tiip_writer.rules import all_rules
from tiip_writer.rules.prose import dotted
from tiip_writer.ruleset import RuleSet, known_years, load_ruleset

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Findings of the format itself (not programme rules): what their id family means.
FORMAT_FAMILIES = {
    "yaml": Text("YAML 無法正確讀取", "the YAML cannot be read as intended"),
    "schema": Text("不符合計畫書格式", "the proposal does not fit the format"),
    "ruleset": Text("沒有適用的年度規則集", "no rule set for the programme year"),
}


def sarif_log(outcomes: list[Outcome], lang: str, exit_code: int) -> dict[str, Any]:
    """Return the SARIF log of one `tiip check` run (one run, every file's results)."""
    descriptors: dict[str, dict[str, Any]] = {}
    index: dict[str, int] = {}
    results = []
    for outcome in outcomes:
        if isinstance(outcome, CheckResult):
            rs = outcome.ruleset or load_ruleset(known_years()[-1])
            for d in outcome.diagnostics:
                if d.rule not in descriptors:
                    index[d.rule] = len(descriptors)
                    descriptors[d.rule] = _descriptor(d.rule, rs, lang)
                results.append(_result(d, index[d.rule], lang))
    notifications = [_notification(o, lang) for o in outcomes if isinstance(o, Unreadable)]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications, "exitCode": exit_code}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver = {"name": "tiip-writer", "version": __version__, "rules": list(descriptors.values())}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [{
        "tool": {"driver": driver}, "invocations": [invocation],
        "columnKind": "unicodeCodePoints", "results": results,
        "properties": {"rulesets": _rulesets(outcomes)}}]}


def _rulesets(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    """Return each rule set the run used: year and where it came from (edition, signer)."""
    used: dict[tuple, dict[str, Any]] = {}
    for outcome in outcomes:
        rs = outcome.ruleset if isinstance(outcome, CheckResult) else None
        if rs is not None:
            entry = {"year": rs.year, **(ruleset_source_json(rs) or {})}
            used.setdefault(tuple(entry.values()), entry)
    return list(used.values())


def _descriptor(rule_id: str, rs: RuleSet, lang: str) -> dict[str, Any]:
    """Return the reportingDescriptor of a rule: its title, documentation and default level."""
    if rule_id not in all_rules() and rule_id not in TOOL_RULES:
        family = FORMAT_FAMILIES.get(rule_id.split(".")[0], Text(rule_id, rule_id))
        return {"id": rule_id, "shortDescription": {"text": family.get(lang)},
                "defaultConfiguration": {"level": "error"}}
    doc = ruledoc.rule_doc(rule_id, rs)
    descriptor: dict[str, Any] = {
        "id": rule_id, "shortDescription": {"text": doc.title.get(lang)},
        "fullDescription": {"text": doc.body.get(lang)},
        "help": {"text": ruledoc.explain(rule_id, rs, lang),
                 "markdown": ruledoc.markdown_section(doc, "##")},
        "defaultConfiguration": {"level": LEVELS[doc.severity or "warning"]},
        "properties": {"tags": [rule_id.split(".")[0]],
                       **({"citation": doc.citation} if doc.citation else {})}}
    link = ruledoc.doc_link(rule_id)
    if "://" in link:
        descriptor["helpUri"] = link
    return descriptor


def _result(d: Diagnostic, index: int, lang: str) -> dict[str, Any]:
    """Return the SARIF result of one finding."""
    text = d.message.get(lang)
    if d.hint:
        text += ("\n提示：" if lang == "zh" else "\nhint: ") + d.hint.get(lang)
    location: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": {"uri": artifact_uri(d.file)},
        "region": {"startLine": d.line, "startColumn": d.column}}}
    if d.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": dotted(d.pointer), "kind": "member"}]
    properties = {"pointer": d.pointer}
    if d.citation:
        properties["citation"] = d.citation
    if d.rule in all_rules() or d.rule in TOOL_RULES:
        properties["doc"] = ruledoc.doc_link(d.rule)
    return {"ruleId": d.rule, "ruleIndex": index, "level": LEVELS[d.severity.value],
            "message": {"text": text}, "locations": [location], "properties": properties}


def _notification(outcome: Unreadable, lang: str) -> dict[str, Any]:
    """Return the toolExecutionNotification for a file that could not be read."""
    error = outcome.error
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(error.file)}}
    if error.line is not None:
        physical["region"] = {"startLine": error.line, "startColumn": error.column or 1}
    text = error.message.get(lang)
    if error.hint:
        text += ("\n提示：" if lang == "zh" else "\nhint: ") + error.hint.get(lang)
    return {"level": "error", "message": {"text": text},
            "locations": [{"physicalLocation": physical}], "descriptor": {"id": "io"}}


def artifact_uri(file: str) -> str:
    """Return a file name as a URI reference: relative paths stay relative (with '/'),
    absolute paths become file: URIs; characters outside URIs are percent-encoded."""
    path: PurePath = PureWindowsPath(file) if "\\" in file else PurePosixPath(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")
