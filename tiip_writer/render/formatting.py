"""How dates and numbers read in the proposal: ROC calendar dates, NT$ thousands, percentages."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from tiip_writer.model import add_months

ROC_OFFSET = 1911
DASH = "—"  # shown where a table cell has no value


def roc_year(year: int) -> int:
    """Return the ROC (民國) year of Gregorian `year`."""
    return year - ROC_OFFSET


def roc_date(day: dt.date) -> str:
    """Return `day` as 民國105年7月1日."""
    return f"民國{roc_year(day.year)}年{day.month}月{day.day}日"


def roc_date_short(day: dt.date) -> str:
    """Return `day` as 105/07/01."""
    return f"{roc_year(day.year)}/{day.month:02d}/{day.day:02d}"


def roc_month(day: dt.date) -> str:
    """Return the month of `day` as 105/07."""
    return f"{roc_year(day.year)}/{day.month:02d}"


def roc_year_month(day: dt.date) -> str:
    """Return the month of `day` as 105年7月."""
    return f"{roc_year(day.year)}年{day.month}月"


def plan_month_start(start: dt.date, month: int) -> dt.date:
    """Return the first day of plan month `month` (1-based) of a plan starting on `start`."""
    return add_months(start, month - 1)


def plan_month_end(start: dt.date, month: int) -> dt.date:
    """Return the last day of plan month `month` (1-based) of a plan starting on `start`."""
    return add_months(start, month) - dt.timedelta(days=1)


def round_half_up(value: Decimal | float, places: int = 0) -> Decimal:
    """Return `value` rounded half-up to `places` decimals (the programme's rounding)."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def money(value: Decimal | float | None) -> str:
    """Return NT$ thousands as an integer with thousands separators (1,234), or — when None."""
    if value is None:
        return DASH
    return f"{round_half_up(value):,}"


def number(value: Decimal | float | None, places: int | None = None) -> str:
    """Return `value` with thousands separators; `places` fixes the decimals, None keeps them."""
    if value is None:
        return DASH
    amount = Decimal(str(value))
    if places is None:
        amount = amount.normalize() if amount == amount.to_integral() else amount
        places = max(0, -amount.as_tuple().exponent)  # type: ignore[operator]
    return f"{round_half_up(amount, places):,.{places}f}"


def percent(value: Decimal | float | None, places: int = 1) -> str:
    """Return a percentage to `places` decimals without the % sign (12.5), or — when None."""
    if value is None:
        return DASH
    return f"{round_half_up(value, places):.{places}f}"


def ratio_percent(part: Decimal, whole: Decimal, places: int = 1) -> str:
    """Return part ÷ whole as a percentage string, or — when the whole is zero."""
    if not whole:
        return DASH
    return percent(Decimal(part) * 100 / Decimal(whole), places)


def join_list(items: object, sep: str = "、") -> str:
    """Return the items of an iterable joined with the Chinese enumeration comma."""
    return sep.join(str(item) for item in items)  # type: ignore[attr-defined]
