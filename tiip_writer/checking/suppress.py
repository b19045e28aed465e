"""Inline suppression: `# tiip: ignore[rule-id] reason` silences a finding of that rule.

A comment after a value applies to its own line; a comment on a line of its own applies to the
next line. Either also covers every finding inside the value whose key stands on that line
(e.g. a whole block `|` text). Several ids are separated by commas; an id may be a family
("text"). Only programme rules can be silenced (yaml.* and schema.* mean the file is not
understood). A suppression without a reason, naming an unknown rule, or silencing nothing is
itself a finding.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import field, replace

from tiip_writer.foundation.diagnostics import Diagnostic, Severity, Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.source import Source


@dataclass(frozen=True)
class ToolRule:
    """A finding of the tool itself (not of the programme): its title, severity and docs."""

    title: Text
    severity: Severity
    about: str
    doc: str


TOOL_RULES = {
    "suppression.missing-reason": ToolRule(
        Text("忽略註解須說明理由", "a suppression gives its reason"), Severity.WARNING,
        "「# tiip: ignore[規則代號] 理由」必須寫出理由，讓審閱計畫書的同事知道為何忽略。沒有理由時，"
        "該處的問題仍會被忽略，但會回報本項。",
        "A `# tiip: ignore[rule-id] reason` comment must say why, so a colleague reviewing the "
        "proposal knows. Without a reason the finding is still silenced, and this is reported."),
    "suppression.unknown-rule": ToolRule(
        Text("忽略註解指向存在的規則", "a suppression names a known rule"), Severity.WARNING,
        "忽略註解中的規則代號不存在（可能打錯字），或是不能忽略的格式錯誤（yaml.*、schema.*）。",
        "The rule id in a suppression does not exist (a typo?), or names a format error "
        "(yaml.*, schema.*), which cannot be silenced."),
    "suppression.unused": ToolRule(
        Text("忽略註解確實忽略了問題", "a suppression silences something"), Severity.INFO,
        "忽略註解所指的規則在該處沒有任何問題（可能已修正），請刪除註解以免日後掩蓋新的問題。",
        "The rule a suppression names finds nothing there (fixed already?): delete the comment "
        "so it cannot hide a new problem later."),
    "ruleset.programme-year": ToolRule(
        Text("計畫日期與規則集年度一致", "the plan's dates lie in the rule set's programme year"),
        Severity.ERROR,
        "送件（收文）日與計畫起始日須在 programme.year 所指規則集的民國年度內；否則計畫書是以別的"
        "年度的門檻檢核。訊息會指出已安裝最新的規則集，以及如何取得當年度的版本。",
        "The submission date and the start date must fall in the ROC year of the rule set that "
        "programme.year names; otherwise the proposal is checked against another year's limits. "
        "The finding names the newest rule set installed and how to get the current one."),
}

_MARK = re.compile(r"#\s*tiip:\s*ignore\b(?:\[([^\]]*)\])?[ \t]*(.*?)\s*$")


@dataclass
class Suppression:
    """One `# tiip: ignore[...]` comment: where it is, what it names and which line it covers."""

    line: int
    column: int
    ids: tuple[str, ...]
    reason: str
    target: int
    used: set[str] = field(default_factory=set)

    def covers(self, rule: str) -> str | None:
        """Return the id or family of this suppression that covers `rule`, or None."""
        return next((i for i in self.ids if rule == i or rule.startswith(i + ".")), None)


def find_suppressions(source: Source) -> list[Suppression]:
    """Return every suppression comment of the source (not text inside a YAML string)."""
    if "tiip:" not in source.text:
        return []
    spans = sorted(_content_span(source.text, *span) for span in source.positions.spans.values())
    starts = [start for start, _end in spans]
    lines = source.text.split("\n")
    found, index = [], 0
    for number, line in enumerate(lines, start=1):
        match = _MARK.search(line)
        if match and not _inside_string(index + match.start(), spans, starts):
            own_line = not line[:match.start()].strip()
            ids = tuple(i.strip() for i in (match.group(1) or "").split(",") if i.strip())
            found.append(Suppression(number, match.start() + 1, ids, match.group(2),
                                     _next_content_line(lines, number) if own_line else number))
        index += len(line) + 1
    return found


def _content_span(text: str, start: int, end: int, style: str) -> tuple[int, int]:
    """Return where a string's content lies: a block scalar's header line (`|  # comment`)
    is not content."""
    if style in ("|", ">"):
        newline = text.find("\n", start, end)
        start = newline + 1 if newline >= 0 else end
    return start, end


def _inside_string(index: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    at = bisect.bisect_right(starts, index) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]


def _next_content_line(lines: list[str], number: int) -> int:
    """Return the number of the first line after `number` that is neither blank nor a comment."""
    for following in range(number, len(lines)):
        stripped = lines[following].strip()
        if stripped and not stripped.startswith("#"):
            return following + 1
    return number


def apply_suppressions(source: Source, diagnostics: list[Diagnostic], silenceable: set[str],
                       active: set[str] | None) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Return (kept findings plus the suppressions' own findings, silenced findings).

    `silenceable` are the ids a suppression may name; `active` the rules that ran (None when
    the rules did not run, so that no suppression can be called unused).
    """
    suppressions = find_suppressions(source)
    if not suppressions:
        return diagnostics, []
    kept, silenced = [], []
    for diagnostic in diagnostics:
        if diagnostic.rule in silenceable and _silence(source, diagnostic, suppressions):
            silenced.append(diagnostic)
        else:
            kept.append(diagnostic)
    for suppression in suppressions:
        kept.extend(_own_findings(source, suppression, silenceable, active))
    return kept, silenced


