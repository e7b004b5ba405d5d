"""A placement's tasks go on when the file closes or changes hands."""

from __future__ import annotations

import pytest

from django.utils import timezone

from clients import services
from clients.models import OutflowReason
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import PLACEMENT_TASK_KINDS, Task
from ijmondwerkt.inbox.services import task_create
from tests.clients.factories import ClientFactory
from tests.conftest import make_staff
from trajectories import reminders


def _tasks(client, klantmanager: User, werkmakelaar: User) -> tuple[Task, Task]:
    own = task_create(
        assignee=klantmanager, kind="no_show", title="Bellen", client=client
    )
    follow_up = task_create(
        assignee=werkmakelaar,
        kind=reminders.KIND_FOLLOW_UP_DUE,
        title="Nazorg na 1 maand",
        client=client,
    )
    return own, follow_up


def test_the_inbox_knows_every_placement_kind_of_the_reminders() -> None:
    assert {
        reminders.KIND_ASSESSMENT_DUE,
        reminders.KIND_ASSESSMENT_OVERDUE,
        reminders.KIND_FOLLOW_UP_DUE,
        reminders.KIND_TRIAL_PLACEMENT_END,
        reminders.KIND_SECONDMENT_END,
    } == PLACEMENT_TASK_KINDS
    assert reminders.KIND_TRAJECTORY_PAST_PLANNED_END not in PLACEMENT_TASK_KINDS


@pytest.mark.django_db
def test_outflow_to_work_keeps_the_placement_follow_up_open(
    klantmanager_velsen: User, werkmakelaar: User
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    own, follow_up = _tasks(client, klantmanager_velsen, werkmakelaar)

    services.client_outflow(
        client=client,
        user=klantmanager_velsen,
        date=timezone.localdate(),
        reason=OutflowReason.objects.get(code="werk-loondienst"),
    )

    own.refresh_from_db()
    follow_up.refresh_from_db()
    assert own.is_done
    assert not follow_up.is_done


@pytest.mark.django_db
def test_reassigning_moves_the_klantmanagers_tasks_not_the_werkmakelaars(
    klantmanager_velsen: User, werkmakelaar: User, velsen: Municipality
) -> None:
    colleague = make_staff("collega_velsen", Role.KLANTMANAGER, [velsen])
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    own, follow_up = _tasks(client, klantmanager_velsen, werkmakelaar)

    services.clients_reassign(clients=[client], to=colleague, user=klantmanager_velsen)

    own.refresh_from_db()
    follow_up.refresh_from_db()
    assert own.assignee == colleague
    assert follow_up.assignee == werkmakelaar
