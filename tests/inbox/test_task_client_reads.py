"""The inbox logs the client of every task it shows, whatever page the task links to."""

from __future__ import annotations

from datetime import timedelta

import pytest

from django.utils import timezone

from clients.models import ClientAccess
from ijmondwerkt.accounts.models import User
from tests.clients.factories import ClientFactory
from tests.conftest import logged_in
from tests.trajectories.factories import TrajectoryFactory
from trajectories.reminders import reminders_generate


@pytest.mark.django_db
def test_a_task_linking_to_a_trajectory_logs_its_client(
    klantmanager_velsen: User,
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    TrajectoryFactory.create(
        client=client,
        start_date=timezone.localdate() - timedelta(days=100),
        planned_end_date=timezone.localdate() - timedelta(days=1),
    )
    reminders_generate(today=timezone.localdate())

    response = logged_in(klantmanager_velsen).get("/taken/")

    assert client.last_name in response.content.decode()
    assert (
        ClientAccess.objects.filter(client=client, user=klantmanager_velsen).count()
        == 1
    )
