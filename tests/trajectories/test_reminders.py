"""Daily trajectory reminders: every kind, its edges, who gets it, idempotent, fixed queries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients.models import Client
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from tests.clients.factories import ClientFactory
from tests.conftest import make_staff
from tests.trajectories.factories import (
    PlacementFactory,
    TrajectoryFactory,
    WageValueAssessmentFactory,
    placement_end_reason,
    placement_kind,
    trajectory_end_reason,
)
from trajectories import reminders, selectors
from trajectories.models import FollowUp, Placement, Trajectory, WageValueAssessment
from trajectories.reminders import reminders_generate
from trajectories.tasks import generate_reminders

ALL_KINDS = list(reminders.SOURCES)


@pytest.fixture(autouse=True)
def _late_evening(request: pytest.FixtureRequest, time_machine: Any) -> None:
    """23:30 UTC on 28 February: already 1 March in Amsterdam, the job's "today".

    A worker test keeps the session's clock: its worker process runs apart.
    """
    if request.node.get_closest_marker("worker") is None:
        time_machine.move_to("2027-02-28T23:30:00Z", tick=True)
        assert timezone.localdate() == date(2027, 3, 1)


def _today() -> date:
    return timezone.localdate()


def _days(n: int) -> date:
    return _today() + timedelta(days=n)


# --- rows: each test states the dates that matter -------------------


def _client(km: User | None, **extra: Any) -> Client:
    return ClientFactory.create(klantmanager=km, **extra)


def _placement(
    client: Client,
    kind: str = "regulier",
    *,
    start: date | None = None,
    end: date | None = None,
    trial_end: date | None = None,
    subsidy: bool = False,
    registered_by: User | None = None,
) -> Placement:
    return PlacementFactory.create(
        client=client,
        employer__name="Tata Steel",
        kind=placement_kind(kind),
        start_date=start or _days(-60),
        end_date=end,
        end_reason=placement_end_reason() if end else None,
        trial_end_date=trial_end,
        wage_cost_subsidy=subsidy,
        registered_by=registered_by,
        follow_ups=False,
    )


def _follow_up(
    placement: Placement, due: date, months: int = 1, held: bool = False
) -> FollowUp:
    return FollowUp.objects.create(
        placement=placement,
        months=months,
        due_date=due,
        held_on=due if held else None,
        outcome=FollowUp.Outcome.STILL_WORKING if held else "",
    )


def _assessment(
    client: Client,
    placement: Placement | None,
    *,
    next_due: date,
    assessed_on: date | None = None,
) -> WageValueAssessment:
    return WageValueAssessmentFactory.create(
        client=client,
        placement=placement,
        job_description="" if placement else "Magazijnmedewerker",
        assessed_on=assessed_on or next_due - timedelta(days=365),
        next_due_date=next_due,
    )


def _trajectory(
    client: Client, *, planned_end: date | None, end: date | None = None
) -> Trajectory:
    return TrajectoryFactory.create(
        client=client,
        start_date=_days(-200),
        planned_end_date=planned_end,
        end_date=end,
        end_reason=trajectory_end_reason("overig") if end else None,
    )


def _due_cases(km: User, wm: User) -> dict[str, Any]:
    """One row per kind that is due, and next to each the ones that must not be."""
    client = _client(km)
    rows: dict[str, Any] = {}
    # Assessments: the latest for a running subsidy placement, due in 30 days;
    # an older one of the same placement is superseded.
    subsidised = _placement(client, subsidy=True, start=_days(-400))
    _assessment(client, subsidised, next_due=_days(-30), assessed_on=_days(-395))
    rows["assessment_due"] = _assessment(
        client, subsidised, next_due=_days(30), assessed_on=_days(-335)
    )
    _assessment(client, _placement(client, subsidy=True), next_due=_days(31))
    # Overdue: a job-description assessment of an open file, due yesterday.
    # (the client's newest assessment: older ones of placements do not count)
    rows["assessment_overdue"] = _assessment(
        client, None, next_due=_days(-1), assessed_on=_days(-300)
    )
    # Follow-up: due today, registered by the werkmakelaar; tomorrow's not yet.
    placement = _placement(client, registered_by=wm)
    rows["follow_up"] = _follow_up(placement, _today())
    _follow_up(placement, _days(1), months=3)
    # Trial placement ending in 7 days; one ending in 8 days not yet.
    rows["trial"] = _placement(
        client, "proefplaatsing", start=_days(-50), trial_end=_days(7)
    )
    _placement(client, "proefplaatsing", start=_days(-50), trial_end=_days(8))
    # Secondment ending in 30 days; one ending in 31 days not yet.
    rows["secondment"] = _placement(
        client, "detachering", end=_days(30), registered_by=wm
    )
    _placement(client, "detachering", end=_days(31), registered_by=wm)
    # Trajectory planned to end yesterday without an end; today's not yet.
    rows["trajectory"] = _trajectory(client, planned_end=_days(-1))
    _trajectory(client, planned_end=_today())
    return rows


@pytest.fixture
def km(klantmanager_velsen: User) -> User:
    return klantmanager_velsen


@pytest.fixture
def wm(werkmakelaar: User) -> User:
    return werkmakelaar


# --- each kind, once ----------------------------------------------------------------


@pytest.mark.django_db
def test_each_kind_is_reminded_once_and_a_second_run_adds_nothing(
    km: User, wm: User
) -> None:
    rows = _due_cases(km, wm)
    first = reminders_generate(today=_today())
    assert first == dict.fromkeys(ALL_KINDS, 1)
    second = reminders_generate(today=_today())
    assert second == dict.fromkeys(ALL_KINDS, 0)
    assert Task.objects.count() == len(ALL_KINDS)

    tasks = {t.kind: t for t in Task.objects.all()}
    assert {k: t.assignee for k, t in tasks.items()} == {
        reminders.KIND_ASSESSMENT_DUE: km,
        reminders.KIND_ASSESSMENT_OVERDUE: km,
        reminders.KIND_FOLLOW_UP_DUE: wm,
        reminders.KIND_TRIAL_PLACEMENT_END: km,
        reminders.KIND_SECONDMENT_END: wm,
        reminders.KIND_TRAJECTORY_PAST_PLANNED_END: km,
    }
    client = rows["trial"].client
    assert {t.client for t in tasks.values()} == {client}
    assert {k: t.due_date for k, t in tasks.items()} == {
        reminders.KIND_ASSESSMENT_DUE: _days(30),
        reminders.KIND_ASSESSMENT_OVERDUE: _days(-1),
        reminders.KIND_FOLLOW_UP_DUE: _today(),
        reminders.KIND_TRIAL_PLACEMENT_END: _days(7),
        reminders.KIND_SECONDMENT_END: _days(30),
        reminders.KIND_TRAJECTORY_PAST_PLANNED_END: _days(-1),
    }
    follow_up = tasks[reminders.KIND_FOLLOW_UP_DUE]
    assert follow_up.title == (
        f"Nazorg na 1 maanden (gepland 01-03-2027): {client.first_name} "
        f"{client.last_name} bij Tata Steel"
    )
    assert follow_up.link == rows["follow_up"].placement.get_absolute_url()
    assert follow_up.dedupe_key == (
        f"{reminders.KIND_FOLLOW_UP_DUE}:{rows['follow_up'].uuid}:2027-03-01"
    )
    assert tasks[reminders.KIND_TRAJECTORY_PAST_PLANNED_END].link == (
        rows["trajectory"].get_absolute_url()
    )
    # An assessment links to its placement; one without a placement to the file.
    assert tasks[reminders.KIND_ASSESSMENT_DUE].link == (
        rows["assessment_due"].placement.get_absolute_url()
    )
    assert tasks[reminders.KIND_ASSESSMENT_OVERDUE].link == client.get_absolute_url()
    assert "Proefplaatsing eindigt 08-03-2027" in (
        tasks[reminders.KIND_TRIAL_PLACEMENT_END].title
    )
    assert (
        "Detachering eindigt 31-03-2027" in tasks[reminders.KIND_SECONDMENT_END].title
    )


@pytest.mark.django_db
def test_today_is_the_amsterdam_day_not_the_utc_day(km: User, wm: User) -> None:
    """At 23:30 UTC on 28 February the moment due on 1 March is due already."""
    client = _client(km)
    _follow_up(_placement(client, registered_by=wm), date(2027, 3, 1))
    created = generate_reminders.apply().get()
    assert created[reminders.KIND_FOLLOW_UP_DUE] == 1
    assert selectors.follow_ups_due(date(2027, 2, 28)).count() == 0


@pytest.mark.django_db
def test_the_task_logs_what_it_created(km: User, caplog: Any) -> None:
    _trajectory(_client(km), planned_end=_days(-3))
    with caplog.at_level("INFO", logger="trajectories.tasks"):
        generate_reminders.apply().get()
    assert "Trajectory reminders created" in caplog.text
    assert "'trajectory_past_planned_end': 1" in caplog.text


def test_the_job_is_scheduled_every_morning() -> None:
    from celery.schedules import crontab

    from django.conf import settings

    from ijmondwerkt.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["trajectories-daily-reminders"]
    assert entry["task"] == generate_reminders.name
    assert generate_reminders.name in app.tasks
    # Amsterdam time, before the inbox's daily digest at 07:00 includes it.
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
    assert entry["schedule"] == crontab(hour=6, minute=35)


# --- edges per kind -----------------------------------------------------------------


@pytest.mark.django_db
def test_assessment_edges(km: User) -> None:
    client = _client(km)
    today = _today()
    due_today = _assessment(client, _placement(client, subsidy=True), next_due=today)
    in_30 = _assessment(client, _placement(client, subsidy=True), next_due=_days(30))
    _assessment(client, _placement(client, subsidy=True), next_due=_days(31))
    overdue = _assessment(client, _placement(client, subsidy=True), next_due=_days(-1))
    # Not for a placement without subsidy, nor one that ended, nor one not started.
    _assessment(client, _placement(client), next_due=_days(-1))
    _assessment(
        client,
        _placement(client, subsidy=True, start=_days(-300), end=_days(-1)),
        next_due=_days(5),
    )
    _assessment(
        client,
        _placement(client, subsidy=True, start=_days(3)),
        next_due=_days(5),
        assessed_on=_days(-10),
    )
    # Superseded: a newer assessment of the same placement is not yet due.
    renewed = _placement(client, subsidy=True, start=_days(-500))
    _assessment(client, renewed, next_due=_days(-10), assessed_on=_days(-375))
    _assessment(client, renewed, next_due=_days(355), assessed_on=_days(-10))
    # Two made on the same day: the later registered one counts.
    twice = _placement(client, subsidy=True)
    _assessment(client, twice, next_due=_days(-2), assessed_on=_days(-20))
    later = _assessment(client, twice, next_due=_days(100), assessed_on=_days(-20))
    # A job description: only while the file is open, and only the client's latest.
    closed = _client(km, outflowed=True)
    _assessment(closed, None, next_due=_days(-3))
    other = _client(km)
    _assessment(other, None, next_due=_days(-3), assessed_on=_days(-40))
    _assessment(other, None, next_due=_days(200), assessed_on=_days(-30))
    # A newer assessment at the client's workplace replaces a job description's.
    placed = _client(km)
    _assessment(placed, None, next_due=_days(-3), assessed_on=_days(-400))
    _assessment(
        placed,
        _placement(placed, subsidy=True),
        next_due=_days(300),
        assessed_on=_days(-20),
    )

    assert list(selectors.assessments_due(today)) == [due_today, in_30]
    assert list(selectors.assessments_overdue(today)) == [overdue]
    assert list(selectors.assessments_due_or_overdue(today)) == [
        overdue,
        due_today,
        in_30,
    ]
    # The newest of the two counts: due 100 days ahead, listed from day 70.
    assert selectors.assessments_due_or_overdue(_days(70)).filter(pk=later.pk).exists()
    assert not selectors.assessments_due_or_overdue(_days(69)).filter(pk=later.pk)


@pytest.mark.django_db
def test_follow_up_edges(km: User) -> None:
    client = _client(km)
    today = _today()
    running = _placement(client)
    due = _follow_up(running, today, months=1)
    late = _follow_up(running, _days(-40), months=3)
    _follow_up(running, _days(1), months=6)
    _follow_up(running, _days(-5), months=12, held=True)
    # A placement that ended yesterday needs no follow-up any more; one that
    # ends next week still does.
    ended = _placement(client, start=_days(-100), end=_days(-1))
    _follow_up(ended, _days(-10))
    ending = _placement(client, start=_days(-100), end=_days(7))
    still = _follow_up(ending, _days(-10))

    assert list(selectors.follow_ups_due(today)) == [late, still, due]


@pytest.mark.django_db
def test_trial_placement_edges(km: User) -> None:
    client = _client(km)
    today = _today()
    ends_today = _placement(client, "proefplaatsing", trial_end=today)
    in_7 = _placement(client, "proefplaatsing", trial_end=_days(7))
    _placement(client, "proefplaatsing", trial_end=_days(8))
    _placement(client, "proefplaatsing", trial_end=_days(-1))
    # Without a trial end date the placement's end counts.
    by_end = _placement(client, "proefplaatsing", end=_days(3))
    # Only trial placements, whatever the date says.
    _placement(client, "regulier", trial_end=_days(3))
    _placement(client, "detachering", end=_days(3))
    # A trial without any end date has nothing to remind of.
    _placement(client, "proefplaatsing")

    assert list(selectors.trial_placements_ending(today)) == [
        ends_today,
        by_end,
        in_7,
    ]


@pytest.mark.django_db
def test_secondment_edges(km: User) -> None:
    client = _client(km)
    today = _today()
    ends_today = _placement(client, "detachering", end=today)
    in_30 = _placement(client, "detachering", end=_days(30))
    _placement(client, "detachering", end=_days(31))
    _placement(client, "detachering", start=_days(-90), end=_days(-1))
    _placement(client, "detachering")
    _placement(client, "regulier", end=_days(10))

    assert list(selectors.secondments_ending(today)) == [ends_today, in_30]


@pytest.mark.django_db
def test_trajectory_edges(km: User) -> None:
    client = _client(km)
    today = _today()
    passed = _trajectory(client, planned_end=_days(-1))
    long_ago = _trajectory(client, planned_end=_days(-150))
    _trajectory(client, planned_end=today)
    _trajectory(client, planned_end=None)
    _trajectory(client, planned_end=_days(-10), end=_days(-2))

    assert list(selectors.trajectories_past_planned_end(today)) == [long_ago, passed]


@pytest.mark.django_db
def test_a_changed_date_is_a_new_reminder(km: User) -> None:
    trajectory = _trajectory(_client(km), planned_end=_days(-1))
    assert (
        reminders_generate(today=_today())[reminders.KIND_TRAJECTORY_PAST_PLANNED_END]
        == 1
    )
    trajectory.planned_end_date = _days(-2)
    trajectory.save()
    assert (
        reminders_generate(today=_today())[reminders.KIND_TRAJECTORY_PAST_PLANNED_END]
        == 1
    )
    assert Task.objects.count() == 2


# --- who gets it --------------------------------------------------------------------


@pytest.mark.django_db
def test_follow_ups_go_to_the_werkmakelaar_who_can_still_see_the_placement(
    km: User, wm: User, beverwijk: Municipality, velsen: Municipality
) -> None:
    client = _client(km)
    elsewhere = make_staff("werkmakelaar_beverwijk", Role.WERKMAKELAAR, [beverwijk])
    gone = make_staff("werkmakelaar_weg", Role.WERKMAKELAAR, [velsen])
    gone.is_active = False
    gone.save()
    by = {
        "wm": _follow_up(_placement(client, registered_by=wm), _today()),
        "km": _follow_up(_placement(client, registered_by=km), _today()),
        "elsewhere": _follow_up(_placement(client, registered_by=elsewhere), _today()),
        "gone": _follow_up(_placement(client, registered_by=gone), _today()),
        "nobody": _follow_up(_placement(client), _today()),
    }
    due: Any = selectors.follow_ups_due(_today())  # annotated with responsible_id
    responsible = dict(due.values_list("pk", "responsible_id"))
    assert {k: responsible[f.pk] for k, f in by.items()} == {
        "wm": wm.pk,
        "km": km.pk,
        "elsewhere": km.pk,
        "gone": km.pk,
        "nobody": km.pk,
    }


@pytest.mark.django_db
def test_a_trajectory_goes_to_its_own_klantmanager_else_the_clients(
    km: User, velsen: Municipality
) -> None:
    colleague = make_staff("trajectbegeleider", Role.KLANTMANAGER, [velsen])
    own = _trajectory(_client(km), planned_end=_days(-1))
    own.klantmanager = colleague
    own.save()
    unassigned = _trajectory(_client(km), planned_end=_days(-2))
    unassigned.klantmanager = None
    unassigned.save()
    reminders_generate(today=_today())
    assert dict(
        Task.objects.filter(
            kind=reminders.KIND_TRAJECTORY_PAST_PLANNED_END
        ).values_list("client_id", "assignee__username")
    ) == {
        own.client_id: "trajectbegeleider",
        unassigned.client_id: km.username,
    }


@pytest.mark.django_db
def test_rows_with_nobody_responsible_are_skipped(wm: User) -> None:
    client = _client(None)
    _follow_up(_placement(client, registered_by=wm), _today())
    _follow_up(_placement(client), _today())
    _trajectory(client, planned_end=_days(-1))
    _placement(client, "proefplaatsing", trial_end=_days(2))
    created = reminders_generate(today=_today())
    assert created[reminders.KIND_FOLLOW_UP_DUE] == 1
    assert sum(created.values()) == 1
    assert Task.objects.get().assignee == wm


# --- scoped variants for pages ------------------------------------------------------


@pytest.mark.django_db
def test_scoped_variants_start_from_the_users_scope(
    km: User, wm: User, klantmanager_beverwijk: User
) -> None:
    _due_cases(km, wm)
    today = _today()
    for select in (
        selectors.assessments_due_or_overdue,
        selectors.follow_ups_due,
        selectors.trial_placements_ending,
        selectors.secondments_ending,
        selectors.trajectories_past_planned_end,
    ):
        assert select(today, km).count() >= 1
        assert select(today, klantmanager_beverwijk).count() == 0
    # The werkmakelaar sees the placements' work, not the client's casework.
    assert selectors.follow_ups_due(today, wm).count() == 1
    assert selectors.secondments_ending(today, wm).count() == 1
    assert selectors.assessments_due_or_overdue(today, wm).count() == 0
    assert selectors.trajectories_past_planned_end(today, wm).count() == 0


# --- cost ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_query_per_kind_whatever_the_number_of_rows(km: User, wm: User) -> None:
    _due_cases(km, wm)
    with CaptureQueriesContext(connection) as one:
        assert reminders_generate(today=_today()) == dict.fromkeys(ALL_KINDS, 1)
    for _ in range(50):
        _due_cases(km, wm)
    with CaptureQueriesContext(connection) as fifty:
        assert reminders_generate(today=_today()) == dict.fromkeys(ALL_KINDS, 50)
    assert len(fifty) == len(one)
    # Per kind: the one query that finds the rows, then the inbox's dedupe
    # check and its single insert.
    selects = [q for q in one if 'FROM "trajectories_' in q["sql"]]
    assert len(selects) == len(ALL_KINDS)
    assert len(one) == 3 * len(ALL_KINDS)
    # A repeat run reads no row already reminded of: one query per kind.
    with CaptureQueriesContext(connection) as repeat:
        assert reminders_generate(today=_today()) == dict.fromkeys(ALL_KINDS, 0)
    assert len(repeat) == len(ALL_KINDS)


# --- through the real worker --------------------------------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reminders_through_a_real_worker_are_idempotent(
    celery_worker_process: str, km: User, wm: User
) -> None:
    _due_cases(km, wm)
    first = generate_reminders.apply_async(queue=celery_worker_process).get(timeout=30)
    second = generate_reminders.apply_async(queue=celery_worker_process).get(timeout=30)
    assert first == dict.fromkeys(ALL_KINDS, 1)
    assert second == dict.fromkeys(ALL_KINDS, 0)
    assert Task.objects.count() == len(ALL_KINDS)
    assert Task.objects.filter(assignee=wm).count() == 2