def _silence(source: Source, diagnostic: Diagnostic, suppressions: list[Suppression]) -> bool:
    """Return True when a suppression covers `diagnostic` (and mark that suppression used)."""
    anchors = _anchors(source, diagnostic)
    for suppression in suppressions:
        name = suppression.covers(diagnostic.rule) if suppression.target in anchors else None
        if name is not None:
            suppression.used.add(name)
            return True
    return False


def _anchors(source: Source, diagnostic: Diagnostic) -> set[int]:
    """Return the lines a suppression may stand on for this finding: its own and its key's."""
    anchors = {diagnostic.line}
    for table in (source.positions.keys, source.positions.values):
        if diagnostic.pointer in table:
            anchors.add(table[diagnostic.pointer][0])
    return anchors


def _own_findings(source: Source, s: Suppression, silenceable: set[str],
                  active: set[str] | None) -> list[Diagnostic]:
    """Return what is wrong with suppression `s` itself."""
    def finding(rule: str, message: Text, hint: Text) -> Diagnostic:
        return Diagnostic(rule=rule, severity=TOOL_RULES[rule].severity, message=message,
                          file=source.display, line=s.line, column=s.column, hint=hint)

    found = []
    if not s.reason:
        found.append(finding("suppression.missing-reason", Text(
            "忽略註解沒有說明理由", "the suppression gives no reason"), Text(
            "在 ] 之後寫出理由，例如「# tiip: ignore[text.taiwan-term] 引用原文書名」",
            "write the reason after ], e.g. '# tiip: ignore[text.taiwan-term] quoted title'")))
    if not s.ids:
        found.append(finding("suppression.unknown-rule", Text(
            "忽略註解沒有指明規則代號", "the suppression names no rule"), Text(
            "寫成「# tiip: ignore[規則代號] 理由」", "write '# tiip: ignore[rule-id] reason'")))
    for name in s.ids:
        family = {r for r in silenceable if r == name or r.startswith(name + ".")}
        if not family:
            found.append(finding("suppression.unknown-rule", Text(
                f"忽略註解指向不存在或不能忽略的規則「{name}」",
                f"the suppression names '{name}', which is unknown or cannot be silenced"), Text(
                "規則代號見 tiip rules；yaml.* 與 schema.* 表示檔案無法解讀，須修正",
                "tiip rules lists the ids; yaml.* and schema.* mean the file is not understood "
                "and must be fixed")))
        elif active is not None and family & active and name not in s.used:
            found.append(finding("suppression.unused", Text(
                f"忽略註解沒有忽略任何問題：「{name}」在此處沒有發現",
                f"the suppression silences nothing: '{name}' finds nothing here"), Text(
                "問題可能已修正；請刪除這個註解", "the problem may be fixed: delete the comment")))
    return found


def with_levels(diagnostics: list[Diagnostic],
                level: Callable[[str], str | None]) -> list[Diagnostic]:
    """Return the tool's own findings at the levels a configuration sets (None: unchanged)."""
    result = []
    for d in diagnostics:
        chosen = level(d.rule) if d.rule in TOOL_RULES else None
        if chosen == "off":
            continue
        result.append(replace(d, severity=Severity(chosen)) if chosen else d)
    return result
