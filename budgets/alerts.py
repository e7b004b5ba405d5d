"""Exhaustion alerts: warnings at 90 % and alarms at 100 % in the managers' inbox.

Daily and idempotent: one notice per municipality, stream, year and threshold
for each manager of that municipality (the dedupe key holds all five), so a
second run, or the next day's, adds nothing. Only the highest threshold reached
is sent: a stream that jumps past 100 % gets the alarm, not also a warning.
The job acts for the system over all municipalities; the notice goes only to
managers serving the municipality. A fixed number of queries whatever the data.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.selectors import StreamFigures, figures
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.services import NewTask, tasks_create_bulk

KIND_WARNING = "budget_warning"
KIND_ALARM = "budget_alarm"
THRESHOLD_PCT = {KIND_WARNING: 90, KIND_ALARM: 100}


def dedupe_key(kind: str, row: StreamFigures, manager_id: int) -> str:
    return (
        f"{kind}:{row.cbs_code}:{row.funding_stream}:{row.year}:"
        f"{THRESHOLD_PCT[kind]}:{manager_id}"
    )


def title(kind: str, row: StreamFigures) -> str:
    values = {
        "stream": row.stream_label,
        "municipality": row.municipality_name,
        "year": row.year,
        "pct": row.exhaustion_pct,
    }
    if kind == KIND_ALARM:
        return (
            _(
                "Alarm: budget %(stream)s %(year)s van %(municipality)s is uitgeput "
                "(prognose %(pct)s%%)"
            )
            % values
        )
    return (
        _(
            "Waarschuwing: budget %(stream)s %(year)s van %(municipality)s is voor "
            "%(pct)s%% benut (prognose)"
        )
        % values
    )


def link(row: StreamFigures) -> str:
    """The stream's page (drill-down) of that municipality and year."""
    return reverse("budgets:stream", args=[row.cbs_code, row.year, row.funding_stream])


def managers_by_municipality(municipality_ids: list[int]) -> dict[int, list[int]]:
    """Active managers per municipality they serve: one query."""
    through = User.municipalities.through
    result: dict[int, list[int]] = {pk: [] for pk in municipality_ids}
    for municipality_id, user_id in (
        through.objects.filter(
            municipality_id__in=municipality_ids,
            municipality__active=True,
            user__is_active=True,
            user__groups__name=Role.MANAGER.value,
        )
        .order_by("municipality_id", "user_id")
        .values_list("municipality_id", "user_id")
        .distinct()
    ):
        result[municipality_id].append(user_id)
    return result


def exhaustion_alerts_due(today: date) -> list[NewTask]:
    """The notices for this year's streams over 90 % (six queries)."""
    ids = list(Municipality.objects.active().values_list("pk", flat=True))
    rows = [r for r in figures(ids, year=today.year, today=today) if r.level]
    managers = managers_by_municipality(sorted({r.municipality_id for r in rows}))
    tasks = []
    for row in rows:
        kind = KIND_ALARM if row.level == "alarm" else KIND_WARNING
        for manager_id in managers.get(row.municipality_id, []):
            tasks.append(
                NewTask(
                    assignee_id=manager_id,
                    kind=kind,
                    title=title(kind, row)[:255],
                    due_date=today,
                    link=link(row),
                    dedupe_key=dedupe_key(kind, row, manager_id),
                )
            )
    return tasks


def exhaustion_alerts_send(today: date | None = None) -> int:
    """Put the due notices in the managers' inboxes; returns how many were new."""
    return tasks_create_bulk(exhaustion_alerts_due(today or timezone.localdate()))
