"""Reads on client files used by more than one caller: one definition each.

The dashboard's counters, the client list's signal filters and the daily
reminders all select through these functions, so a counter's number is the
length of the list it links to, and a reminder goes out for exactly the files
the signal shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django.db.models import (
    DateField,
    DurationField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

from clients.models import (
    Client,
    ClientQuerySet,
    Contact,
    Goal,
    Intake,
    LadderMeasurement,
    MunicipalityPolicy,
    Status,
)
from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.workdays import add_months, add_working_days

# Files waiting for their intake: the only ones an intake signal applies to.
WAITING_FOR_INTAKE = (Status.REGISTERED, Status.INTAKE)

# How far ahead "binnenkort" looks, in working days.
SOON_WORKING_DAYS = 2


def soon(today: date) -> date:
    """The last day that counts as "binnenkort" (two working days ahead)."""
    return add_working_days(today, SOON_WORKING_DAYS)


# --- the municipality's policy -------------------------------------------------------


def policy_for(municipality: Municipality) -> MunicipalityPolicy:
    """The municipality's policy, or the defaults when none was configured."""
    policy = MunicipalityPolicy.objects.filter(municipality=municipality).first()
    return policy or MunicipalityPolicy(municipality=municipality)


def policies_all() -> dict[int, MunicipalityPolicy]:
    """One query: every municipality with its policy (defaults where none is set)."""
    result = {}
    for municipality in Municipality.objects.select_related("client_policy"):
        try:
            result[municipality.pk] = municipality.client_policy
        except MunicipalityPolicy.DoesNotExist:
            result[municipality.pk] = MunicipalityPolicy(municipality=municipality)
    return result


# --- whose files ----------------------------------------------------------------------


def caseload(user: Any) -> ClientQuerySet:
    """The klantmanager's werkvoorraad: open files of theirs, in their municipalities.

    The client list shows the same set for ``?klantmanager=<username>&status=lopend``.
    """
    scoped = cast(ClientQuerySet, Client.objects.for_user(user))
    return scoped.caseload(user)


# --- annotations ----------------------------------------------------------------------


def with_last_contact(clients: ClientQuerySet) -> ClientQuerySet:
    """``last_contact_at``: latest contact that took place (no-shows excluded)."""
    latest = Contact.objects.filter(client=OuterRef("pk"), no_show=False).order_by(
        "-occurred_at"
    )
    return clients.annotate(last_contact_at=Subquery(latest.values("occurred_at")[:1]))


def with_intake_deadline(clients: ClientQuerySet) -> ClientQuerySet:
    """``intake_deadline``: deadline of the intake not yet held, if any."""
    pending = Intake.objects.filter(
        client=OuterRef("pk"), held_date__isnull=True
    ).order_by("-deadline")
    return clients.annotate(intake_deadline=Subquery(pending.values("deadline")[:1]))


# --- signals: counters, list filters and reminders ------------------------------------


def _pending_intake(**deadline: Any) -> Any:
    return Intake.objects.filter(client=OuterRef("pk"), held_date__isnull=True).filter(
        **deadline
    )


def _intake_signal(clients: ClientQuerySet, **deadline: Any) -> ClientQuerySet:
    """Files waiting for an intake whose deadline matches; ``due_date`` is that deadline."""
    pending = _pending_intake(**deadline)
    first = pending.order_by().values("client").annotate(d=Min("deadline")).values("d")
    return (
        clients.filter(status__in=WAITING_FOR_INTAKE)
        .filter(Exists(pending))
        .annotate(due_date=Subquery(first[:1]))
    )


def intake_due(clients: ClientQuerySet, today: date) -> ClientQuerySet:
    """Intake deadline from today up to two working days ahead ("binnenkort")."""
    return _intake_signal(clients, deadline__gte=today, deadline__lte=soon(today))


def intake_overdue(clients: ClientQuerySet, today: date) -> ClientQuerySet:
    """Intake deadline passed without an intake held ("te laat")."""
    return _intake_signal(clients, deadline__lt=today)


