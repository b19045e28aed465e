"""The text report: findings grouped by file as `file:line:col  severity  rule  message`, the
hint, citation and (once per rule) where its documentation is; a summary for standard error."""

from __future__ import annotations

from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.cli.common import format_diagnostic, format_input_error
from tiip_writer.foundation.diagnostics import Severity, Text
from tiip_writer.report import Outcome, Unreadable, counts
from tiip_writer.report.grouping import grouped, next_step
from tiip_writer.report.ruledoc import known_ids

EXPLAIN = Text("    說明：tiip rules --explain {rule}", "    docs: tiip rules --explain {rule}")


def text_report(outcomes: list[Outcome], lang: str, color: bool,
                verbose: bool = False) -> tuple[list[str], list[str]]:
    """Return (standard output lines, standard error lines) of the text report; a section's
    placeholders are one finding unless `verbose`."""
    out: list[str] = []
    err: list[str] = []
    explained: set[str] = set()
    for outcome in outcomes:
        if isinstance(outcome, Unreadable):
            err.append(format_input_error(outcome.error, lang))
            continue
        if out and outcome.diagnostics:
            out.append("")
        for d in outcome.diagnostics if verbose else grouped(outcome.diagnostics):
            out.append(format_diagnostic(d, lang, color))
            if d.rule not in explained and d.rule in known_ids():
                explained.add(d.rule)
                out.append(EXPLAIN.get(lang).format(rule=d.rule))
    err.append(summary(outcomes, lang))
    err.extend(step.get(lang) for o in outcomes if isinstance(o, CheckResult)
               and (step := next_step(o.source.display, o.diagnostics)) is not None)
    return out, err


RULESETS = Text("規則集：{sets}", "rule set: {sets}")
ONE_RULESET = Text("民國 {year} 年度（{origin}）", "programme year {year} ({origin})")


def rulesets_line(outcomes: list[Outcome], lang: str) -> str | None:
    """Return which rule sets (year and where from: built-in, search path, edition and its
    signer) produced the findings, or None when no file reached the rules."""
    seen: dict[tuple, str] = {}
    for outcome in outcomes:
        rs = outcome.ruleset if isinstance(outcome, CheckResult) else None
        if rs is None:
            continue
        origin = rs.origin.describe().get(lang) if rs.origin else "—"
        seen.setdefault((rs.year, origin), ONE_RULESET.get(lang).format(year=rs.year,
                                                                        origin=origin))
    if not seen:
        return None
    return RULESETS.get(lang).format(sets=("、" if lang == "zh" else "; ").join(seen.values()))


def summary(outcomes: list[Outcome], lang: str) -> str:
    """Return the closing lines: the rule sets used, then files checked, findings by severity,
    files unreadable."""
    used = rulesets_line(outcomes, lang)
    return (used + "\n" if used else "") + _tally(outcomes, lang)


def _tally(outcomes: list[Outcome], lang: str) -> str:
    tally = counts(outcomes)
    errors, warnings, infos = tally[Severity.ERROR], tally[Severity.WARNING], tally[Severity.INFO]
    checked = sum(isinstance(o, CheckResult) for o in outcomes)
    unreadable = len(outcomes) - checked
    silenced = sum(len(o.suppressed) for o in outcomes if isinstance(o, CheckResult))
    # "No problems" only when every file was read: an unreadable file is a problem.
    clean = not (errors or warnings or infos or unreadable)
    if lang == "en":
        line = (f"{checked} file(s) checked: no problems found" if clean
                else f"{checked} file(s) checked: {errors} error(s), {warnings} warning(s), "
                     f"{infos} info")
        line += f"; {silenced} silenced by comments" if silenced else ""
        return line + (f"; {unreadable} file(s) could not be read." if unreadable else ".")
    line = (f"已檢核 {checked} 個檔案：沒有發現問題" if clean
            else f"已檢核 {checked} 個檔案：{errors} 個錯誤、{warnings} 個警告、{infos} 個建議")
    line += f"；{silenced} 個問題以註解忽略" if silenced else ""
    return line + (f"；{unreadable} 個檔案無法讀取。" if unreadable else "。")
