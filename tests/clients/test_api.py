"""Partner API for client files: scoping, validation as problem+json, access logging."""

from __future__ import annotations

from typing import Any

import pytest

from django.core.cache import cache
from rest_framework.test import APIClient

from clients.models import Client, ClientAccess, Contact, Outflow, Status
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.inbox.models import Task
from tests.api.conftest import PartnerFactory, bearer
from tests.clients.factories import ClientFactory
from tests.conftest import verify_second_factor

pytestmark = pytest.mark.django_db

ALL_CLIENT_SCOPES = [
    "werkzoekenden.lezen",
    "werkzoekenden.schrijven",
    "klantcontacten.lezen",
    "klantcontacten.schrijven",
    "uitstroom.lezen",
    "uitstroom.schrijven",
]


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


@pytest.fixture
def velsen_partner(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    _, credentials = make_partner(scopes=ALL_CLIENT_SCOPES, municipalities=[velsen])
    return bearer(credentials.api_key)


@pytest.fixture
def reader(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    _, credentials = make_partner(
        scopes=["werkzoekenden.lezen"], municipalities=[velsen]
    )
    return bearer(credentials.api_key)


def invalid_names(response: Any) -> list[str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return sorted(p["name"] for p in response.json()["invalidParams"])


NEW_CLIENT = {
    "bsn": "111222333",
    "voornaam": "Fatima",
    "achternaam": "El Amrani",
    "geboortedatum": "1980-05-17",
    "postcode": "1971ab",
    "gemeente": "0453",
    "datumAanmelding": "2026-11-02",
    "talen": [{"taal": "Nederlands", "niveau": "B1"}],
    "rijbewijs": True,
}


def test_register_read_and_list_scoped(
    velsen_partner: APIClient, beverwijk_client: Client
) -> None:
    created = velsen_partner.post("/api/v1/werkzoekenden", NEW_CLIENT, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["postcode"] == "1971 AB"
    assert body["talen"] == [{"taal": "Nederlands", "niveau": "B1"}]
    assert body["status"] == "aangemeld"
    assert body["versie"] == 1
    change = AuditEvent.objects.get(client__uuid=body["uuid"])
    assert change.user is not None and change.user.get_full_name().endswith("(API)")

    listing = velsen_partner.get("/api/v1/werkzoekenden").json()
    assert [c["uuid"] for c in listing["results"]] == [body["uuid"]]
    foreign = velsen_partner.get(f"/api/v1/werkzoekenden/{beverwijk_client.uuid}")
    assert foreign.status_code == 404
    assert foreign["Content-Type"] == "application/problem+json"


def test_bad_input_is_refused_with_field_names_and_nothing_stored(
    velsen_partner: APIClient, velsen_client: Client
) -> None:
    before = Client.objects.count()
    cases = [
        ({**NEW_CLIENT, "bsn": "123456789"}, ["bsn"]),
        ({**NEW_CLIENT, "bsn": velsen_client.bsn}, ["bsn"]),
        ({**NEW_CLIENT, "geboortedatum": "2099-01-01"}, ["geboortedatum"]),
        ({**NEW_CLIENT, "geboortedatum": "2020-01-01"}, ["geboortedatum"]),
        ({**NEW_CLIENT, "postcode": "0123 AB"}, ["postcode"]),
        ({**NEW_CLIENT, "gemeente": "0375"}, ["gemeente"]),
        (
            {**NEW_CLIENT, "talen": [{"taal": "Engels", "niveau": "Z9"}]},
            ["talen.0.niveau"],
        ),
    ]
    for data, names in cases:
        assert (
            invalid_names(
                velsen_partner.post("/api/v1/werkzoekenden", data, format="json")
            )
            == names
        )
    assert Client.objects.count() == before


def test_search_by_bsn_in_body_needs_only_read_scope(
    reader: APIClient, velsen_client: Client, beverwijk_client: Client
) -> None:
    found = reader.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": velsen_client.bsn}, format="json"
    )
    assert found.status_code == 200
    assert [c["uuid"] for c in found.json()["results"]] == [str(velsen_client.uuid)]
    other = reader.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": beverwijk_client.bsn}, format="json"
    )
    assert other.json()["count"] == 0
    assert invalid_names(
        reader.post("/api/v1/werkzoekenden/_zoek", {"bsn": "12"}, format="json")
    ) == ["bsn"]
    assert (
        reader.post("/api/v1/werkzoekenden", NEW_CLIENT, format="json").status_code
        == 403
    )


def test_reads_are_logged_with_purpose_and_channel(
    reader: APIClient, velsen_client: Client
) -> None:
    reader.get(
        f"/api/v1/werkzoekenden/{velsen_client.uuid}",
        HTTP_X_DOELBINDING="Controle WW-instroom",
    )
    reader.get("/api/v1/werkzoekenden")
    logged = list(ClientAccess.objects.filter(client=velsen_client).order_by("pk"))
    assert [(a.channel, a.purpose) for a in logged] == [
        ("api", "Controle WW-instroom"),
        ("api", "API-raadpleging"),
    ]
    assert all(a.user is not None and a.user.partner is not None for a in logged)


def test_update_needs_current_version(
    velsen_partner: APIClient, velsen_client: Client
) -> None:
    url = f"/api/v1/werkzoekenden/{velsen_client.uuid}"
    version = velsen_partner.get(url).json()["versie"]
    assert invalid_names(
        velsen_partner.patch(url, {"woonplaats": "Velsen-Noord"}, format="json")
    ) == ["versie"]
    ok = velsen_partner.patch(
        url, {"woonplaats": "Velsen-Noord", "versie": version}, format="json"
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["versie"] == version + 1
    stale = velsen_partner.patch(
        url, {"woonplaats": "Driehuis", "versie": version}, format="json"
    )
    assert invalid_names(stale) == ["versie"]
    velsen_client.refresh_from_db()
    assert velsen_client.city == "Velsen-Noord"


def test_ladder_measurements_nested_and_validated(
    velsen_partner: APIClient, velsen_client: Client, beverwijk_client: Client
) -> None:
    url = f"/api/v1/werkzoekenden/{velsen_client.uuid}/ladder-metingen"
    assert invalid_names(
        velsen_partner.post(url, {"datum": "2026-11-01", "trede": 7}, format="json")
    ) == ["trede"]
    created = velsen_partner.post(
        url, {"datum": "2026-11-01", "trede": 4}, format="json"
    )
    assert created.status_code == 201, created.content
    assert velsen_partner.get(url).json()["results"][0]["trede"] == 4
    detail = velsen_partner.get(f"/api/v1/werkzoekenden/{velsen_client.uuid}").json()
    assert detail["huidigeTrede"] == 4
    foreign = f"/api/v1/werkzoekenden/{beverwijk_client.uuid}/ladder-metingen"
    assert velsen_partner.get(foreign).status_code == 404
    assert (
        velsen_partner.post(
            foreign, {"datum": "2026-11-01", "trede": 4}, format="json"
        ).status_code
        == 404
    )


def test_contact_no_show_creates_task(
    velsen_partner: APIClient, velsen_client: Client
) -> None:
    response = velsen_partner.post(
        "/api/v1/klantcontacten",
        {
            "werkzoekende": str(velsen_client.uuid),
            "datumTijd": "2026-11-20T10:00:00+01:00",
            "contactvorm": "telefoon",
            "onderwerp": "Afspraak gemist",
            "nietVerschenen": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Contact.objects.filter(client=velsen_client, no_show=True).count() == 1
    assert Task.objects.filter(assignee=velsen_client.klantmanager).count() == 1
    listed = velsen_partner.get(
        f"/api/v1/klantcontacten?werkzoekende={velsen_client.uuid}"
    ).json()
    assert listed["count"] == 1


def test_contact_for_foreign_client_is_refused(
    velsen_partner: APIClient, beverwijk_client: Client
) -> None:
    response = velsen_partner.post(
        "/api/v1/klantcontacten",
        {
            "werkzoekende": str(beverwijk_client.uuid),
            "datumTijd": "2026-11-20T10:00:00+01:00",
            "contactvorm": "telefoon",
            "onderwerp": "x",
        },
        format="json",
    )
    assert invalid_names(response) == ["werkzoekende"]
    assert not Contact.objects.exists()


def test_outflow_before_registration_is_refused(
    velsen_partner: APIClient, velsen_client: Client
) -> None:
    early = (
        velsen_client.registration_date.replace(
            year=velsen_client.registration_date.year - 1
        )
    ).isoformat()
    data = {
        "werkzoekende": str(velsen_client.uuid),
        "datum": early,
        "reden": "werk-loondienst",
    }
    response = velsen_partner.post("/api/v1/uitstroom", data, format="json")
    assert invalid_names(response) == ["datum"]
    assert not Outflow.objects.exists()


def test_staff_klantmanager_uses_api_within_own_municipality(
    klantmanager_velsen: User,
    velsen_client: Client,
    beverwijk_client: Client,
    werkmakelaar: User,
) -> None:
    client = APIClient()
    client.force_login(klantmanager_velsen)
    verify_second_factor(client, klantmanager_velsen)
    assert client.get(f"/api/v1/werkzoekenden/{velsen_client.uuid}").status_code == 200
    assert (
        client.get(f"/api/v1/werkzoekenden/{beverwijk_client.uuid}").status_code == 404
    )
    client.force_login(werkmakelaar)
    verify_second_factor(client, werkmakelaar)
    assert client.get("/api/v1/werkzoekenden").status_code == 403


def test_list_costs_a_fixed_number_of_queries(
    reader: APIClient, klantmanager_velsen: User, django_assert_max_num_queries: Any
) -> None:
    ClientFactory.create_batch(3, klantmanager=klantmanager_velsen)
    with django_assert_max_num_queries(20) as small:
        reader.get("/api/v1/werkzoekenden")
    ClientFactory.create_batch(30, klantmanager=klantmanager_velsen)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert reader.get("/api/v1/werkzoekenden").json()["count"] == 33


def test_outflowed_status_is_reported(
    velsen_partner: APIClient, velsen_client: Client
) -> None:
    data = {
        "werkzoekende": str(velsen_client.uuid),
        "datum": velsen_client.registration_date.isoformat(),
        "reden": "werk-loondienst",
    }
    assert (
        velsen_partner.post("/api/v1/uitstroom", data, format="json").status_code == 201
    )
    detail = velsen_partner.get(f"/api/v1/werkzoekenden/{velsen_client.uuid}").json()
    assert detail["status"] == Status.OUTFLOWED


def test_extreme_utc_offset_in_filter_is_not_a_server_error(
    velsen_partner: APIClient,
) -> None:
    # Found by the schemathesis run: PostgreSQL rejects offsets of 16 hours.
    response = velsen_partner.get(
        "/api/v1/klantcontacten?vanaf=2000-01-01T00%3A00%3A00%2B16%3A00"
    )
    assert response.status_code == 200


def test_nul_characters_in_codes_are_invalid_input(
    velsen_partner: APIClient, velsen_client: Client
) -> None:
    # Found by the schemathesis run: PostgreSQL cannot store NUL in text.
    response = velsen_partner.post(
        "/api/v1/uitstroom",
        {
            "werkzoekende": str(velsen_client.uuid),
            "datum": "2026-11-01",
            "reden": "\x00",
        },
        format="json",
    )
    assert invalid_names(response) == ["reden"]
