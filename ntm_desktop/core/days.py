"""Why a date written in the asked form (2025-02-29, 31/02/2025) names no day of the calendar, said so that
the officer sees what to change: the month that does not exist, or how many days the month has."""

from __future__ import annotations

import calendar

from ntm_desktop.core.i18n import tr


def why_no_day(text: str, year: int, month: int, day: int) -> str:
    """The reason ``text`` (``year``-``month``-``day`` as written) is no day; "" when it is one."""
    if year < 1:
        return tr("{text} is no real day: there is no year 0", text=text)
    if not 1 <= month <= 12:
        return tr("{text} is no real day: a year has months 1 to 12", text=text)
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return ""
    return tr(
        "{text} is no real day: month {month}/{year} has {days} days",
        text=text,
        month=month,
        year=year,
        days=days,
    )
