"""The partner API conventions: scoping, problem+json, camelCase, paging, throttling."""

from __future__ import annotations

from typing import Any

import pytest

from django.core.cache import cache
from rest_framework.test import APIClient

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.partners.models import PartnerSystem
from ijmondwerkt.partners.services import Credentials
from tests.api.conftest import PartnerFactory, bearer
from tests.conftest import verify_second_factor

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"type", "code", "title", "status", "detail", "instance"}


@pytest.fixture(autouse=True)
def _clear_throttle_counters() -> None:
    cache.clear()


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert set(body) >= PROBLEM_KEYS
    assert body["status"] == status
    assert "Traceback" not in response.content.decode()
    return body


# --- scoping ---------------------------------------------------------------


def test_partner_lists_only_its_municipalities(uwv_client: APIClient) -> None:
    response = uwv_client.get("/api/v1/gemeenten")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["count"] == 1
    assert body["results"] == [
        {
            "url": "http://testserver/api/v1/gemeenten/0453",
            "code": "0453",
            "naam": "Velsen",
            "actief": True,
        }
    ]


def test_partner_gets_404_for_a_municipality_it_may_not_see(
    uwv_client: APIClient, beverwijk: Municipality
) -> None:
    assert uwv_client.get("/api/v1/gemeenten/0453").status_code == 200
    body = assert_problem(uwv_client.get("/api/v1/gemeenten/0375"), 404)
    assert body["instance"] == "/api/v1/gemeenten/0375"


