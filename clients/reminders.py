"""Daily reminders for klantmanagers, computed set-based over all files.

Every kind is one query over all clients plus one bulk insert into the inbox,
so the job costs the same number of queries for 100 or 100,000 clients. Each
notification has a dedupe key ``<kind>:<client uuid>:<due date>``: running the
job twice, or daily, never notifies twice for the same client, kind and date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    DateField,
    DurationField,
    Exists,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from clients import selectors
from clients.models import (
    OPEN_STATUSES,
    Client,
    Goal,
    MunicipalityPolicy,
    Status,
)
from clients.models.policy import DEFAULT_TARGET_GROUP_3_REVIEW_MONTHS
from clients.selectors import policies_all
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.inbox.services import NewTask, tasks_create_bulk
from ijmondwerkt.workdays import add_months, add_working_days

__all__ = ["add_months", "policies_all", "reminders_generate"]

KIND_INTAKE_DUE = "intake_due"
KIND_INTAKE_OVERDUE = "intake_overdue"
KIND_SEARCH_PERIOD_END = "search_period_end"
KIND_GOAL_DUE = "goal_due"
KIND_GOAL_OVERDUE = "goal_overdue"
KIND_NO_CONTACT = "no_contact"
KIND_TARGET_GROUP_3_REVIEW = "target_group_3_review"
KIND_LADDER_MEASUREMENT = "ladder_measurement"

TITLES = {
    KIND_INTAKE_DUE: N_("Intake uiterlijk %(date)s: %(name)s"),
    KIND_INTAKE_OVERDUE: N_("Intake te laat (termijn %(date)s): %(name)s"),
    KIND_SEARCH_PERIOD_END: N_("Zoektermijn eindigt %(date)s: %(name)s"),
    KIND_GOAL_DUE: N_("Doel met streefdatum %(date)s: %(name)s"),
    KIND_GOAL_OVERDUE: N_("Doel over de streefdatum (%(date)s): %(name)s"),
    KIND_NO_CONTACT: N_("Geen contact sinds lange tijd (signaal %(date)s): %(name)s"),
    KIND_TARGET_GROUP_3_REVIEW: N_(
        "Jaarlijkse herbeoordeling doelgroep 3 (%(date)s): %(name)s"
    ),
    KIND_LADDER_MEASUREMENT: N_(
        "Meting participatieladder uiterlijk %(date)s (elk half jaar): %(name)s"
    ),
}
REVIEW_NOTICE = timedelta(days=14)

_CLIENT_COLUMNS = (
    "id",
    "uuid",
    "klantmanager_id",
    "first_name",
    "name_prefix",
    "last_name",
)


@dataclass(frozen=True)
class Due:
    client: dict[str, Any]
    due_date: date


def _not_yet_notified(queryset: Any, kind: str, prefix: str, date_field: str) -> Any:
    """Skip rows whose reminder exists, in SQL, so a repeat run reads almost nothing.

    The key is built the way ``_tasks`` builds it; where the database spells
    UUIDs differently (SQLite), nothing is skipped here and the inbox's own
    dedupe check still prevents doubles.
    """
    key = Concat(
        Value(f"{kind}:"),
        Cast(OuterRef(f"{prefix}uuid"), CharField()),
        Value(":"),
        Cast(OuterRef(date_field), CharField()),
        output_field=CharField(),
    )
    return queryset.exclude(Exists(Task.objects.filter(dedupe_key=key)))


def _rows(queryset: Any, prefix: str, date_field: str, kind: str = "") -> list[Due]:
    if kind:
        queryset = _not_yet_notified(queryset, kind, prefix, date_field)
    columns = [f"{prefix}{c}" for c in _CLIENT_COLUMNS]
    result = []
    for row in queryset.values(*columns, date_field):
        client = {c: row[f"{prefix}{c}"] for c in _CLIENT_COLUMNS}
        result.append(Due(client, row[date_field]))
    return result


def _assigned(prefix: str) -> Q:
    return Q(**{f"{prefix}klantmanager__isnull": False})


def _assigned_clients() -> Any:
    return Client.objects.filter(_assigned(""))


def intake_due(today: date) -> list[Due]:
    qs = selectors.intake_due(_assigned_clients(), today)
    return _rows(qs, "", "due_date", KIND_INTAKE_DUE)


def intake_overdue(today: date) -> list[Due]:
    qs = selectors.intake_overdue(_assigned_clients(), today)
    return _rows(qs, "", "due_date", KIND_INTAKE_OVERDUE)


def search_period_end(today: date) -> list[Due]:
    qs = Client.objects.filter(
        _assigned(""),
        status__in=(Status.REGISTERED, Status.INTAKE),
        search_period_end__gte=today,
        search_period_end__lte=add_working_days(today, 2),
    )
    return _rows(qs, "", "search_period_end", KIND_SEARCH_PERIOD_END)


def goal_due(today: date) -> list[Due]:
    qs = Goal.objects.filter(
        _assigned("plan__client__"),
        status=Goal.Status.OPEN,
        due_date__gte=today,
        due_date__lte=add_working_days(today, 2),
        plan__client__status__in=OPEN_STATUSES,
    )
    return _rows(qs, "plan__client__", "due_date", KIND_GOAL_DUE)


def goal_overdue(today: date) -> list[Due]:
    qs = Goal.objects.filter(
        _assigned("plan__client__"),
        status=Goal.Status.OPEN,
        due_date__lt=today,
        plan__client__status__in=OPEN_STATUSES,
    )
    return _rows(qs, "plan__client__", "due_date", KIND_GOAL_OVERDUE)


def _per_municipality(
    policies: dict[int, MunicipalityPolicy], due: Callable[[MunicipalityPolicy], Any]
) -> Case:
    """A due date whose rule depends on the file's municipality, as SQL."""
    return Case(
        *[When(municipality_id=pk, then=due(p)) for pk, p in policies.items()],
        output_field=DateField(),
    )


