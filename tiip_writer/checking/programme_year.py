"""ruleset.programme-year: the plan's dates lie in the programme year of the rule set it names.

A proposal written under last year's rules (or, as `tiip new` once did, dated next year under
the 105 rules) passes every cap of the wrong year. The submission date and the start date
must fall in the rule set's ROC year; the finding names the newest rule set installed and how to
get the current one.
"""

from __future__ import annotations

import datetime as dt

from tiip_writer.foundation.diagnostics import Diagnostic, Severity, Text
from tiip_writer.model import Proposal
from tiip_writer.rules import locate
from tiip_writer.ruleset import RuleSet, find_ruleset, known_years
from tiip_writer.source import Source

RULE_ID = "ruleset.programme-year"
ROC_OFFSET = 1911  # 民國 1 年 = 1912


def roc_year(day: dt.date) -> int:
    """Return the ROC (民國) year of `day`."""
    return day.year - ROC_OFFSET


def programme_year_findings(proposal: Proposal, rs: RuleSet, source: Source) -> list[Diagnostic]:
    """Return a finding for each plan date outside the rule set's programme year."""
    dates = (("/submission_date", Text("送件（收文）日", "the submission date"),
              proposal.submission_date),
             ("/period/start", Text("計畫起始日", "the start date"), proposal.period.start))
    found = []
    for pointer, label, day in dates:
        if roc_year(day) == rs.year:
            continue
        line, column = locate(source.positions, pointer)
        found.append(Diagnostic(
            rule=RULE_ID, severity=Severity.ERROR, file=source.display, line=line,
            column=column, pointer=pointer,
            message=Text(
                f"{label.zh} {day.isoformat()} 在民國 {roc_year(day)} 年，但計畫書用的是民國 "
                f"{rs.year} 年度的規則集（programme.year）；已安裝最新的規則集：{_newest('zh')}",
                f"{label.en} {day.isoformat()} is in ROC year {roc_year(day)}, but the proposal "
                f"uses the rule set of programme year {rs.year} (programme.year); the newest rule "
                f"set installed: {_newest('en')}"),
            hint=_hint(roc_year(day), rs.year)))
    return found


def _newest(lang: str) -> str:
    year = max(known_years())
    found = find_ruleset(year)
    where = found.describe().get(lang) if found else ""
    return f"民國 {year} 年度（{where}）" if lang == "zh" else f"{year} ({where})"


def _hint(date_year: int, rs_year: int) -> Text:
    if date_year in known_years():
        return Text(f"若是民國 {date_year} 年度的申請，請把 programme.year 改為 {date_year}；"
                    f"若是 {rs_year} 年度，請改正日期。",
                    f"for a {date_year} application set programme.year to {date_year}; for "
                    f"{rs_year}, correct the date.")
    return Text(f"若是民國 {date_year} 年度的申請，請向計畫辦公室取得該年度的版本並安裝"
                f"（tiip templates install 版本檔.tiiplib.zip），再把 programme.year 改為 "
                f"{date_year}；若是 {rs_year} 年度，請改正日期。tiip rules sets 列出已安裝的規則集。",
                f"for a {date_year} application get that year's edition from the programme "
                f"office and install it (tiip templates install edition.tiiplib.zip), then set "
                f"programme.year to {date_year}; for {rs_year}, correct the date. tiip rules sets "
                "lists the rule sets installed.")
