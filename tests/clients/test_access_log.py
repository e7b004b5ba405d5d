"""Doelbinding: each API route and page with client data logs exactly its reads."""

from __future__ import annotations

from typing import Any

import pytest

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from clients.models import Client, ClientAccess, Contact, Outflow, OutflowReason
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.privacy import record_reads
from tests.api.conftest import PartnerFactory, bearer
from tests.clients.factories import ClientFactory, ContactFactory, IntakeFactory
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db

SCOPES = ["werkzoekenden.lezen", "klantcontacten.lezen", "uitstroom.lezen"]


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


def reads() -> list[tuple[Any, ...]]:
    return sorted(
        (a.client.last_name, a.user.username if a.user else None, a.channel, a.purpose)
        for a in ClientAccess.objects.select_related("client", "user")
    )


def outflow(client: Client, user: User) -> Outflow:
    reason = OutflowReason.objects.first() or OutflowReason.objects.create(
        code="werk-loondienst", label="Werk in loondienst"
    )
    return Outflow.objects.create(
        client=client, date=timezone.localdate(), reason=reason, recorded_by=user
    )


@pytest.fixture
def partner(make_partner: PartnerFactory, velsen: Municipality) -> Any:
    system, credentials = make_partner(scopes=SCOPES, municipalities=[velsen])
    return system, bearer(credentials.api_key)


@pytest.fixture
def file(velsen_client: Client, klantmanager_velsen: User) -> dict[str, Any]:
    contact = ContactFactory.create(
        client=velsen_client, recorded_by=klantmanager_velsen
    )
    return {
        "contact": contact,
        "outflow": outflow(velsen_client, klantmanager_velsen),
        "other": ClientFactory.create(last_name="Tweede"),
    }


# --- the API: each route, one request, exactly its rows ------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/werkzoekenden/{uuid}", ["Velser"]),
        ("/api/v1/werkzoekenden/{uuid}/ladder-metingen", ["Velser"]),
        ("/api/v1/klantcontacten", ["Velser"]),
        ("/api/v1/klantcontacten/{contact}", ["Velser"]),
        ("/api/v1/uitstroom", ["Velser"]),
        ("/api/v1/uitstroom/{outflow}", ["Velser"]),
        ("/api/v1/werkzoekenden", ["Tweede", "Velser"]),
    ],
)
def test_each_api_read_logs_one_row_per_client_shown(
    partner: Any,
    velsen_client: Client,
    file: dict[str, Any],
    path: str,
    expected: list[str],
) -> None:
    system, api = partner
    url = path.format(
        uuid=velsen_client.uuid,
        contact=file["contact"].uuid,
        outflow=file["outflow"].uuid,
    )
    assert api.get(url, HTTP_X_DOELBINDING="Controle").status_code == 200
    assert reads() == [
        (name, system.user.username, "api", "Controle") for name in expected
    ]


def test_search_by_bsn_logs_the_file_found(partner: Any, velsen_client: Client) -> None:
    system, api = partner
    found = api.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": velsen_client.bsn}, format="json"
    )
    assert found.json()["count"] == 1
    assert reads() == [("Velser", system.user.username, "api", "API-raadpleging")]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/werkzoekenden/{uuid}",
        "/api/v1/werkzoekenden/{uuid}/ladder-metingen",
        "/api/v1/klantcontacten/{contact}",
        "/api/v1/uitstroom/{outflow}",
    ],
)
def test_a_partner_of_another_municipality_gets_nothing_and_logs_nothing(
    make_partner: PartnerFactory,
    beverwijk: Municipality,
    velsen_client: Client,
    file: dict[str, Any],
    path: str,
) -> None:
    _, credentials = make_partner(scopes=SCOPES, municipalities=[beverwijk])
    url = path.format(
        uuid=velsen_client.uuid,
        contact=file["contact"].uuid,
        outflow=file["outflow"].uuid,
    )
    assert bearer(credentials.api_key).get(url).status_code == 404
    lists = ["/api/v1/werkzoekenden", "/api/v1/klantcontacten", "/api/v1/uitstroom"]
    for url in lists:
        assert bearer(credentials.api_key).get(url).json()["count"] == 0
    assert not ClientAccess.objects.exists()