def _skip_notified_in_sql(queryset: Any, kind: str, due: Callable[[], Any]) -> Any:
    """On PostgreSQL, also skip already-notified files in the query itself.

    The due date is computed once more in SQL (PostgreSQL's interval
    arithmetic clamps month ends as ``add_months`` does); rows it skips are
    exactly those whose task key exists. Elsewhere the inbox's dedupe check
    alone prevents doubles.
    """
    if connection.vendor != "postgresql":
        return queryset
    return _not_yet_notified(queryset.annotate(sql_due=due()), kind, "", "sql_due")


def no_contact(today: date, policies: dict[int, MunicipalityPolicy]) -> list[Due]:
    qs = selectors.with_last_contact(
        selectors.without_contact(_assigned_clients(), today, policies)
    )
    since = Coalesce(TruncDate("last_contact_at"), F("registration_date"))
    qs = _skip_notified_in_sql(
        qs,
        KIND_NO_CONTACT,
        lambda: _per_municipality(
            policies,
            lambda p: Cast(since + timedelta(days=p.no_contact_days), DateField()),
        ),
    )
    result = []
    for row in qs.values(
        *_CLIENT_COLUMNS, "municipality_id", "registration_date", "last_contact_at"
    ):
        last = row["last_contact_at"]
        # The local calendar day, as TruncDate gives it in SQL.
        since_day = timezone.localdate(last) if last else row["registration_date"]
        days = policies[row["municipality_id"]].no_contact_days
        result.append(
            Due({c: row[c] for c in _CLIENT_COLUMNS}, since_day + timedelta(days=days))
        )
    return result


def target_group_3_review(
    today: date, policies: dict[int, MunicipalityPolicy]
) -> list[Due]:
    condition = Q(pk__in=[])
    for pk, policy in policies.items():
        months = (
            policy.target_group_3_review_months or DEFAULT_TARGET_GROUP_3_REVIEW_MONTHS
        )
        condition |= Q(
            municipality_id=pk,
            target_group_date__lte=add_months(today + REVIEW_NOTICE, -months),
        )
    qs = Client.objects.open().filter(_assigned(""), condition, target_group=3)
    qs = _skip_notified_in_sql(
        qs,
        KIND_TARGET_GROUP_3_REVIEW,
        lambda: _per_municipality(
            policies,
            lambda p: Cast(
                F("target_group_date")
                + Cast(
                    Value(f"{p.target_group_3_review_months} months"), DurationField()
                ),
                DateField(),
            ),
        ),
    )
    result = []
    for row in qs.values(*_CLIENT_COLUMNS, "municipality_id", "target_group_date"):
        months = policies[row["municipality_id"]].target_group_3_review_months
        due = add_months(row["target_group_date"], months)
        result.append(Due({c: row[c] for c in _CLIENT_COLUMNS}, due))
    return result


def ladder_measurement(today: date) -> list[Due]:
    """The half-yearly ladder measurement (domain guide §5), two weeks ahead."""
    qs = selectors.ladder_measurement_due(_assigned_clients(), today + REVIEW_NOTICE)
    qs = _skip_notified_in_sql(
        qs, KIND_LADDER_MEASUREMENT, lambda: selectors.ladder_due_date_sql()
    )
    return [
        Due(
            {c: row[c] for c in _CLIENT_COLUMNS},
            add_months(row["last_measured_on"], selectors.LADDER_MEASUREMENT_MONTHS),
        )
        for row in qs.values(*_CLIENT_COLUMNS, "last_measured_on")
    ]


def _tasks(kind: str, due: Iterable[Due]) -> list[NewTask]:
    # reverse() once, not per row: the job may cover many thousands of files.
    marker = UUID(int=0)
    link = reverse("clients:detail", args=[marker]).replace(str(marker), "{}")
    tasks = []
    for item in due:
        c = item.client
        name = " ".join(
            p for p in (c["first_name"], c["name_prefix"], c["last_name"]) if p
        )
        tasks.append(
            NewTask(
                assignee_id=c["klantmanager_id"],
                kind=kind,
                title=_(TITLES[kind])
                % {"date": f"{item.due_date:%d-%m-%Y}", "name": name},
                link=link.format(c["uuid"]),
                due_date=item.due_date,
                dedupe_key=f"{kind}:{c['uuid']}:{item.due_date.isoformat()}",
                client_id=c["id"],
            )
        )
    return tasks


def reminders_generate(*, today: date) -> dict[str, int]:
    """Create today's reminders in the klantmanagers' inboxes; returns new ones per kind."""
    policies = policies_all()
    found = {
        KIND_INTAKE_DUE: intake_due(today),
        KIND_INTAKE_OVERDUE: intake_overdue(today),
        KIND_SEARCH_PERIOD_END: search_period_end(today),
        KIND_GOAL_DUE: goal_due(today),
        KIND_GOAL_OVERDUE: goal_overdue(today),
        KIND_NO_CONTACT: no_contact(today, policies),
        KIND_TARGET_GROUP_3_REVIEW: target_group_3_review(today, policies),
        KIND_LADDER_MEASUREMENT: ladder_measurement(today),
    }
    return {kind: tasks_create_bulk(_tasks(kind, due)) for kind, due in found.items()}
