"""Daily reminder job: every kind, idempotent, fixed number of queries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients import reminders
from clients.models import MunicipalityPolicy
from clients.reminders import add_months, reminders_generate
from clients.tasks import generate_reminders
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.inbox.models import Task
from tests.clients.factories import (
    ClientFactory,
    ContactFactory,
    GoalFactory,
    IntakeFactory,
    LadderMeasurementFactory,
)


@pytest.fixture(autouse=True)
def _late_evening(request: pytest.FixtureRequest, time_machine: Any) -> None:
    """23:30 UTC on 28 February: already 1 March in Amsterdam, the job's "today".

    A worker test keeps the session's clock: its worker process runs apart.
    """
    if request.node.get_closest_marker("worker") is None:
        time_machine.move_to("2027-02-28T23:30:00Z", tick=True)
        assert timezone.localdate().isoformat() == "2027-03-01"


def _due_cases(km: User) -> None:
    """One client per reminder kind, plus some that must not be reminded."""
    IntakeFactory.create(
        client__klantmanager=km, deadline=timezone.localdate()
    )  # intake_due
    IntakeFactory.create(
        client__klantmanager=km, deadline=timezone.localdate() - timedelta(days=1)
    )  # overdue
    IntakeFactory.create(
        client__klantmanager=km, deadline=timezone.localdate() + timedelta(days=30)
    )  # not yet
    IntakeFactory.create(
        client__klantmanager=None, deadline=timezone.localdate()
    )  # nobody to tell
    ClientFactory.create(
        klantmanager=km,
        registered=True,
        registration_date=timezone.localdate() - timedelta(days=26),
        search_period_end=timezone.localdate() + timedelta(days=1),
    )
    recent = ClientFactory.create(klantmanager=km)
    ContactFactory.create(client=recent)
    GoalFactory.create(plan__client=recent, due_date=timezone.localdate())  # goal_due
    GoalFactory.create(
        plan__client=recent, due_date=timezone.localdate() - timedelta(days=3)
    )  # overdue
    GoalFactory.create(
        plan__client=recent,
        due_date=timezone.localdate() - timedelta(days=3),
        status="behaald",
    )
    silent = ClientFactory.create(
        klantmanager=km, registration_date=timezone.localdate() - timedelta(days=200)
    )
    ContactFactory.create(
        client=silent, occurred_at=timezone.now() - timedelta(days=120)
    )
    ContactFactory.create(
        client=silent, occurred_at=timezone.now() - timedelta(days=10), no_show=True
    )
    review = ClientFactory.create(klantmanager=km, group_3=True)
    ContactFactory.create(client=review)
    # The half-yearly ladder measurement: due in a week for one file, not yet
    # for another (measured last month), never for a closed file.
    today = timezone.localdate()
    LadderMeasurementFactory.create(
        client=recent, measured_on=add_months(today, -6) + timedelta(days=7), step=2
    )
    LadderMeasurementFactory.create(
        client=review, measured_on=add_months(today, -7), step=2
    )
    LadderMeasurementFactory.create(
        client=review, measured_on=today - timedelta(days=30), step=3
    )
    LadderMeasurementFactory.create(
        client=ClientFactory.create(klantmanager=km, outflowed=True),
        measured_on=add_months(today, -8),
    )
    ContactFactory.create(
        client=IntakeFactory.create(
            client__klantmanager=km, deadline=timezone.localdate() + timedelta(days=30)
        ).client
    )


@pytest.mark.django_db
def test_each_kind_is_reminded_once_and_a_second_run_adds_nothing(
    klantmanager_velsen: User,
) -> None:
    _due_cases(klantmanager_velsen)
    first = reminders_generate(today=timezone.localdate())
    assert first == {
        reminders.KIND_INTAKE_DUE: 1,
        reminders.KIND_INTAKE_OVERDUE: 1,
        reminders.KIND_SEARCH_PERIOD_END: 1,
        reminders.KIND_GOAL_DUE: 1,
        reminders.KIND_GOAL_OVERDUE: 1,
        # the intake-overdue client, registered 60 days ago, has had no contact
        # either, but only after 90 days is that a signal: just "silent" here
        reminders.KIND_NO_CONTACT: 1,
        reminders.KIND_TARGET_GROUP_3_REVIEW: 1,
        reminders.KIND_LADDER_MEASUREMENT: 1,
    }
    assert Task.objects.filter(assignee=klantmanager_velsen).count() == 8
    second = reminders_generate(today=timezone.localdate())
    assert set(second.values()) == {0}
    assert Task.objects.count() == 8
    ladder = Task.objects.get(kind=reminders.KIND_LADDER_MEASUREMENT)
    assert ladder.due_date == add_months(
        add_months(timezone.localdate(), -6) + timedelta(days=7), 6
    )
    assert "Meting participatieladder" in ladder.title
    task = Task.objects.get(kind=reminders.KIND_NO_CONTACT)
    last_contact_day = timezone.localdate(timezone.now() - timedelta(days=120))
    assert task.due_date == last_contact_day + timedelta(days=90)
    assert task.link.startswith("/werkzoekenden/")


@pytest.mark.django_db
def test_no_contact_period_is_configurable_per_municipality(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    client = ClientFactory.create(
        klantmanager=klantmanager_velsen,
        registration_date=timezone.localdate() - timedelta(days=100),
    )
    ContactFactory.create(
        client=client, occurred_at=timezone.now() - timedelta(days=40)
    )
    assert (
        reminders_generate(today=timezone.localdate())[reminders.KIND_NO_CONTACT] == 0
    )
    MunicipalityPolicy.objects.create(municipality=velsen, no_contact_days=30)
    assert (
        reminders_generate(today=timezone.localdate())[reminders.KIND_NO_CONTACT] == 1
    )


@pytest.mark.django_db
def test_outflowed_clients_get_no_reminders(klantmanager_velsen: User) -> None:
    IntakeFactory.create(
        client__klantmanager=klantmanager_velsen,
        client__outflowed=True,
        deadline=timezone.localdate(),
    )
    GoalFactory.create(
        plan__client__klantmanager=klantmanager_velsen,
        plan__client__outflowed=True,
        due_date=timezone.localdate(),
    )
    ClientFactory.create(
        klantmanager=klantmanager_velsen,
        outflowed=True,
        registration_date=timezone.localdate() - timedelta(days=300),
    )
    assert sum(reminders_generate(today=timezone.localdate()).values()) == 0


@pytest.mark.django_db
def test_the_job_uses_the_same_number_of_queries_for_more_clients(
    klantmanager_velsen: User,
) -> None:
    _due_cases(klantmanager_velsen)
    with CaptureQueriesContext(connection) as small:
        reminders_generate(today=timezone.localdate())
    for _ in range(5):
        _due_cases(klantmanager_velsen)
    with CaptureQueriesContext(connection) as large:
        created = reminders_generate(today=timezone.localdate())
    assert sum(created.values()) == 40
    assert len(large) == len(small)


def test_add_months_clamps_to_month_end() -> None:
    from datetime import date

    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 15), 14) == date(2026, 1, 15)
    assert add_months(date(2025, 3, 1), -12) == date(2024, 3, 1)


@pytest.mark.django_db
def test_task_runs_the_service(klantmanager_velsen: User) -> None:
    IntakeFactory.create(
        client__klantmanager=klantmanager_velsen, deadline=timezone.localdate()
    )
    assert generate_reminders.apply().get()[reminders.KIND_INTAKE_DUE] == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reminders_through_a_real_worker_are_idempotent(
    celery_worker_process: str, klantmanager_velsen: User
) -> None:
    IntakeFactory.create(
        client__klantmanager=klantmanager_velsen,
        deadline=timezone.localdate() - timedelta(days=2),
    )
    first = generate_reminders.apply_async(queue=celery_worker_process).get(timeout=30)
    second = generate_reminders.apply_async(queue=celery_worker_process).get(timeout=30)
    assert first[reminders.KIND_INTAKE_OVERDUE] == 1
    assert second[reminders.KIND_INTAKE_OVERDUE] == 0
    assert Task.objects.filter(kind=reminders.KIND_INTAKE_OVERDUE).count() == 1


@pytest.mark.django_db
def test_a_repeat_run_reads_no_already_notified_file(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    from datetime import date, datetime, time

    from tests.conftest import require

    require(connection.vendor == "postgresql", "needs DATABASE_URL for PostgreSQL")
    today = timezone.localdate()
    _due_cases(klantmanager_velsen)
    # A contact just after local midnight: its UTC date is the day before.
    late = ClientFactory.create(
        klantmanager=klantmanager_velsen,
        registration_date=today - timedelta(days=300),
    )
    ContactFactory.create(
        client=late,
        occurred_at=timezone.make_aware(
            datetime.combine(today - timedelta(days=120), time(0, 30))
        ),
    )
    # Reviewed on 29 February: a year later the review falls on 28 February.
    ClientFactory.create(
        klantmanager=klantmanager_velsen,
        target_group=3,
        target_group_date=date(2024, 2, 29),
    )
    policies = reminders.policies_all()
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    first = reminders_generate(today=today)
    assert first[reminders.KIND_NO_CONTACT] >= 2
    assert first[reminders.KIND_TARGET_GROUP_3_REVIEW] >= 2
    # Every key SQL computes equals the one Python wrote: nothing is read again.
    assert reminders.no_contact(today, policies) == []
    assert reminders.target_group_3_review(today, policies) == []
    assert reminders.ladder_measurement(today) == []
    assert set(reminders_generate(today=today).values()) == {0}