@pytest.mark.parametrize(
    "path", ["/api/v1/klantcontacten", "/api/v1/uitstroom", "/api/v1/werkzoekenden"]
)
def test_a_partner_without_the_scope_gets_403_and_no_row(
    make_partner: PartnerFactory, velsen: Municipality, file: dict[str, Any], path: str
) -> None:
    _, credentials = make_partner(scopes=["gemeenten.lezen"], municipalities=[velsen])
    assert bearer(credentials.api_key).get(path).status_code == 403
    assert not ClientAccess.objects.exists()


def test_a_list_of_many_logs_them_in_a_fixed_number_of_queries(
    partner: Any,
    klantmanager_velsen: User,
    django_assert_max_num_queries: Any,
) -> None:
    _, api = partner
    ClientFactory.create_batch(2, klantmanager=klantmanager_velsen)
    with django_assert_max_num_queries(30) as few:
        api.get("/api/v1/werkzoekenden?pageSize=100")
    ClientFactory.create_batch(60, klantmanager=klantmanager_velsen)
    ClientAccess.objects.all().delete()
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = api.get("/api/v1/werkzoekenden?pageSize=100")
    shown = len(response.json()["results"])
    assert shown > 2
    assert ClientAccess.objects.count() == shown


# --- pages ---------------------------------------------------------------------------


def test_client_pages_log_the_file_with_purpose(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    for name in ("clients:detail", "clients:edit", "clients:contact_record"):
        ClientAccess.objects.all().delete()
        page = browser.get(reverse(name, args=[velsen_client.uuid]))
        assert page.status_code == 200
        assert reads() == [
            (
                "Velser",
                "klantmanager_velsen",
                "web",
                "Dossierbehandeling: eigen werkvoorraad",
            )
        ], name


def test_a_saved_form_redirects_and_logs_no_read_a_refused_one_shows_the_file(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    planned = {"planned_date": timezone.localdate().isoformat()}
    intake = IntakeFactory.create(client__klantmanager=klantmanager_velsen)
    url = reverse("clients:intake_plan", args=[intake.client.uuid])
    assert browser.post(url, planned).status_code == 302
    assert not ClientAccess.objects.exists()
    # A refused date: the form comes back, with the file.
    assert browser.post(url, {"planned_date": "x"}).status_code == 422
    assert [r[0] for r in reads()] == [intake.client.last_name]


def test_the_client_list_logs_the_clients_on_the_page(
    klantmanager_velsen: User, velsen_client: Client, beverwijk_client: Client
) -> None:
    ClientFactory.create(last_name="Tweede")
    page = logged_in(klantmanager_velsen).get(reverse("clients:list"))
    assert page.status_code == 200
    assert reads() == [
        ("Tweede", "klantmanager_velsen", "web", "Overzicht werkzoekenden"),
        ("Velser", "klantmanager_velsen", "web", "Overzicht werkzoekenden"),
    ]


def test_the_inbox_and_the_dashboard_log_the_clients_their_tasks_name(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    Task.objects.create(
        assignee=klantmanager_velsen,
        kind="test",
        title=f"Bellen: {velsen_client.full_name}",
        link=velsen_client.get_absolute_url(),
        due_date=timezone.localdate(),
    )
    Task.objects.create(assignee=klantmanager_velsen, kind="test", title="Overleg")
    browser = logged_in(klantmanager_velsen)
    assert browser.get(reverse("inbox:list")).status_code == 200
    assert reads() == [("Velser", "klantmanager_velsen", "web", "Takenlijst")]
    ClientAccess.objects.all().delete()
    assert browser.get(reverse("clients:dashboard")).status_code == 200
    assert reads() == [("Velser", "klantmanager_velsen", "web", "Werkvoorraad: taken")]


@pytest.mark.parametrize(
    "persona", ["werkmakelaar", "manager", "klantmanager_beverwijk"]
)
def test_who_may_not_see_the_file_gets_no_data_and_no_row(
    request: pytest.FixtureRequest, persona: str, velsen_client: Client
) -> None:
    user = request.getfixturevalue(persona)
    page = logged_in(user).get(velsen_client.get_absolute_url())
    assert page.status_code in (403, 404)
    assert velsen_client.last_name not in page.content.decode()
    assert not ClientAccess.objects.exists()


# --- the one path --------------------------------------------------------------------


def test_outside_a_request_reads_are_written_at_once(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    contact: Contact = ContactFactory.create(client=velsen_client)
    record_reads(klantmanager_velsen, [velsen_client, contact], purpose="Export AVG")
    assert reads() == [("Velser", "klantmanager_velsen", "web", "Export AVG")]
