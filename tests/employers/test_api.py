"""Partner API for employers, employer contacts and vacancies: reading."""

from __future__ import annotations

from typing import Any

import pytest

from django.core.cache import cache
from rest_framework.test import APIClient

from ijmondwerkt.accounts.models import Municipality, User
from tests.conftest import PartnerFactory, bearer, verify_second_factor
from tests.employers.factories import (
    EmployerContactFactory,
    EmployerFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


@pytest.fixture
def pool_reader(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    _, credentials = make_partner(
        scopes=["werkgevers.lezen", "werkgeverscontacten.lezen", "vacatures.lezen"],
        municipalities=[velsen],
    )
    return bearer(credentials.api_key)


def test_partner_reads_employers_with_dutch_fields(pool_reader: APIClient) -> None:
    employer = EmployerFactory.create(name="Tata Steel IJmuiden", kvk_number="34011246")
    body = pool_reader.get("/api/v1/werkgevers").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["naam"] == "Tata Steel IJmuiden"
    assert row["kvkNummer"] == "34011246"
    assert row["url"].endswith(f"/api/v1/werkgevers/{employer.uuid}")
    detail = pool_reader.get(f"/api/v1/werkgevers/{employer.uuid}")
    assert detail.status_code == 200
    assert detail["API-Version"] == "1.0.0"


def test_vacancies_filter_and_order(pool_reader: APIClient) -> None:
    employer = EmployerFactory.create()
    VacancyFactory.create(employer=employer, title="Lasser", suits_beschut=True)
    VacancyFactory.create(employer=employer, title="Heftruckchauffeur")
    beschut = pool_reader.get("/api/v1/vacatures?beschut=true").json()["results"]
    assert [v["functietitel"] for v in beschut] == ["Lasser"]
    assert beschut[0]["werkgever"] == str(employer.uuid)
    assert beschut[0]["urenPerWeek"] == 32.0
    response = pool_reader.get("/api/v1/vacatures?beschut=misschien")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "beschut"


def test_employer_contacts_are_listed(
    pool_reader: APIClient, werkmakelaar: User
) -> None:
    contact = EmployerContactFactory.create(
        subject="Kennismaking", werkmakelaar=werkmakelaar
    )
    rows = pool_reader.get("/api/v1/werkgeverscontacten").json()["results"]
    assert [(r["uuid"], r["onderwerp"]) for r in rows] == [
        (str(contact.uuid), "Kennismaking")
    ]


def test_writing_needs_the_write_scope(pool_reader: APIClient) -> None:
    response = pool_reader.post("/api/v1/werkgevers", {"naam": "X"}, format="json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    contacts = pool_reader.post("/api/v1/werkgeverscontacten", {}, format="json")
    assert contacts.status_code == 403


def test_scopes_are_enforced_per_resource(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(scopes=["vacatures.lezen"], municipalities=[velsen])
    client = bearer(credentials.api_key)
    assert client.get("/api/v1/vacatures").status_code == 200
    assert client.get("/api/v1/werkgevers").status_code == 403
    assert client.get("/api/v1/werkgeverscontacten").status_code == 403


def test_partner_without_municipality_sees_nothing(
    make_partner: PartnerFactory,
) -> None:
    EmployerFactory.create()
    _, credentials = make_partner(scopes=["werkgevers.lezen"], municipalities=[])
    assert bearer(credentials.api_key).get("/api/v1/werkgevers").json()["count"] == 0


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("werkmakelaar", 200),
        ("klantmanager_velsen", 200),
        ("manager", 403),
        ("user_without_role", 403),
    ],
)
def test_staff_sessions_follow_their_roles(
    request: pytest.FixtureRequest, persona: str, expected: int
) -> None:
    user: User = request.getfixturevalue(persona)
    client = APIClient()
    client.force_login(user)
    verify_second_factor(client, user)
    response: Any = client.get("/api/v1/vacatures")
    assert response.status_code == expected