def _goal_signal(clients: ClientQuerySet, **due: Any) -> ClientQuerySet:
    goals = Goal.objects.filter(
        plan__client=OuterRef("pk"), status=Goal.Status.OPEN, **due
    )
    first = goals.order_by().values("plan__client").annotate(d=Min("due_date"))
    return (
        clients.open()
        .filter(Exists(goals))
        .annotate(due_date=Subquery(first.values("d")[:1]))
    )


def goals_due(clients: ClientQuerySet, today: date) -> ClientQuerySet:
    """Open files with an open goal due from today up to two working days ahead."""
    return _goal_signal(clients, due_date__gte=today, due_date__lte=soon(today))


def goals_overdue(clients: ClientQuerySet, today: date) -> ClientQuerySet:
    """Open files with an open goal past its due date."""
    return _goal_signal(clients, due_date__lt=today)


def goals_due_or_overdue(clients: ClientQuerySet, today: date) -> ClientQuerySet:
    return _goal_signal(clients, due_date__lte=soon(today))


def no_contact_cutoffs(
    today: date, policies: dict[int, MunicipalityPolicy] | None = None
) -> dict[int, date]:
    """Per municipality: the day before which the last contact is too long ago."""
    policies = policies_all() if policies is None else policies
    return {pk: today - timedelta(days=p.no_contact_days) for pk, p in policies.items()}


def without_contact(
    clients: ClientQuerySet,
    today: date,
    policies: dict[int, MunicipalityPolicy] | None = None,
) -> ClientQuerySet:
    """Open files nobody spoke to within their municipality's period (default 90 days).

    A file registered after the cutoff is not yet a signal; a no-show is no contact.
    """
    condition = Q(pk__in=[])
    for municipality_id, cutoff in no_contact_cutoffs(today, policies).items():
        since = timezone.make_aware(datetime.combine(cutoff, time.min))
        condition |= Q(
            municipality_id=municipality_id, registration_date__lt=cutoff
        ) & ~Q(
            Exists(
                Contact.objects.filter(
                    client=OuterRef("pk"), no_show=False, occurred_at__gte=since
                )
            )
        )
    return clients.open().filter(condition)


# Measure at least every six months (domain guide §5).
LADDER_MEASUREMENT_MONTHS = 6


def ladder_measurement_due(clients: ClientQuerySet, by: date) -> ClientQuerySet:
    """Open files whose half-yearly ladder measurement falls due on or before ``by``.

    ``last_measured_on`` is the latest measurement; a file never measured has
    its first measurement at the intake, so it is no signal here.
    """
    measurements = LadderMeasurement.objects.filter(client=OuterRef("pk")).order_by()
    latest = measurements.values("client").annotate(d=Max("measured_on")).values("d")
    return (
        clients.open()
        .annotate(last_measured_on=Subquery(latest[:1]))
        .filter(last_measured_on__lte=add_months(by, -LADDER_MEASUREMENT_MONTHS))
    )


def ladder_due_date_sql() -> Cast:
    """The due date of ``ladder_measurement_due`` rows, as SQL (PostgreSQL intervals)."""
    return Cast(
        F("last_measured_on")
        + Cast(Value(f"{LADDER_MEASUREMENT_MONTHS} months"), DurationField()),
        DateField(),
    )


# The client list's "signaal" filter and the dashboard's counters: one table.
SIGNALS: dict[str, Callable[[ClientQuerySet, date], ClientQuerySet]] = {
    "intake-te-laat": intake_overdue,
    "intake-binnenkort": intake_due,
    "doelen-binnenkort": goals_due,
    "doelen-verlopen": goals_overdue,
    "doelen": goals_due_or_overdue,
    "geen-contact": without_contact,
}


def caseload_counts(user: Any, today: date) -> dict[str, int]:
    """The dashboard's counters: each one the length of the list it links to."""
    mine = caseload(user)
    policies = policies_all()
    return {
        "clients": mine.count(),
        "intake_overdue": intake_overdue(mine, today).count(),
        "intake_due": intake_due(mine, today).count(),
        "goals_due": goals_due(mine, today).count(),
        "goals_overdue": goals_overdue(mine, today).count(),
        "no_contact": without_contact(mine, today, policies).count(),
    }
