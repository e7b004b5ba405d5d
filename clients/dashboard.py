"""Read side of the caseload dashboard: the selectors' counts plus the open tasks."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q

from clients.selectors import caseload_counts
from ijmondwerkt.inbox.models import Task


def caseload_summary(user: Any, today: date) -> dict[str, int]:
    """Counts for "Mijn werkvoorraad", each from the selector its list filters with."""
    tasks = (
        Task.objects.for_user(user)
        .open()
        .aggregate(
            tasks_open=Count("pk"),
            tasks_today=Count("pk", filter=Q(due_date__lte=today)),
        )
    )
    return {**caseload_counts(user, today), **tasks}
