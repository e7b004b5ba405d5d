"""Ladder movement in the month and the year to date: up, down, same. One query.

Per client measured in the period: the step of the client's last measurement
in the period against the step of the last measurement before the period.
A client measured for the first time in the period is counted as ``first``.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q

from clients.models import Client, LadderMeasurement
from reports.figures.caseload import step_on
from reports.figures.common import TOTAL, Period, columns
from reports.figures.types import Ladder, LadderMovement

DIRECTIONS = ("up", "down", "same", "first")


def _measured(start: date, end: date) -> Exists:
    return Exists(
        LadderMeasurement.objects.filter(
            client_id=OuterRef("pk"), measured_on__range=(start, end)
        )
    )


def _movement(prefix: str) -> dict[str, Count]:
    measured, before = Q(**{f"{prefix}_measured": True}), f"{prefix}_before"
    return {
        f"{prefix}_up": Count("pk", filter=measured & Q(step_end__gt=F(before))),
        f"{prefix}_down": Count("pk", filter=measured & Q(step_end__lt=F(before))),
        f"{prefix}_same": Count("pk", filter=measured & Q(step_end=F(before))),
        f"{prefix}_first": Count(
            "pk", filter=measured & Q(**{f"{before}__isnull": True})
        ),
    }


def ladder(ids: list[int], period: Period) -> dict[int, Ladder]:
    day = period.as_of
    rows = (
        Client.objects.filter(municipality_id__in=ids)
        .annotate(
            month_measured=_measured(period.start, day),
            year_measured=_measured(period.year_start, day),
        )
        .filter(year_measured=True)
        .annotate(
            step_end=step_on(day),
            month_before=step_on(period.start, before=True),
            year_before=step_on(period.year_start, before=True),
        )
        .order_by()
        .values("municipality_id")
        .annotate(**_movement("month"), **_movement("year"))
    )
    result = columns(ids, Ladder)
    for row in rows:
        for pk in (row["municipality_id"], TOTAL):
            for prefix, movement in (
                ("month", result[pk].month),
                ("year", result[pk].year_to_date),
            ):
                _add(movement, row, prefix)
    return result


def _add(movement: LadderMovement, row: dict[str, int], prefix: str) -> None:
    for direction in DIRECTIONS:
        name = f"{prefix}_{direction}"
        setattr(movement, direction, getattr(movement, direction) + row[name])
