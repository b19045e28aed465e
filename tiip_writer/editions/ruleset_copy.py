"""`tiip rules new YEAR --from YEAR`: an editable copy of a rule set for a new programme year.

The copy is the source file's own text (its comments explain every value), with the year set,
the agency set to the one the agency table names for the new year, and a first line saying what
it was copied from and what to check. Nothing else changes: the office edits the numbers and
lists against the new year's announcement, then runs `tiip rules lint`.
"""

from __future__ import annotations

import re
from typing import Any

from tiip_writer.ruleset import RuleSet

_YEAR_LINE = re.compile(r"^year:[ \t]*\d+[ \t]*(#.*)?$", re.MULTILINE)
_AGENCY_LINE = re.compile(r"^agency:[ \t]*[^#\n]*?([ \t]*#.*)?$", re.MULTILINE)


def agency_for(names: list[Any], year: int, default: str) -> str:
    """Return the agency name the table `agency_names` gives for `year` (else `default`)."""
    for entry in names:
        if not isinstance(entry, dict) or "name" not in entry:
            continue
        if int(entry.get("from", 0)) <= year <= int(entry.get("until", 9999)):
            return str(entry["name"])
    return default


def new_year_text(text: str, source: RuleSet, year: int, origin: str) -> str:
    """Return the text of a copy of rule set `source` (file `text`) for programme year `year`."""
    if not _YEAR_LINE.search(text):
        raise ValueError("the rule set has no top-level 'year:' line")
    text = _YEAR_LINE.sub(lambda m: f"year: {year}" + (f"  {m.group(1)}" if m.group(1) else ""),
                          text, count=1)
    agency = agency_for(list(source.data.get("agency_names", [])), year, source.agency)
    text = _AGENCY_LINE.sub(lambda m: f"agency: {agency}" + (m.group(1) or ""), text, count=1)
    header = (f"# 民國 {year} 年度規則集：由 tiip rules new 自民國 {source.year} 年度（{origin}）複製。\n"
              f"# 請依 {year} 年度公告逐項核對門檻、科目、清單、主辦機關與引用條文（citation），"
              f"再執行 tiip rules lint {year}.yaml。\n")
    return header + text
