"""Read side of the caseload dashboard: a fixed number of aggregate queries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from django.db.models import Count, Exists, OuterRef, Q

from clients.models import (
    Client,
    ClientQuerySet,
    Goal,
    Intake,
    Status,
    add_working_days,
)
from clients.reminders import policies_all
from ijmondwerkt.inbox.models import Task


def caseload_summary(user: Any, today: date) -> dict[str, int]:
    """Counts for "Mijn werkvoorraad": five queries whatever the caseload size."""
    horizon = add_working_days(today, 2)
    mine = cast(ClientQuerySet, Client.objects.for_user(user)).caseload(user)
    cutoffs = {
        pk: today - timedelta(days=p.no_contact_days)
        for pk, p in policies_all().items()
    }
    pending = Intake.objects.filter(client=OuterRef("pk"), held_date__isnull=True)
    waiting = Q(status__in=(Status.REGISTERED, Status.INTAKE))
    counts = mine.aggregate(
        clients=Count("pk"),
        intake_due=Count(
            "pk",
            filter=waiting
            & Q(Exists(pending.filter(deadline__gte=today, deadline__lte=horizon))),
        ),
        intake_overdue=Count(
            "pk", filter=waiting & Q(Exists(pending.filter(deadline__lt=today)))
        ),
    )
    counts["no_contact"] = mine.without_contact_since(cutoffs).count()
    goals = Goal.objects.filter(
        plan__client__in=mine.values("pk"), status=Goal.Status.OPEN
    ).aggregate(
        goals_due=Count("pk", filter=Q(due_date__gte=today, due_date__lte=horizon)),
        goals_overdue=Count("pk", filter=Q(due_date__lt=today)),
    )
    tasks = (
        Task.objects.for_user(user)
        .open()
        .aggregate(
            tasks_open=Count("pk"),
            tasks_today=Count("pk", filter=Q(due_date__lte=today)),
        )
    )
    return {**counts, **goals, **tasks}
