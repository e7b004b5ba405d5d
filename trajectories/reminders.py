"""Daily reminders of the trajectories app, computed set-based over all rows.

Every kind is one query over all rows (a selector of ``trajectories.selectors``,
the same one the pages list) plus one bulk insert into the inbox, so the job
costs the same number of queries for 10 or 100,000 placements. Each task has
a dedupe key ``<kind>:<row uuid>:<due date>``: running the job twice, or
daily, never puts the same reminder in an inbox twice; a changed date (a new
planned end, a later next assessment) is a new reminder.

Who gets it is the selector's ``responsible_id``: the client's klantmanager
for assessments and trial placements, the trajectory's klantmanager (else the
client's) for a trajectory past its planned end; the placement's
werkmakelaar for follow-up moments and secondments (the klantmanager when
that person can no longer see the placement). Rows with nobody responsible
are skipped, as the client reminders skip files without a klantmanager.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import CharField, Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from ijmondwerkt.inbox.models import Task
from ijmondwerkt.inbox.services import NewTask, tasks_create_bulk
from trajectories import selectors

KIND_ASSESSMENT_DUE = "assessment_due"
KIND_ASSESSMENT_OVERDUE = "assessment_overdue"
KIND_FOLLOW_UP_DUE = "placement_follow_up_due"
KIND_TRIAL_PLACEMENT_END = "trial_placement_end"
KIND_SECONDMENT_END = "secondment_end"
KIND_TRAJECTORY_PAST_PLANNED_END = "trajectory_past_planned_end"

TITLES = {
    KIND_ASSESSMENT_DUE: N_("Loonwaardebepaling uiterlijk %(date)s: %(name)s"),
    KIND_ASSESSMENT_OVERDUE: N_(
        "Loonwaardebepaling te laat (uiterlijk %(date)s): %(name)s"
    ),
    KIND_FOLLOW_UP_DUE: N_(
        "Nazorg na %(months)s maanden (gepland %(date)s): %(name)s bij %(employer)s"
    ),
    KIND_TRIAL_PLACEMENT_END: N_(
        "Proefplaatsing eindigt %(date)s: %(name)s bij %(employer)s"
    ),
    KIND_SECONDMENT_END: N_("Detachering eindigt %(date)s: %(name)s bij %(employer)s"),
    KIND_TRAJECTORY_PAST_PLANNED_END: N_(
        "Traject over de geplande einddatum (%(date)s), einde nog niet "
        "geregistreerd: %(name)s"
    ),
}

TITLE_LENGTH = Task._meta.get_field("title").max_length or 255

_CLIENT = ("id", "uuid", "first_name", "name_prefix", "last_name")


@dataclass(frozen=True)
class Source:
    """One kind of reminder: its selector, the path to the client, what it links to."""

    select: Callable[[date], QuerySet[Any]]
    client: str  # lookup from the row to its client, with trailing "__"
    placement: str | None = None  # lookup from the row to its placement, if any
    # The task links to the trajectory itself, or else to the placement when
    # there is one (a werkmakelaar cannot open the client file), else the file.
    link_to_trajectory: bool = False
    extra: tuple[str, ...] = ()


SOURCES: dict[str, Source] = {
    KIND_ASSESSMENT_DUE: Source(selectors.assessments_due, "client__", "placement__"),
    KIND_ASSESSMENT_OVERDUE: Source(
        selectors.assessments_overdue, "client__", "placement__"
    ),
    KIND_FOLLOW_UP_DUE: Source(
        selectors.follow_ups_due,
        "placement__client__",
        "placement__",
        extra=("months", "placement__employer__name"),
    ),
    KIND_TRIAL_PLACEMENT_END: Source(
        selectors.trial_placements_ending, "client__", "", extra=("employer__name",)
    ),
    KIND_SECONDMENT_END: Source(
        selectors.secondments_ending, "client__", "", extra=("employer__name",)
    ),
    KIND_TRAJECTORY_PAST_PLANNED_END: Source(
        selectors.trajectories_past_planned_end, "client__", link_to_trajectory=True
    ),
}


def _not_yet_notified(queryset: QuerySet[Any], kind: str) -> QuerySet[Any]:
    """Skip rows whose reminder exists, in SQL, so a repeat run reads almost nothing.

    The key is built the way ``_tasks`` builds it; where the database spells
    UUIDs differently (SQLite), nothing is skipped here and the inbox's own
    dedupe check still prevents doubles.
    """
    key = Concat(
        Value(f"{kind}:"),
        Cast(OuterRef("uuid"), CharField()),
        Value(":"),
        Cast(OuterRef("due_on"), CharField()),
        output_field=CharField(),
    )
    return queryset.filter(~Exists(Task.objects.filter(dedupe_key=key)))


def due(kind: str, today: date) -> list[dict[str, Any]]:
    """The rows of one kind still to remind of: one query."""
    source = SOURCES[kind]
    queryset = source.select(today).filter(responsible_id__isnull=False)
    columns = [
        "uuid",
        "due_on",
        "responsible_id",
        *(f"{source.client}{c}" for c in _CLIENT),
        *source.extra,
    ]
    if source.placement is not None:
        columns.append(f"{source.placement}uuid")
    rows = _not_yet_notified(queryset, kind).values(*columns)
    result = []
    for row in rows:
        item = {
            "uuid": row["uuid"],
            "due_on": row["due_on"],
            "responsible_id": row["responsible_id"],
            "client": {c: row[f"{source.client}{c}"] for c in _CLIENT},
            "placement_uuid": (
                row[f"{source.placement}uuid"] if source.placement is not None else None
            ),
        }
        item.update({name.rsplit("__", 1)[-1]: row[name] for name in source.extra})
        result.append(item)
    return result


def _link_template(name: str) -> str:
    # reverse() once, not per row: the job may cover many thousands of rows.
    marker = UUID(int=0)
    return reverse(name, args=[marker]).replace(str(marker), "{}")


def _tasks(kind: str, rows: list[dict[str, Any]]) -> list[NewTask]:
    if not rows:
        return []
    source = SOURCES[kind]
    links = {
        "placement": _link_template("placements:detail"),
        "trajectory": _link_template("trajectories:detail"),
        "client": _link_template("clients:detail"),
    }
    tasks = []
    for row in rows:
        c = row["client"]
        name = " ".join(
            p for p in (c["first_name"], c["name_prefix"], c["last_name"]) if p
        )
        if source.link_to_trajectory:
            link = links["trajectory"].format(row["uuid"])
        elif row["placement_uuid"] is not None:
            link = links["placement"].format(row["placement_uuid"])
        else:
            link = links["client"].format(c["uuid"])
        title = _(TITLES[kind]) % {
            "date": f"{row['due_on']:%d-%m-%Y}",
            "name": name,
            "employer": row.get("name", ""),
            "months": row.get("months", ""),
        }
        tasks.append(
            NewTask(
                assignee_id=row["responsible_id"],
                kind=kind,
                title=title[:TITLE_LENGTH],
                link=link,
                due_date=row["due_on"],
                dedupe_key=f"{kind}:{row['uuid']}:{row['due_on'].isoformat()}",
                client_id=c["id"],
            )
        )
    return tasks


def reminders_generate(*, today: date) -> dict[str, int]:
    """Create today's reminders in the inboxes; returns how many are new, per kind.

    ``today`` is the local calendar day (``timezone.localdate()``).
    """
    return {kind: tasks_create_bulk(_tasks(kind, due(kind, today))) for kind in SOURCES}
