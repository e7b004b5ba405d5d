"""The working-day calendar of the municipal offices: weekends and public holidays."""

from __future__ import annotations

import calendar
import functools
from datetime import date, timedelta

from dateutil.easter import EASTER_WESTERN, easter


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar."""
    return easter(year, EASTER_WESTERN)


@functools.cache
def public_holidays(year: int) -> frozenset[date]:
    """The days municipal offices are closed (feestdagen in the gemeenten's CAO).

    Nieuwjaarsdag, tweede paasdag, Koningsdag (the 26th when the 27th is a
    Sunday), Bevrijdingsdag (every year for municipal staff), Hemelvaartsdag,
    tweede pinksterdag and both Christmas days. Goede Vrijdag is not one.
    """
    easter_day = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    return frozenset(
        {
            date(year, 1, 1),
            easter_day + timedelta(days=1),
            kings_day,
            date(year, 5, 5),
            easter_day + timedelta(days=39),
            easter_day + timedelta(days=50),
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(day: date, days: int) -> date:
    """``day`` plus ``days`` working days: Monday to Friday, public holidays skipped."""
    result = day
    while days > 0:
        result += timedelta(days=1)
        if is_working_day(result):
            days -= 1
    return result


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
