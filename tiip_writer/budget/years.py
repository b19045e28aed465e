"""Plan years and how a line's money spreads over them.

Plan years are 12-month years counted from the start date (the last may be shorter). A line is
spread over the plan months it is active in, evenly per month, then summed per year:

1. a line with its own start_month–end_month (intangible assets, commissioned research): those;
2. a line naming a work item: that work item's months;
3. a personnel line: the person's effort, each work item's person-months spread evenly over
   that item's months (so a person on A1 in months 1–6 and B2 in months 10–18 is charged there);
4. otherwise (or when the months above fall outside the plan): evenly over the whole plan.

Months outside the plan period are ignored (execution.within-period reports them).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from tiip_writer.model.proposal import Person, WorkItem, add_months


def plan_years(start: dt.date, months: int) -> list[tuple[int, int, int, dt.date, dt.date]]:
    """Return (number, first month, last month, start date, end date) for each plan year."""
    years = []
    for number, first in enumerate(range(1, months + 1, 12), start=1):
        last = min(first + 11, months)
        begin = add_months(start, first - 1)
        end = add_months(start, last) - dt.timedelta(days=1)
        years.append((number, first, last, begin, end))
    return years


def year_weights(line: Any, person: Person | None, items: dict[str, WorkItem],
                 years: list[tuple[int, int]]) -> list[Fraction]:
    """Return the line's weight in each plan year (given as first and last month); never all zero.

    Each active span spreads its amount evenly over its months, so a year receives the amount
    times the months of the span it holds, over the span's length: a few exact products per
    line, whatever the length of the plan.
    """
    weights = [Fraction(0)] * len(years)
    start, end = getattr(line, "start_month", None), getattr(line, "end_month", None)
    item = items.get(getattr(line, "work_item", None) or "")
    if start is not None and end is not None:
        _spread(weights, years, Fraction(1), start, end)
    elif item is not None:
        _spread(weights, years, Fraction(1), item.start_month, item.end_month)
    elif person is not None:
        for code, effort in person.effort.items():
            if code in items:
                _spread(weights, years, Fraction(effort), items[code].start_month,
                        items[code].end_month)
    if not any(weights):
        weights = [Fraction(last - first + 1) for first, last in years]
    return weights


def _spread(weights: list[Fraction], years: list[tuple[int, int]], amount: Fraction,
            start: int, end: int) -> None:
    """Add `amount` spread evenly over months start..end, counting only months inside the plan."""
    if end < start:
        return
    length = end - start + 1
    for index, (first, last) in enumerate(years):
        held = min(end, last) - max(start, first) + 1
        if held > 0:
            weights[index] += amount * held / length
