"""Working days: weekends and the municipal public holidays do not count."""

from __future__ import annotations

from datetime import date

import pytest

from ijmondwerkt.workdays import add_working_days, easter_sunday, public_holidays


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_sunday(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_the_holidays_of_2026() -> None:
    assert sorted(public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 6),  # tweede paasdag
        date(2026, 4, 27),  # Koningsdag
        date(2026, 5, 5),  # Bevrijdingsdag
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # tweede pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday() -> None:
    assert date(2025, 4, 26) in public_holidays(2025)
    assert date(2025, 4, 27) not in public_holidays(2025)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 23), 2, date(2026, 11, 25)),  # Monday, plain week
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday → Monday
        (date(2026, 4, 3), 1, date(2026, 4, 7)),  # Goede Vrijdag → after Easter Monday
        (date(2026, 12, 24), 1, date(2026, 12, 28)),  # over Christmas
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # over New Year's Day and a weekend
        (date(2026, 5, 13), 2, date(2026, 5, 18)),  # Ascension Thursday skipped
    ],
)
def test_add_working_days(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected
