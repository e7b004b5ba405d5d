"""Due lists of the trajectories app, used by more than one caller: one definition each.

The klantmanager's werkvoorraad, the werkmakelaar's start page and the daily
reminders (``trajectories/reminders.py``) select through these functions, so
a reminder goes out for exactly the rows a list shows.

Each function takes ``today`` (the local calendar day: ``timezone.localdate()``)
and optionally the ``user`` whose scope it starts from (``for_user``, see
docs/scoping.md); without a user it covers every row, which only the daily
jobs do. Every row carries two annotations:

- ``due_on``: the date the list is about (next assessment, follow-up moment,
  end of the trial placement or secondment, planned end of the trajectory);
- ``responsible_id``: who acts on it, the person the reminder goes to (None
  when nobody is assigned). For assessments and trial placements that is the
  client's klantmanager; for a trajectory its own klantmanager
  (trajectbegeleider) when one is set, else the client's, as the trajectory's
  end asks its ladder measurement of. Follow-up moments and secondments are
  work with the employer: they go to the werkmakelaar who registered the
  placement, while that person is an active werkmakelaar serving the client's
  municipality (so can open the placement); otherwise to the client's
  klantmanager, who owns the file.

Selectors return data; logging a read of client data is the caller's job
(``ijmondwerkt.privacy.record_reads``), because only the caller knows why.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    When,
)
from django.db.models.functions import Coalesce

from clients.models import OPEN_STATUSES
from ijmondwerkt.accounts.models import User
from ijmondwerkt.accounts.roles import Role
from trajectories.models import (
    FollowUp,
    Placement,
    Trajectory,
    WageValueAssessment,
)

# How far ahead each list looks, in calendar days.
ASSESSMENT_NOTICE_DAYS = 30
TRIAL_NOTICE_DAYS = 7
SECONDMENT_NOTICE_DAYS = 30


def _scoped(model: Any, user: Any) -> Any:
    """Every row for the jobs; the user's scope, always first, for pages."""
    return model.objects.all() if user is None else model.objects.for_user(user)


def _running_on(today: date, prefix: str = "") -> Q:
    """The placement has started and has not ended before ``today``."""
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True})
        | Q(**{f"{prefix}end_date__gte": today})
    )


# --- who acts ------------------------------------------------------------------------


def _klantmanager(prefix: str = "") -> F:
    return F(f"{prefix}client__klantmanager_id")


def _werkmakelaar_or_klantmanager(prefix: str = "") -> Case:
    """The placement's werkmakelaar while they may see it, else the klantmanager.

    ``registered_by`` counts while that person is active, holds the
    werkmakelaar role and serves the client's (active) municipality: exactly
    who can open the placement the task links to.
    """
    registered_by = f"{prefix}registered_by_id"
    is_werkmakelaar = Exists(
        User.groups.through.objects.filter(
            user_id=OuterRef(registered_by), group__name=Role.WERKMAKELAAR.value
        )
    )
    serves_municipality = Exists(
        User.municipalities.through.objects.filter(
            user_id=OuterRef(registered_by),
            municipality_id=OuterRef(f"{prefix}client__municipality_id"),
            municipality__active=True,
        )
    )
    return Case(
        When(
            Q(**{f"{prefix}registered_by__is_active": True})
            & Q(is_werkmakelaar)
            & Q(serves_municipality),
            then=F(registered_by),
        ),
        default=_klantmanager(prefix),
    )


# --- wage-value assessments ----------------------------------------------------------


def current_assessments(today: date, user: Any = None) -> QuerySet[WageValueAssessment]:
    """Assessments that still need a successor: the latest one for each job.

    For a placement: the newest assessment of that placement, while it runs
    (on ``today``) with wage-cost subsidy: a reassessment keeps the subsidy
    going. Without
    a placement (a job description): the newest assessment of the client at
    all, while the file is open. "Newest" is the latest ``assessed_on``, then
    the latest registered.
    """
    newer = Q(assessed_on__gt=OuterRef("assessed_on")) | Q(
        assessed_on=OuterRef("assessed_on"), pk__gt=OuterRef("pk")
    )
    newer_for_placement = WageValueAssessment.objects.filter(
        newer, placement_id=OuterRef("placement_id")
    )
    newer_for_client = WageValueAssessment.objects.filter(
        newer, client_id=OuterRef("client_id")
    )
    with_placement = (
        Q(placement__isnull=False, placement__wage_cost_subsidy=True)
        & _running_on(today, "placement__")
        & ~Q(Exists(newer_for_placement))
    )
    without_placement = Q(
        placement__isnull=True, client__status__in=OPEN_STATUSES
    ) & ~Q(Exists(newer_for_client))
    return (
        _scoped(WageValueAssessment, user)
        .filter(with_placement | without_placement)
        .annotate(due_on=F("next_due_date"), responsible_id=_klantmanager())
    )


def assessments_due(today: date, user: Any = None) -> QuerySet[WageValueAssessment]:
    """The next assessment falls due from today up to 30 days ahead."""
    return (
        current_assessments(today, user)
        .filter(
            next_due_date__gte=today,
            next_due_date__lte=today + timedelta(days=ASSESSMENT_NOTICE_DAYS),
        )
        .order_by("next_due_date", "pk")
    )


def assessments_overdue(today: date, user: Any = None) -> QuerySet[WageValueAssessment]:
    """The next assessment was due before today and none was made since."""
    return (
        current_assessments(today, user)
        .filter(next_due_date__lt=today)
        .order_by("next_due_date", "pk")
    )


def assessments_due_or_overdue(
    today: date, user: Any = None
) -> QuerySet[WageValueAssessment]:
    """The werkvoorraad's list: overdue ones and those due within 30 days."""
    return (
        current_assessments(today, user)
        .filter(next_due_date__lte=today + timedelta(days=ASSESSMENT_NOTICE_DAYS))
        .order_by("next_due_date", "pk")
    )


# --- follow-up moments ---------------------------------------------------------------


def follow_ups_due(today: date, user: Any = None) -> QuerySet[FollowUp]:
    """Follow-up moments due on or before today, not yet held, of running placements."""
    return (
        _scoped(FollowUp, user)
        .filter(_running_on(today, "placement__"))
        .filter(held_on__isnull=True, due_date__lte=today)
        .annotate(
            due_on=F("due_date"),
            responsible_id=_werkmakelaar_or_klantmanager("placement__"),
        )
        .order_by("due_date", "pk")
    )


# --- placements ending ---------------------------------------------------------------


def trial_placements_ending(today: date, user: Any = None) -> QuerySet[Placement]:
    """Trial placements whose trial (or the placement) ends within 7 days."""
    return (
        _scoped(Placement, user)
        .filter(_running_on(today), kind__is_trial=True)
        .annotate(
            due_on=Coalesce("trial_end_date", "end_date"),
            responsible_id=_klantmanager(),
        )
        .filter(
            due_on__gte=today, due_on__lte=today + timedelta(days=TRIAL_NOTICE_DAYS)
        )
        .order_by("due_on", "pk")
    )


def secondments_ending(today: date, user: Any = None) -> QuerySet[Placement]:
    """Secondments (detacheringen) ending within 30 days."""
    return (
        _scoped(Placement, user)
        .filter(
            kind__is_secondment=True,
            start_date__lte=today,
            end_date__gte=today,
            end_date__lte=today + timedelta(days=SECONDMENT_NOTICE_DAYS),
        )
        .annotate(due_on=F("end_date"), responsible_id=_werkmakelaar_or_klantmanager())
        .order_by("end_date", "pk")
    )


# --- trajectories --------------------------------------------------------------------


def trajectories_past_planned_end(
    today: date, user: Any = None
) -> QuerySet[Trajectory]:
    """Trajectories whose planned end has passed without an end registered.

    For the trajectory's klantmanager (the client's when none is set), who
    registers the end.
    """
    return (
        _scoped(Trajectory, user)
        .filter(end_date__isnull=True, planned_end_date__lt=today)
        .annotate(
            due_on=F("planned_end_date"),
            responsible_id=Coalesce("klantmanager_id", _klantmanager()),
        )
        .order_by("planned_end_date", "pk")
    )
