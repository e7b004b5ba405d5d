"""What the API promises partners: token scopes, filters, search errors, offered scopes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from django.core.cache import cache
from rest_framework.test import APIClient

from clients.models import Client
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.partners.admin import PartnerSystemForm
from ijmondwerkt.rest.scopes import READ_ONLY_RESOURCES, RESOURCES, all_scopes
from tests.api.conftest import PartnerFactory, bearer
from tests.api.test_credentials import token_response
from tests.clients.factories import ClientFactory
from tests.employers.factories import (
    EmployerContactFactory,
    EmployerFactory,
    contact_kind,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


def invalid_names(response: Any) -> list[str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return sorted(p["name"] for p in response.json()["invalidParams"])


# --- the token names the scopes it grants ------------------------------------


def test_token_response_names_the_partners_scopes(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(
        scopes=["werkzoekenden.lezen", "gemeenten.lezen"], municipalities=[velsen]
    )
    response = token_response(credentials)
    assert response.status_code == 200, response.content
    assert response.json()["scope"] == "gemeenten.lezen werkzoekenden.lezen"


def test_token_for_fewer_scopes_grants_only_those(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(
        scopes=["werkzoekenden.lezen", "gemeenten.lezen"], municipalities=[velsen]
    )
    response = token_response(credentials, scope="gemeenten.lezen")
    assert response.json()["scope"] == "gemeenten.lezen"
    client = bearer(response.json()["access_token"])
    assert client.get("/api/v1/gemeenten").status_code == 200
    assert client.get("/api/v1/werkzoekenden").status_code == 403


def test_token_for_a_scope_the_partner_lacks_is_refused(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(scopes=["gemeenten.lezen"], municipalities=[velsen])
    for asked in ("werkzoekenden.lezen", "read write", "gemeenten.schrijven"):
        response = token_response(credentials, scope=asked)
        assert response.status_code == 400, asked
        assert response.json()["error"] == "invalid_scope"


def test_a_scope_taken_away_ends_for_tokens_already_issued(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    partner, credentials = make_partner(
        scopes=["werkzoekenden.lezen", "gemeenten.lezen"], municipalities=[velsen]
    )
    client = bearer(token_response(credentials).json()["access_token"])
    assert client.get("/api/v1/werkzoekenden").status_code == 200
    partner.scopes = ["gemeenten.lezen"]
    partner.save()
    assert client.get("/api/v1/werkzoekenden").status_code == 403
    assert client.get("/api/v1/gemeenten").status_code == 200


# --- werkgeverscontacten are filtered like the other lists -------------------


@pytest.fixture
def contacts(werkmakelaar: User, velsen: Municipality) -> dict[str, Any]:
    tata = EmployerFactory.create(name="Tata Steel", municipality=velsen)
    bakker = EmployerFactory.create(name="Bakkerij Velsen", municipality=velsen)
    return {
        "tata": tata,
        "bakker": bakker,
        "early": EmployerContactFactory.create(
            employer=tata,
            werkmakelaar=werkmakelaar,
            contact_date=date(2026, 3, 2),
            kind=contact_kind("telefoon"),
        ),
        "late": EmployerContactFactory.create(
            employer=bakker,
            werkmakelaar=werkmakelaar,
            contact_date=date(2026, 5, 4),
            kind=contact_kind("bedrijfsbezoek"),
        ),
    }


@pytest.fixture
def contact_reader(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    _, credentials = make_partner(
        scopes=["werkgeverscontacten.lezen"], municipalities=[velsen]
    )
    return bearer(credentials.api_key)


def _uuids(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(c["uuid"] for c in response.json()["results"])


def test_employer_contacts_filter_by_employer_kind_people_and_dates(
    contact_reader: APIClient, contacts: dict[str, Any], werkmakelaar: User
) -> None:
    early, late = str(contacts["early"].uuid), str(contacts["late"].uuid)
    url = "/api/v1/werkgeverscontacten"
    assert _uuids(contact_reader.get(url)) == sorted([early, late])
    assert _uuids(contact_reader.get(f"{url}?werkgever={contacts['tata'].uuid}")) == [
        early
    ]
    assert _uuids(contact_reader.get(f"{url}?soort=bedrijfsbezoek")) == [late]
    assert _uuids(contact_reader.get(f"{url}?vanaf=2026-04-01")) == [late]
    assert _uuids(contact_reader.get(f"{url}?totEnMet=2026-04-01")) == [early]
    assert _uuids(
        contact_reader.get(f"{url}?werkmakelaar={werkmakelaar.username}")
    ) == sorted([early, late])
    assert _uuids(contact_reader.get(f"{url}?werkmakelaar=niemand")) == []


def test_employer_contact_filters_refuse_bad_values_by_name(
    contact_reader: APIClient, contacts: dict[str, Any]
) -> None:
    url = "/api/v1/werkgeverscontacten"
    assert invalid_names(contact_reader.get(f"{url}?werkgever=geen-uuid")) == [
        "werkgever"
    ]
    assert invalid_names(contact_reader.get(f"{url}?vanaf=gisteren")) == ["vanaf"]
    assert invalid_names(contact_reader.get(f"{url}?werkgeverNaam=Tata")) == [
        "werkgeverNaam"
    ]


# --- searching by BSN ----------------------------------------------------------


@pytest.fixture
def bsn_reader(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    _, credentials = make_partner(
        scopes=["werkzoekenden.lezen"], municipalities=[velsen]
    )
    return bearer(credentials.api_key)


@pytest.mark.parametrize(
    "bsn",
    [
        "123456789",  # fails the elfproef
        "12345678",  # one digit short
        "1234567890",
        "abcdefghi",
        "",
        "  ",
        12345678,
        None,
        ["111222333"],
        {"bsn": "111222333"},
    ],
)
def test_search_with_an_invalid_bsn_is_400_naming_bsn(
    bsn_reader: APIClient, bsn: Any
) -> None:
    response = bsn_reader.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": bsn}, format="json"
    )
    assert invalid_names(response) == ["bsn"]
    assert response.json()["status"] == 400


def test_search_without_bsn_is_400_naming_bsn(bsn_reader: APIClient) -> None:
    response = bsn_reader.post("/api/v1/werkzoekenden/_zoek", {}, format="json")
    assert invalid_names(response) == ["bsn"]


def test_search_with_a_valid_unknown_bsn_is_an_empty_list(
    bsn_reader: APIClient, velsen: Municipality
) -> None:
    client: Client = ClientFactory.create(municipality=velsen)
    found = bsn_reader.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": client.bsn}, format="json"
    ).json()
    assert [c["uuid"] for c in found["results"]] == [str(client.uuid)]
    formatted = f"{client.bsn[:4]}.{client.bsn[4:6]}.{client.bsn[6:]}"
    again = bsn_reader.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": formatted}, format="json"
    ).json()
    assert again["count"] == 1
    unknown = bsn_reader.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": "111222333"}, format="json"
    )
    assert unknown.status_code == 200
    assert unknown.json()["count"] == 0


# --- only scopes that exist are offered -----------------------------------------


def test_read_only_resources_have_no_write_scope() -> None:
    scopes = all_scopes()
    for resource in RESOURCES:
        assert f"{resource}.lezen" in scopes
        assert (f"{resource}.schrijven" in scopes) == (
            resource not in READ_ONLY_RESOURCES
        )
    assert "gemeenten.schrijven" not in scopes


def test_write_scopes_are_exactly_those_of_write_operations(
    client: Any,
) -> None:
    """Every ``.schrijven`` scope guards an operation, every write needs one."""
    document = client.get("/api/v1/openapi.json").json()
    needed: set[str] = set()
    for item in document["paths"].values():
        for operation in item.values():
            for requirement in operation.get("security", []):
                needed |= set(requirement.get("oauth2", []))
    assert needed == set(all_scopes())


def test_partner_form_offers_only_existing_scopes() -> None:
    field: Any = PartnerSystemForm().fields["scopes"]
    offered = {value for value, _label in field.choices}
    assert offered == set(all_scopes())
    assert "gemeenten.schrijven" not in offered
    assert "gemeenten.lezen" in offered


def test_search_refuses_unknown_query_parameters_like_every_list(
    bsn_reader: APIClient,
) -> None:
    response = bsn_reader.post(
        "/api/v1/werkzoekenden/_zoek?gemeentenaam=Velsen",
        {"bsn": "111222333"},
        format="json",
    )
    assert invalid_names(response) == ["gemeentenaam"]
