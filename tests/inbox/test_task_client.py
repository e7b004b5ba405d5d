"""Inbox tasks refer to their client's file by key, not by the link's text."""

from __future__ import annotations

import importlib

import pytest

from django.apps import apps
from django.urls import reverse

from clients import services
from ijmondwerkt.accounts.models import User
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.inbox.services import task_create
from tests.clients.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_the_migration_fills_the_client_from_the_link(
    klantmanager_velsen: User,
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    other = ClientFactory.create(klantmanager=klantmanager_velsen)
    link = reverse("clients:detail", args=[client.uuid])
    linked = task_create(assignee=klantmanager_velsen, kind="x", title="a", link=link)
    elsewhere = task_create(
        assignee=klantmanager_velsen, kind="x", title="b", link="/werkgevers/1"
    )
    kept = task_create(
        assignee=klantmanager_velsen,
        kind="x",
        title="c",
        link=reverse("clients:detail", args=[other.uuid]),
        client=other,
    )
    migration = importlib.import_module("ijmondwerkt.inbox.migrations.0002_task_client")
    migration.backfill(apps, None)
    migration.backfill(apps, None)  # a second run changes nothing
    linked.refresh_from_db()
    elsewhere.refresh_from_db()
    kept.refresh_from_db()
    assert (linked.client, elsewhere.client, kept.client) == (client, None, other)


def test_outflow_and_reassignment_find_tasks_by_their_client(
    klantmanager_velsen: User,
) -> None:
    from django.utils import timezone

    from clients.models import OutflowReason
    from ijmondwerkt.accounts.roles import Role
    from tests.conftest import make_staff

    colleague = make_staff(
        "collega_velsen",
        Role.KLANTMANAGER,
        list(klantmanager_velsen.municipalities.all()),
    )
    leaving, staying = (
        ClientFactory.create(klantmanager=klantmanager_velsen) for _ in range(2)
    )
    # A task whose link text is not the file's address still belongs to it.
    for client in (leaving, staying):
        task_create(
            assignee=klantmanager_velsen,
            kind="x",
            title="bellen",
            link=f"{reverse('clients:detail', args=[client.uuid])}?tab=contact",
            client=client,
        )
    services.clients_reassign(clients=[staying], to=colleague, user=klantmanager_velsen)
    assert Task.objects.get(client=staying).assignee == colleague
    services.client_outflow(
        client=leaving,
        user=klantmanager_velsen,
        date=timezone.localdate(),
        reason=OutflowReason.objects.get(code="werk-loondienst"),
    )
    assert Task.objects.get(client=leaving).done_at is not None
    assert Task.objects.get(client=staying).done_at is None
