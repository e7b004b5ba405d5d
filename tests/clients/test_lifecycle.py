"""The file's course: a move within the region, and what a closed file refuses."""

from __future__ import annotations

from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clients import services
from clients.models import Client, ContactChannel, Status
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from tests.clients.conftest import register
from tests.clients.factories import ClientFactory
from tests.clients.timeline import timeline
from tests.conftest import logged_in, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def regional_klantmanager(velsen: Municipality, beverwijk: Municipality) -> User:
    return make_staff("regio_klantmanager", Role.KLANTMANAGER, [velsen, beverwijk])


def _message(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(exc.value.message_dict[field])


# --- moving within the region ----------------------------------------------------


def test_a_move_takes_the_file_its_history_and_tasks_to_the_new_municipality(
    klantmanager_velsen: User,
    klantmanager_beverwijk: User,
    beheerder: User,
    velsen: Municipality,
    beverwijk: Municipality,
) -> None:
    client = register(klantmanager_velsen, velsen)
    services.contact_record(
        client=client,
        user=klantmanager_velsen,
        occurred_at=timezone.now() - timedelta(hours=1),
        channel=ContactChannel.objects.get(code="gesprek"),
        subject="Niet verschenen op gesprek",
        no_show=True,
    )
    before = timeline(client)

    moved = services.client_move(
        client=client,
        to_municipality=beverwijk,
        klantmanager=klantmanager_beverwijk,
        user=beheerder,
        expected_version=client.version,
    )

    moved.refresh_from_db()
    assert (moved.pk, moved.municipality, moved.klantmanager) == (
        client.pk,
        beverwijk,
        klantmanager_beverwijk,
    )
    # The history goes along: the same file, one event more.
    after = timeline(moved)
    assert after[: len(before)] == before
    action, summary = after[-1]
    assert action == "moved"
    assert "Verhuisd van Velsen naar Beverwijk" in summary
    assert klantmanager_beverwijk.audit_name in summary
    # The old klantmanager no longer sees the file; the new one does.
    assert not Client.objects.for_user(klantmanager_velsen).filter(pk=client.pk)
    assert Client.objects.for_user(klantmanager_beverwijk).filter(pk=client.pk)
    # Open tasks about the file (the no-show) moved along, and the new
    # klantmanager is told.
    assert not Task.objects.filter(assignee=klantmanager_velsen, done_at=None)
    kinds = set(
        Task.objects.filter(assignee=klantmanager_beverwijk, client=client).values_list(
            "kind", flat=True
        )
    )
    assert kinds == {services.NO_SHOW_TASK_KIND, services.MOVE_TASK_KIND}


def test_after_a_move_the_bsn_is_found_in_the_new_municipality(
    klantmanager_velsen: User,
    klantmanager_beverwijk: User,
    regional_klantmanager: User,
    velsen: Municipality,
    beverwijk: Municipality,
) -> None:
    client = register(klantmanager_velsen, velsen)
    with pytest.raises(ValidationError) as exc:
        register(klantmanager_beverwijk, beverwijk)
    assert "verhuizen" in _message(exc, "bsn")
    services.client_move(
        client=client,
        to_municipality=beverwijk,
        klantmanager=klantmanager_beverwijk,
        user=regional_klantmanager,
    )
    with pytest.raises(ValidationError) as exc:
        register(klantmanager_beverwijk, beverwijk)
    assert _message(exc, "bsn") == "Er bestaat al een dossier met dit BSN."


@pytest.mark.parametrize("mover", ["klantmanager_velsen", "klantmanager_beverwijk"])
def test_a_klantmanager_of_one_municipality_cannot_move_a_file(
    mover: str,
    request: pytest.FixtureRequest,
    klantmanager_velsen: User,
    klantmanager_beverwijk: User,
    beverwijk: Municipality,
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    with pytest.raises(ValidationError) as exc:
        services.client_move(
            client=client,
            to_municipality=beverwijk,
            klantmanager=klantmanager_beverwijk,
            user=request.getfixturevalue(mover),
        )
    assert "voor Velsen én Beverwijk" in _message(exc, "to_municipality")
    client.refresh_from_db()
    assert client.municipality.name == "Velsen"


def test_the_new_klantmanager_must_serve_the_new_municipality(
    klantmanager_velsen: User, regional_klantmanager: User, beverwijk: Municipality
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    with pytest.raises(ValidationError) as exc:
        services.client_move(
            client=client,
            to_municipality=beverwijk,
            klantmanager=klantmanager_velsen,
            user=regional_klantmanager,
        )
    assert "geen klantmanager voor Beverwijk" in _message(exc, "klantmanager")


def test_a_move_to_the_same_municipality_or_on_a_stale_page_is_refused(
    klantmanager_velsen: User,
    regional_klantmanager: User,
    klantmanager_beverwijk: User,
    velsen: Municipality,
    beverwijk: Municipality,
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    with pytest.raises(ValidationError) as exc:
        services.client_move(
            client=client,
            to_municipality=velsen,
            klantmanager=regional_klantmanager,
            user=regional_klantmanager,
        )
    assert "hoort al bij Velsen" in _message(exc, "to_municipality")
    with pytest.raises(ValidationError) as exc:
        services.client_move(
            client=client,
            to_municipality=beverwijk,
            klantmanager=klantmanager_beverwijk,
            user=regional_klantmanager,
            expected_version=client.version - 1,
        )
    assert "intussen gewijzigd" in _message(exc, "version")


def test_the_move_page_moves_the_file(
    regional_klantmanager: User,
    klantmanager_velsen: User,
    klantmanager_beverwijk: User,
    beverwijk: Municipality,
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    browser = logged_in(regional_klantmanager)
    url = reverse("clients:move", args=[client.uuid])
    page = browser.get(url)
    assert page.status_code == 200
    assert "Nieuwe gemeente" in page.content.decode()
    refused = browser.post(url, {"expected_version": client.version})
    assert refused.status_code == 422
    response = browser.post(
        url,
        {
            "to_municipality": beverwijk.pk,
            "klantmanager": klantmanager_beverwijk.pk,
            "expected_version": client.version,
        },
    )
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.municipality == beverwijk


# --- closed files -------------------------------------------------------------------


@pytest.mark.parametrize("no_show", [False, True])
def test_a_closed_file_refuses_contacts_and_no_shows(
    klantmanager_velsen: User, no_show: bool
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen, outflowed=True)
    with pytest.raises(ValidationError) as exc:
        services.contact_record(
            client=client,
            user=klantmanager_velsen,
            occurred_at=timezone.now() - timedelta(hours=1),
            channel=ContactChannel.objects.get(code="telefoon"),
            subject="Nagebeld",
            no_show=no_show,
        )
    message = _message(exc, "status")
    assert "Dit dossier is afgesloten (uitgestroomd)" in message
    assert "opnieuw aan" in message
    assert not client.contacts.exists()
    assert not Task.objects.exists()


def test_a_closed_file_refuses_a_ladder_measurement(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen, outflowed=True)
    with pytest.raises(ValidationError) as exc:
        services.ladder_measure(
            client=client,
            user=klantmanager_velsen,
            measured_on=timezone.localdate(),
            step=3,
        )
    assert "participatieladder kan niet meer" in _message(exc, "status")
    assert not client.ladder_measurements.exists()
    client.refresh_from_db()
    assert client.ladder_step is None


def test_a_file_in_care_still_records_contacts(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(
        klantmanager=klantmanager_velsen, status=Status.HANDED_OVER
    )
    contact = services.contact_record(
        client=client,
        user=klantmanager_velsen,
        occurred_at=timezone.now() - timedelta(hours=1),
        channel=ContactChannel.objects.get(code="telefoon"),
        subject="Afstemming met het wijkteam",
    )
    assert contact.pk
