"""Ladder movement in the month and the year to date: up, down, same. One query.

Per client measured in the period: the step of the client's last measurement
in the period against the step of the last measurement before the period.
A client measured for the first time in the period is counted as ``first``.
"""

from __future__ import annotations

from django.db.models import Count, F, Q

from clients.models import Client
from reports.figures.caseload import step_on
from reports.figures.common import TOTAL, Period, columns
from reports.figures.types import Ladder, LadderMovement

DIRECTIONS = ("up", "down", "same", "first")


def _movement(prefix: str, m: int) -> dict[str, Count]:
    measured = Q(municipality_id=m)
    if prefix == "month":
        measured &= Q(month_measured__gt=0)
    before = f"{prefix}_before"
    return {
        f"m{m}_{prefix}_up": Count("pk", filter=measured & Q(step_end__gt=F(before))),
        f"m{m}_{prefix}_down": Count("pk", filter=measured & Q(step_end__lt=F(before))),
        f"m{m}_{prefix}_same": Count("pk", filter=measured & Q(step_end=F(before))),
        f"m{m}_{prefix}_first": Count(
            "pk", filter=measured & Q(**{f"{before}__isnull": True})
        ),
    }


def ladder(ids: list[int], period: Period) -> dict[int, Ladder]:
    """Every client measured this year: one row per client, then the counts.

    The inner query joins the client's measurements of the year to date and
    groups per client, so the three latest steps (``step_on``) are computed
    once per client; ``aggregate()`` counts over it as a derived table.
    Counting on the client queryset itself would repeat the ``step_on``
    subqueries in every ``Count(filter=...)``, and the database runs every copy.
    """
    day = period.as_of
    clients = (
        Client.objects.filter(
            municipality_id__in=ids,
            ladder_measurements__measured_on__range=(period.year_start, day),
        )
        .annotate(
            month_measured=Count(
                "ladder_measurements",
                filter=Q(ladder_measurements__measured_on__gte=period.start),
            ),
            step_end=step_on(day),
            month_before=step_on(period.start, before=True),
            year_before=step_on(period.year_start, before=True),
        )
        .order_by()
    )
    counts = clients.aggregate(
        **{
            k: v
            for m in ids
            for p in ("month", "year")
            for k, v in _movement(p, m).items()
        }
    )
    result = columns(ids, Ladder)
    for m in ids:
        for pk in (m, TOTAL):
            for prefix, movement in (
                ("month", result[pk].month),
                ("year", result[pk].year_to_date),
            ):
                _add(movement, counts, f"m{m}_{prefix}")
    return result


def _add(movement: LadderMovement, row: dict[str, int], prefix: str) -> None:
    for direction in DIRECTIONS:
        name = f"{prefix}_{direction}"
        setattr(movement, direction, getattr(movement, direction) + row[name])
