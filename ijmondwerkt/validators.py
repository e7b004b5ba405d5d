"""Plausibility checks every app reuses: dates within a believable range.

A date of 0001-01-01 or 9999-12-31 is a typing error (or an attack on date
arithmetic), never a fact about a jobseeker or an employer. Model fields list
one of these as a validator, so forms (through model validation), services
(``full_clean``) and with them the API all refuse it with a Dutch message.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

BIRTH_EPOCH = date(1900, 1, 1)
REGISTRATION_EPOCH = date(1990, 1, 1)
YEARS_AHEAD = 5


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@deconstructible
class PlausibleDate:
    """``earliest`` <= the date <= today + ``years_ahead`` (0: not in the future)."""

    def __init__(
        self, earliest: date = REGISTRATION_EPOCH, years_ahead: int = YEARS_AHEAD
    ) -> None:
        self.earliest = earliest
        self.years_ahead = years_ahead

    def __call__(self, value: Any) -> None:
        if isinstance(value, datetime):
            value = (
                timezone.localtime(value).date()
                if timezone.is_aware(value)
                else value.date()
            )
        if not isinstance(value, date):
            return
        if value < self.earliest:
            raise ValidationError(
                _("Een datum vóór %(earliest)s is niet aannemelijk."),
                code="date_too_early",
                params={"earliest": f"{self.earliest:%d-%m-%Y}"},
            )
        if value > years_after(timezone.localdate(), self.years_ahead):
            if self.years_ahead == 0:
                raise ValidationError(
                    _("Deze datum ligt in de toekomst."), code="date_in_future"
                )
            raise ValidationError(
                _("Een datum meer dan %(years)s jaar vooruit is niet aannemelijk."),
                code="date_too_late",
                params={"years": self.years_ahead},
            )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, PlausibleDate)
            and self.earliest == other.earliest
            and self.years_ahead == other.years_ahead
        )

    def __hash__(self) -> int:
        return hash((self.earliest, self.years_ahead))


def plausible_date(
    *, earliest: date = REGISTRATION_EPOCH, years_ahead: int = YEARS_AHEAD
) -> PlausibleDate:
    """A date in the working life of the service: from 1990, at most 5 years ahead."""
    return PlausibleDate(earliest=earliest, years_ahead=years_ahead)


def birth_date() -> PlausibleDate:
    """Born on or after 1900-01-01 (the future is the model's own check)."""
    return PlausibleDate(earliest=BIRTH_EPOCH, years_ahead=0)


def past_date() -> PlausibleDate:
    """Something that happened: from 1990 up to today."""
    return PlausibleDate(earliest=REGISTRATION_EPOCH, years_ahead=0)


def date_guard() -> PlausibleDate:
    """For a form field without its model's range: from 1900 and far enough from
    9999-12-31 that no date arithmetic overflows; the model's exact range (and
    its own message) follows when the service validates."""
    return PlausibleDate(earliest=BIRTH_EPOCH, years_ahead=1000)
