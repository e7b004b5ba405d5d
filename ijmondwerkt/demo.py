"""Shared helpers for the apps' demo data (``<app>/demo``).

The demo is generated relative to "today", so it looks like an ordinary working
day whenever it is loaded: dates fall on weekdays, past work has been done and
only a handful of recent things are waiting.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from django.utils import timezone

T = TypeVar("T")


def words(text: str) -> list[str]:
    """A list written as one string of space-separated words."""
    return text.split()


# Names shared by jobseekers and employers' contact persons.
FIRST_NAMES = words(
    "Anna Bram Daan Emma Fatima Gert Hanneke Ibrahim Jan Karin Lotte Mohamed Noor "
    "Olga Pieter Quinten Rachid Sanne Tom Umut Vera Wim Yara Zeynep Kees Marieke "
    "Sven Ayoub Linda Ricardo Joyce Dirk Esra Marco Naima Patrick Sophie Tim"
)
LAST_NAMES: tuple[tuple[str, str], ...] = tuple(
    (prefix.replace("_", " "), last.replace("_", " "))
    for prefix, last in (
        pair.split("/")
        for pair in words(
            "/Jansen de/Vries van_den/Berg /Bakker /Visser /Smit /Meijer de/Boer "
            "/Mulder de/Groot /Bos /Vos /Peters /Hendriks van/Dijk /Yilmaz "
            "/El_Amrani /Kaya /Kramer van_der/Meer /Koster /Prins van/Leeuwen "
            "/Dekker /Brouwer de/Wit /Dijkstra /Smits /Janssen /Schouten /Postma "
            "/Kuipers /Bouzid /Öztürk"
        )
    )
)


def full_name(first: str, prefix: str, last: str) -> str:
    return " ".join(part for part in (first, prefix, last) if part)


def weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    """One of ``options`` (value, weight), drawn by weight."""
    return rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]


def aware(day: date, hour: int, minute: int = 0) -> datetime:
    """That local day and hour as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def is_weekday(day: date) -> bool:
    return day.weekday() < 5


def weekday_on_or_before(day: date) -> date:
    """``day``, or the Friday before it when it falls in a weekend."""
    while not is_weekday(day):
        day -= timedelta(days=1)
    return day


def weekday_on_or_after(day: date) -> date:
    """``day``, or the Monday after it when it falls in a weekend."""
    while not is_weekday(day):
        day += timedelta(days=1)
    return day


def weekdays_back(today: date, count: int) -> date:
    """The weekday ``count`` weekdays before ``today`` (0: today or the last weekday)."""
    day = weekday_on_or_before(today)
    while count > 0:
        day = weekday_on_or_before(day - timedelta(days=1))
        count -= 1
    return day


def add_months(day: date, months: int) -> date:
    """Calendar months later (or earlier), the day clamped to the month's end."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def recent_days_ago(rng: random.Random, span: int, skew: float = 1.0) -> int:
    """A number of days in ``0..span-1``; ``skew`` above 1 favours recent days."""
    return min(span - 1, int(span * rng.random() ** skew))
