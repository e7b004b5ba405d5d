"""The audit trail: one event per write, with actor, old and new values, that
set-based writes cannot bypass and deletes cannot take along."""

from __future__ import annotations

import importlib

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import ProtectedError

from clients.models import Client
from employers.models import Employer, MatchingWeight
from ijmondwerkt.audit import acting_as, current_actor, diff, record, snapshot
from ijmondwerkt.audit.models import AuditEvent
from tests.clients.factories import ClientFactory
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db


def of_model(model):
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(model)
    )


def test_record_names_the_actor_given(werkmakelaar) -> None:
    employer = EmployerFactory.create()
    event = record(
        employer, action="updated", summary="Werkgever gewijzigd", actor=werkmakelaar
    )
    event.refresh_from_db()
    assert event.user == werkmakelaar
    assert event.partner is None
    assert event.object_id == str(employer.pk)
    assert event.object_repr == employer.name
    assert event.client is None
    assert event.actor_name == werkmakelaar.audit_name


def test_record_falls_back_to_the_current_actor(werkmakelaar, manager) -> None:
    employer = EmployerFactory.create()
    assert current_actor() is None
    with acting_as(werkmakelaar):
        assert current_actor() == werkmakelaar
        with acting_as(manager):
            inner = record(employer, action="updated", summary="x")
        outer = record(employer, action="updated", summary="x")
    assert current_actor() is None
    assert inner.user == manager
    assert outer.user == werkmakelaar
    assert record(employer, action="updated", summary="x").user is None


def test_a_partner_is_recorded_with_its_technical_user(make_partner, velsen) -> None:
    partner, _credentials = make_partner(scopes=[], municipalities=[velsen])
    employer = EmployerFactory.create()
    event = record(employer, action="updated", summary="x", actor=partner)
    assert (event.partner, event.user) == (partner, partner.user)
    # The technical user as actor (how the API authenticates) names the partner too.
    with acting_as(lambda: partner.user):
        event = record(employer, action="updated", summary="x")
    assert (event.partner, event.user) == (partner, partner.user)
    assert event.actor_name == partner.name


def test_an_event_about_a_client_carries_the_client(velsen) -> None:
    client = ClientFactory.create(municipality=velsen)
    event = record(client, action="updated", summary="x")
    assert event.client == client
    assert list(AuditEvent.objects.filter(client=client)) == [event]


def test_diff_gives_display_values_of_changed_fields_only() -> None:
    employer = EmployerFactory.build(name="Oud", city="Velsen", is_preferred=False)
    before = snapshot(employer, ["name", "city", "is_preferred"])
    employer.name = "Nieuw"
    employer.is_preferred = True
    assert diff(before, employer) == {
        "name": ["Oud", "Nieuw"],
        "is_preferred": [False, True],
    }


def test_queryset_update_on_employers_records_each_row(werkmakelaar) -> None:
    first = EmployerFactory.create(city="Velsen")
    second = EmployerFactory.create(city="Beverwijk")
    EmployerFactory.create(city="Haarlem")
    with acting_as(werkmakelaar):
        count = Employer.objects.filter(city__in=["Velsen", "Beverwijk"]).update(
            city="IJmuiden"
        )
    assert count == 2
    events = {e.object_id: e for e in of_model(Employer)}
    assert set(events) == {str(first.pk), str(second.pk)}
    assert events[str(first.pk)].changes == {"city": ["Velsen", "IJmuiden"]}
    assert events[str(second.pk)].changes == {"city": ["Beverwijk", "IJmuiden"]}
    assert events[str(first.pk)].user == werkmakelaar
    assert events[str(first.pk)].action == "updated"


def test_queryset_update_on_clients_reaches_the_client_timeline(
    velsen, klantmanager_velsen, klantmanager_beverwijk
) -> None:
    client = ClientFactory.create(municipality=velsen, klantmanager=klantmanager_velsen)
    Client.objects.filter(pk=client.pk).audited(
        action="reassigned", summary="Klantmanager gewijzigd"
    ).update(klantmanager=klantmanager_beverwijk)
    event = AuditEvent.objects.get(client=client)
    assert event.action == "reassigned"
    assert event.summary == "Klantmanager gewijzigd"
    assert event.changes == {
        "klantmanager": [str(klantmanager_velsen), str(klantmanager_beverwijk)]
    }


def test_bulk_update_records_old_and_new_values() -> None:
    weight = MatchingWeight.objects.get(criterion="hours_fit")
    old = weight.points
    weight.points = old + 5
    MatchingWeight.objects.bulk_update([weight], ["points"])
    (event,) = AuditEvent.objects.for_object(weight)
    assert event.changes == {"points": [old, old + 5]}


def test_an_update_matching_nothing_records_nothing() -> None:
    assert Employer.objects.filter(city="nergens").update(city="x") == 0
    assert not of_model(Employer).exists()


def test_events_are_not_deleted_with_what_they_describe(velsen, werkmakelaar) -> None:
    client = ClientFactory.create(municipality=velsen)
    record(client, action="updated", summary="x", actor=werkmakelaar)
    with pytest.raises(ProtectedError):
        client.delete()
    with pytest.raises(ProtectedError):
        werkmakelaar.delete()
    assert AuditEvent.objects.filter(client=client).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_data_migration_copies_client_history(velsen, werkmakelaar) -> None:
    """Back to the schema that still had ClientChange, a row written there, the
    copy run (twice: it is idempotent), and forward again to today's schema."""
    client = ClientFactory.create(municipality=velsen)
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    before = [("clients", "0004_client_ladder_step")]
    executor.migrate(before)
    try:
        _write_and_copy_a_client_change(executor, before, client, werkmakelaar)
    finally:
        MigrationExecutor(connection).migrate(leaves)
    assert MigrationExecutor(connection).migration_plan(leaves) == []
    event = AuditEvent.objects.get(action="copied-test")
    assert AuditEvent.objects.filter(action="copied-test").count() == 1
    assert event.client == client
    assert event.user == werkmakelaar
    assert event.summary == "Gegevens gewijzigd"
    assert event.changes == {"phone": ["1", "2"]}
    assert event.object_id == str(client.pk)
    assert event.content_type.model == "client"
    assert event.object_repr == client.full_name


def _write_and_copy_a_client_change(executor, before, client, user) -> None:
    nodes = [*before, ("audit", "0002_copy_client_changes")]
    old_apps = executor.loader.project_state(nodes).apps
    ClientChange = old_apps.get_model("clients", "ClientChange")
    ClientChange.objects.create(
        client_id=client.pk,
        at="2025-03-04T10:00:00+00:00",
        user_id=user.pk,
        action="copied-test",
        summary="Gegevens gewijzigd",
        changes={"phone": ["1", "2"]},
    )
    migration = importlib.import_module(
        "ijmondwerkt.audit.migrations.0002_copy_client_changes"
    )
    migration.copy_client_changes(old_apps, None)
    migration.copy_client_changes(old_apps, None)  # idempotent
