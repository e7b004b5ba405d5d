"""Hostile input never reaches a 5xx: missing keys, deep nesting, control
characters and oversized bodies are refused with a 4xx the caller can read."""

from __future__ import annotations

import pytest

from django.core.cache import cache
from django.test import Client as DjangoClient
from django.test import override_settings
from rest_framework.test import APIClient

from ijmondwerkt.accounts.models import Municipality, User
from tests.conftest import PartnerFactory, bearer, logged_in
from tests.employers.factories import EmployerFactory, VacancyFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


@pytest.fixture
def pool_writer(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    _, credentials = make_partner(
        scopes=[
            "werkgevers.lezen",
            "werkgevers.schrijven",
            "vacatures.lezen",
            "vacatures.schrijven",
        ],
        municipalities=[velsen],
    )
    return bearer(credentials.api_key)


def invalid_names(response: object) -> list[str]:
    return [p["name"] for p in response.json()["invalidParams"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("resource", ["werkgevers", "vacatures"])
def test_patch_without_version_names_versie(
    pool_writer: APIClient, resource: str
) -> None:
    employer = EmployerFactory.create(name="Bakkerij Brood")
    obj = (
        employer
        if resource == "werkgevers"
        else VacancyFactory.create(employer=employer)
    )
    response = pool_writer.patch(
        f"/api/v1/{resource}/{obj.uuid}", {"naam": "X", "functietitel": "Y"}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert invalid_names(response) == ["versie"]
    obj.refresh_from_db()
    assert obj.version == 1


def test_deeply_nested_body_with_garbage_token_is_a_400() -> None:
    client = APIClient(HTTP_AUTHORIZATION="Bearer garbage")
    body = "[" * 100_000 + "]" * 100_000
    response = client.generic(
        "POST", "/api/v1/werkgevers", body, content_type="application/json"
    )
    assert response.status_code in (400, 401)
    assert response["Content-Type"] == PROBLEM


def test_deeply_nested_body_of_an_authenticated_caller_is_a_400(
    pool_writer: APIClient,
) -> None:
    for depth in (100_000, 200):
        body = '{"naam":' * depth + "1" + "}" * depth
        response = pool_writer.generic(
            "POST", "/api/v1/werkgevers", body, content_type="application/json"
        )
        assert response.status_code == 400
        assert response["Content-Type"] == PROBLEM


def test_nul_byte_in_reassignment_source_is_a_400(
    klantmanager_velsen: User,
) -> None:
    response = logged_in(klantmanager_velsen).get(
        "/werkzoekenden/herverdelen?van=a%00b"
    )
    assert response.status_code == 400
    assert "ongeldig" in response.content.decode().lower()


def test_nul_byte_in_a_list_filter_is_a_400(klantmanager_velsen: User) -> None:
    client = logged_in(klantmanager_velsen)
    for query in ("zoek=a%00b", "status=%00", "a%01b=1", "zoek=%1b%5b31m"):
        response = client.get(f"/werkzoekenden/?{query}")
        assert response.status_code == 400, query
        assert "ongeldig teken" in response.content.decode()


def test_control_character_in_an_api_filter_is_a_problem(
    pool_writer: APIClient,
) -> None:
    response = pool_writer.get("/api/v1/werkgevers?naam=a%00b")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == "1.0.0"
    assert invalid_names(response) == ["naam"]
    assert "a\x00b" not in response.content.decode()


def test_nul_byte_in_a_form_field_is_refused(werkmakelaar: User) -> None:
    employer = EmployerFactory.create(name="Bakkerij Brood")
    response = logged_in(werkmakelaar).post(
        f"/werkgevers/{employer.uuid}/contact",
        {"kind": "bezoek\x00", "subject": "Kennismaking"},
    )
    assert response.status_code == 400
    assert "ongeldig teken" in response.content.decode()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_oversized_api_body_is_a_413_problem(pool_writer: APIClient) -> None:
    body = '{"naam": "' + "x" * 20_000 + '"}'
    response = pool_writer.generic(
        "POST", "/api/v1/werkgevers", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "too_large"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2_621_440)
def test_oversized_form_is_a_413_page(werkmakelaar: User) -> None:
    employer = EmployerFactory.create(name="Bakkerij Brood")
    response = logged_in(werkmakelaar).post(
        f"/werkgevers/{employer.uuid}/contact", {"subject": "x" * 2_700_000}
    )
    assert response.status_code == 413
    # The limit written the Dutch way: 2,5 MB.
    assert "te groot (meer dan 2,5 MB)" in response.content.decode()


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=10)
def test_too_many_form_fields_is_a_400_page(werkmakelaar: User) -> None:
    client: DjangoClient = logged_in(werkmakelaar)
    response = client.post("/werkgevers/nieuw/", {f"f{i}": "1" for i in range(20)})
    assert response.status_code == 400
    assert "te veel velden" in response.content.decode()


def test_lone_surrogate_in_json_is_a_400(pool_writer: APIClient) -> None:
    # Found by the hostile-input fuzzing: the error message echoed it and the
    # response could not be encoded.
    response = pool_writer.generic(
        "POST",
        "/api/v1/werkgevers",
        '{"naam": "a", "sbiSectie": "\\ud800"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