def test_call_outside_scopes_is_403(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(scopes=[], municipalities=[velsen])
    body = assert_problem(bearer(credentials.api_key).get("/api/v1/gemeenten"), 403)
    assert body["code"] == "permission_denied"


def test_staff_session_uses_role_scoping(
    klantmanager_velsen: User, werkmakelaar: User, beverwijk: Municipality
) -> None:
    client = APIClient()
    client.force_login(klantmanager_velsen)
    verify_second_factor(client, klantmanager_velsen)
    assert [m["naam"] for m in client.get("/api/v1/gemeenten").json()["results"]] == [
        "Velsen"
    ]
    assert_problem(client.get("/api/v1/gemeenten/0375"), 404)
    client.force_login(werkmakelaar)
    verify_second_factor(client, werkmakelaar)
    names = [m["naam"] for m in client.get("/api/v1/gemeenten").json()["results"]]
    assert names == ["Beverwijk", "Heemskerk", "Velsen"]


def test_staff_without_role_has_no_scopes(user_without_role: User) -> None:
    client = APIClient()
    client.force_login(user_without_role)
    verify_second_factor(client, user_without_role)
    assert_problem(client.get("/api/v1/gemeenten"), 403)


# --- errors ----------------------------------------------------------------


def test_no_credentials_is_401_with_challenge() -> None:
    response = APIClient().get("/api/v1/gemeenten")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_wrong_api_key_and_token_are_401(
    uwv_velsen: tuple[PartnerSystem, Credentials],
) -> None:
    assert_problem(bearer("iw_deadbeef.verkeerd").get("/api/v1/gemeenten"), 401)
    assert_problem(bearer("geen-geldig-token").get("/api/v1/gemeenten"), 401)


def test_invalid_filter_value_is_400_with_invalid_params(uwv_client: APIClient) -> None:
    body = assert_problem(uwv_client.get("/api/v1/gemeenten?actief=misschien"), 400)
    assert [p["name"] for p in body["invalidParams"]] == ["actief"]


def test_unknown_query_parameter_is_400(uwv_client: APIClient) -> None:
    body = assert_problem(uwv_client.get("/api/v1/gemeenten?gemeentenaam=Velsen"), 400)
    assert body["invalidParams"][0]["name"] == "gemeentenaam"


def test_method_not_allowed_is_405(uwv_client: APIClient) -> None:
    response = uwv_client.delete("/api/v1/gemeenten/0453")
    body = assert_problem(response, 405)
    assert body["code"] == "method_not_allowed"


def test_unknown_path_and_trailing_slash_are_404_problems(
    uwv_client: APIClient,
) -> None:
    assert_problem(uwv_client.get("/api/v1/bestaat-niet"), 404)
    assert_problem(uwv_client.get("/api/v1/gemeenten/"), 404)


@pytest.mark.urls("tests.api.urls")
def test_validation_errors_use_camel_case_names(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(
        scopes=["klantcontacten.schrijven"], municipalities=[velsen]
    )
    response = bearer(credentials.api_key).post(
        "/api/v1/test/echo", {"someField": "te lang", "nestedValue": 0}, format="json"
    )
    body = assert_problem(response, 400)
    names = {p["name"]: p["code"] for p in body["invalidParams"]}
    assert names == {"someField": "max_length", "nestedValue": "min_value"}
    assert all(p["reason"] for p in body["invalidParams"])


@pytest.mark.urls("tests.api.urls")
def test_camel_case_in_and_out(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(
        scopes=["klantcontacten.schrijven"], municipalities=[velsen]
    )
    response = bearer(credentials.api_key).post(
        "/api/v1/test/echo", {"someField": "ok", "nestedValue": 3}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {"someField": "ok", "nestedValue": 3}


@pytest.mark.urls("tests.api.urls")
def test_unsupported_media_type_is_415(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(
        scopes=["klantcontacten.schrijven"], municipalities=[velsen]
    )
    response = bearer(credentials.api_key).post(
        "/api/v1/test/echo",
        "some_field=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert_problem(response, 415)


@pytest.mark.urls("tests.api.urls")
def test_server_error_is_a_problem_without_internals(uwv_client: APIClient) -> None:
    response = uwv_client.get("/api/v1/test/kapot")
    body = assert_problem(response, 500)
    assert "secret internal detail" not in response.content.decode()
    assert body["code"] == "error"


def test_throttling_answers_429_with_retry_after(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(
        scopes=["gemeenten.lezen"], municipalities=[velsen], throttle_rate="2/minute"
    )
    client = bearer(credentials.api_key)
    assert client.get("/api/v1/gemeenten").status_code == 200
    assert client.get("/api/v1/gemeenten").status_code == 200
    response = client.get("/api/v1/gemeenten")
    assert_problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60


def test_throttling_counts_per_partner(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, slow = make_partner(
        scopes=["gemeenten.lezen"], municipalities=[velsen], throttle_rate="1/minute"
    )
    _, other = make_partner(
        scopes=["gemeenten.lezen"], municipalities=[velsen], throttle_rate="1/minute"
    )
    assert bearer(slow.api_key).get("/api/v1/gemeenten").status_code == 200
    assert bearer(slow.api_key).get("/api/v1/gemeenten").status_code == 429
    assert bearer(other.api_key).get("/api/v1/gemeenten").status_code == 200


# --- pagination ------------------------------------------------------------


@pytest.fixture
def many_municipalities(db: None) -> list[Municipality]:
    return Municipality.objects.bulk_create(
        Municipality(cbs_code=f"{1000 + i}", name=f"Testgemeente {i:04d}")
        for i in range(520)
    )


def test_pagination_shape_and_bounds(
    make_partner: PartnerFactory, many_municipalities: list[Municipality]
) -> None:
    _, credentials = make_partner(
        scopes=["gemeenten.lezen"], municipalities=many_municipalities
    )
    client = bearer(credentials.api_key)

    default = client.get("/api/v1/gemeenten").json()
    assert set(default) == {"count", "next", "previous", "results"}
    assert default["count"] == 520
    assert len(default["results"]) == 100
    assert default["previous"] is None
    assert default["next"].endswith("/api/v1/gemeenten?page=2")

    largest = client.get("/api/v1/gemeenten?pageSize=500").json()
    assert len(largest["results"]) == 500
    for bad in ("pageSize=501", "pageSize=0", "pageSize=veel", "page=0", "page=-1"):
        body = assert_problem(client.get(f"/api/v1/gemeenten?{bad}"), 400)
        assert [p["name"] for p in body["invalidParams"]] == [bad.split("=")[0]]

    last = client.get("/api/v1/gemeenten?pageSize=500&page=2").json()
    assert len(last["results"]) == 20 and last["next"] is None

    assert_problem(client.get("/api/v1/gemeenten?page=99"), 404)


def test_filter_and_ordering_use_api_names(
    uwv_client: APIClient,
    make_partner: PartnerFactory,
    all_municipalities: list[Municipality],
) -> None:
    _, credentials = make_partner(
        scopes=["gemeenten.lezen"], municipalities=all_municipalities
    )
    client = bearer(credentials.api_key)
    ordered = client.get("/api/v1/gemeenten?ordering=-code").json()["results"]
    assert [m["code"] for m in ordered] == ["0453", "0396", "0375"]
    filtered = client.get("/api/v1/gemeenten?naam=heems").json()["results"]
    assert [m["naam"] for m in filtered] == ["Heemskerk"]
    body = assert_problem(client.get("/api/v1/gemeenten?ordering=cbs_code"), 400)
    assert body["invalidParams"][0]["name"] == "ordering"


def test_service_errors_are_reported_under_api_field_names() -> None:
    from django.core.exceptions import ValidationError as DjangoValidationError
    from rest_framework.exceptions import ValidationError

    from ijmondwerkt.accounts.api.serializers import MunicipalitySerializer
    from ijmondwerkt.rest.exceptions import flatten_errors
    from ijmondwerkt.rest.services import call_service

    def failing_service() -> None:
        raise DjangoValidationError(
            {"cbs_code": ["Een CBS-code bestaat uit 4 cijfers."]}
        )

    with pytest.raises(ValidationError) as excinfo:
        call_service(MunicipalitySerializer(), failing_service)
    assert flatten_errors(excinfo.value.detail) == [
        {
            "name": "code",
            "code": "invalid",
            "reason": "Een CBS-code bestaat uit 4 cijfers.",
        }
    ]
