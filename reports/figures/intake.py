"""Intake timeliness: intakes held in the month, within the deadline, overdue. One query.

``registrations`` is the month's inflow (set by ``reports.figures.month``).
"""

from __future__ import annotations

from django.db.models import Count, F, Q

from clients.models import Intake
from reports.figures.common import (
    TOTAL,
    Period,
    add_counts,
    columns,
    episode_end,
    in_caseload,
    pct,
)
from reports.figures.types import IntakeTimeliness


def intake(ids: list[int], period: Period) -> dict[int, IntakeTimeliness]:
    day = period.as_of
    held = Q(held_date__range=(period.start, day))
    # Open at the month's end: not held by then, deadline passed, and the intake
    # of the client's current registration while the client is in the caseload.
    overdue = (
        Q(deadline__lt=day, deadline__gte=F("client__registration_date"))
        & (Q(held_date__isnull=True) | Q(held_date__gt=day))
        & in_caseload(day, prefix="client__")
    )
    rows = (
        Intake.objects.filter(client__municipality_id__in=ids)
        .annotate(episode_end=episode_end("client_id", status_path="client__status"))
        .order_by()
        .values("client__municipality_id")
        .annotate(
            intakes_held=Count("pk", filter=held),
            held_within_deadline=Count(
                "pk", filter=held & Q(held_date__lte=F("deadline"))
            ),
            open_overdue=Count("pk", filter=overdue),
        )
    )
    result = columns(ids, IntakeTimeliness)
    names = ("intakes_held", "held_within_deadline", "open_overdue")
    for row in rows:
        add_counts(result[row["client__municipality_id"]], row, *names)
        add_counts(result[TOTAL], row, *names)
    for figures in result.values():
        figures.within_deadline_pct = pct(
            figures.held_within_deadline, figures.intakes_held
        )
    return result
