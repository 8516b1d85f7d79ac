"""Date arithmetic that stays inside the calendar, from 0001-01-01 to 9999-12-31.

Python raises OverflowError for a step past either end, and a card dated
9999-12-31 or a run `--as-of 0001-01-01` is data like any other: it must
build or be a located problem, never a traceback. Every step from a day
in this package goes through here, and stops at the calendar's edge.
"""

from __future__ import annotations

import datetime as dt

FIRST = dt.date.min
LAST = dt.date.max


def shift(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, stopping at the first or the last day of the calendar."""
    if days >= 0:
        return day + dt.timedelta(days=min(days, (LAST - day).days))
    return day - dt.timedelta(days=min(-days, (day - FIRST).days))


def days_after(day: dt.date, wanted: int) -> int:
    """How many of the `wanted` days after `day` exist (fewer near the end of the calendar)."""
    return max(0, min(wanted, (LAST - day).days))


def month_after(first: dt.date) -> dt.date | None:
    """The first day of the month after `first`'s; None after December 9999."""
    if first.month < 12:
        return first.replace(month=first.month + 1, day=1)
    return dt.date(first.year + 1, 1, 1) if first.year < LAST.year else None


def month_before(first: dt.date) -> dt.date | None:
    """The first day of the month before `first`'s; None before January 0001."""
    if first.month > 1:
        return first.replace(month=first.month - 1, day=1)
    return dt.date(first.year - 1, 12, 1) if first.year > FIRST.year else None


def has_year(year: int) -> bool:
    return FIRST.year <= year <= LAST.year
