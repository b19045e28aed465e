"""`tiip new`: a complete, schema-valid proposal scaffold with zh-TW guidance comments."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import jinja2

from tiip_writer.foundation.resources import data_dir, schema_path
from tiip_writer.ruleset import known_years, load_ruleset

PLAN_TYPES = ("產業高值", "創新優化-補關鍵", "創新優化-展系統", "新興育成", "主題式")

# English and short spellings users type on the command line.
PLAN_ALIASES = {
    "high-value": "產業高值", "高值": "產業高值",
    "key-component": "創新優化-補關鍵", "補關鍵": "創新優化-補關鍵", "創新優化補關鍵": "創新優化-補關鍵",
    "system": "創新優化-展系統", "展系統": "創新優化-展系統", "創新優化展系統": "創新優化-展系統",
    "emerging": "新興育成", "育成": "新興育成",
    "topdown": "主題式", "top-down": "主題式", "主題": "主題式",
}

ROC_OFFSET = 1911  # 民國 1 年 = 1912

PARTNER_CATEGORIES = {"學界": "公立大專校院", "法人": "經濟部評鑑財團法人"}


def resolve_plan_type(name: str) -> str | None:
    """Return the canonical plan type for `name` (an official name or an alias), or None."""
    cleaned = name.strip().replace(" ", "").replace("/", "-")
    if cleaned in PLAN_TYPES:
        return cleaned
    return PLAN_ALIASES.get(cleaned.lower()) or PLAN_ALIASES.get(cleaned)


def render_scaffold(target: Path, plan_type: str, partner: str | None, today: dt.date) -> str:
    """Return the scaffold text for a new proposal at `target`."""
    ruleset = load_ruleset(max(known_years()))  # a new proposal is for the latest year
    emerging = ruleset.items("emerging_items")[0]
    # The rate the year allows: the non-topic cap, or the Top-down floor.
    rate = ruleset.num("subsidy_floor_topic" if plan_type == "主題式" else "subsidy_cap_non_topic")
    submitted, start = plan_dates(ruleset.year, today)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(data_dir("templates") / "scaffold"),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    return environment.get_template("proposal.yaml.j2").render(
        schema_ref=_schema_reference(target),
        file_name=target.name,
        plan_type=plan_type,
        year=ruleset.year,
        agency=ruleset.agency,
        emerging_area=emerging["area"],
        emerging_item=emerging["items"][0],
        today=submitted.isoformat(),
        start=start.isoformat(),
        subsidy_rate=rate,
        partner_kind=partner,
        partner_category=PARTNER_CATEGORIES.get(partner or "", ""),
    )


def plan_dates(year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """Return the submission and start dates of a new proposal for ROC year `year`.

    Both lie in that year, so the scaffold agrees with its own rule set: today and the first of
    next month when `year` is this year; otherwise today's month and day moved into `year` (the
    newest rule set installed may be older or newer than the calendar). The start never leaves
    the year: in December it is the submission day itself (allowed: on or after it)."""
    calendar_year = year + ROC_OFFSET
    try:
        submitted = today.replace(year=calendar_year)
    except ValueError:  # 29 February in a year that has none
        submitted = today.replace(year=calendar_year, day=28)
    next_month = (submitted.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return submitted, next_month if next_month.year == calendar_year else submitted


def _schema_reference(target: Path) -> str:
    """Return the schema path for the editor modeline: relative when close by, else absolute."""
    schema = schema_path().resolve()
    folder = target.resolve().parent
    try:
        relative = os.path.relpath(schema, folder)
    except ValueError:  # another drive on Windows
        return schema.as_uri()
    return relative if relative.count("..") <= 3 else schema.as_uri()
