"""A BSN never travels in a URL: a query parameter that looks like one is refused
on every route, API and pages, before anything logs it."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import pytest

from django.core.cache import cache
from django.test import Client as BrowserClient
from django.urls import reverse
from rest_framework.test import APIClient

from clients.models import Client
from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.factories import ClientFactory
from tests.conftest import BASE_DIR, PartnerFactory, bearer, logged_in

pytestmark = pytest.mark.django_db

BSN = "111222333"
FORMS = [
    BSN,
    "1112.22.333",
    "111 222 333",
    "111-222-333",
    "１１１２２２３３３",
    "١١١٢٢٢٣٣٣",
    "11122233³",
    "Fatima 111222333",
]
SEARCH = "POST /api/v1/werkzoekenden/_zoek"


@pytest.fixture
def reader(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    cache.clear()
    _, credentials = make_partner(
        scopes=["werkzoekenden.lezen", "werkgevers.lezen"], municipalities=[velsen]
    )
    return bearer(credentials.api_key)


@pytest.fixture
def velsen_file(velsen: Municipality) -> Client:
    return ClientFactory.create(bsn=BSN, municipality=velsen)


def _no_bsn_logged(caplog: Any) -> None:
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + repr(record.__dict__)
        assert BSN not in text, record.getMessage()


@pytest.mark.parametrize("value", FORMS)
def test_api_refuses_a_bsn_in_the_query_string(
    reader: APIClient, velsen_file: Client, value: str, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    response = reader.get("/api/v1/werkzoekenden", {"zoek": value})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "bsn_in_url"
    assert body["instance"] == "/api/v1/werkzoekenden"
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [
        ("zoek", "bsn_in_url")
    ]
    assert SEARCH in body["detail"]
    assert BSN not in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    _no_bsn_logged(caplog)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/werkzoekenden",
        "/api/v1/werkgevers",
        "/api/v1/klantcontacten",
        "/api/v1/niet-bestaand",
        "/oauth/token",
    ],
)
def test_every_api_route_and_parameter_is_covered(reader: APIClient, path: str) -> None:
    for query in ({"bsn": BSN}, {"pagina": BSN}, {BSN: ""}, {"x": "1", "y": BSN}):
        response = reader.get(path, query)
        assert response.status_code == 400, (path, query)
        assert response.json()["code"] == "bsn_in_url"
        assert BSN not in response.content.decode()


def test_search_in_the_body_still_finds_the_file(
    reader: APIClient, velsen_file: Client
) -> None:
    found = reader.post("/api/v1/werkzoekenden/_zoek", {"bsn": BSN}, format="json")
    assert [c["uuid"] for c in found.json()["results"]] == [str(velsen_file.uuid)]


@pytest.mark.parametrize(
    "query",
    [
        {"zoek": "Fatima"},
        {"zoek": "1971 AB"},
        {"zoek": "12345678"},  # a KvK number
        {"page": "2", "pageSize": "10"},
        {"geboortedatum": "1980-05-17"},
        {"werkzoekende": "9e1c6d0a-1234-5678-9abc-123456789abc"},
    ],
)
def test_other_numbers_pass(reader: APIClient, query: dict[str, str]) -> None:
    response = reader.get("/api/v1/werkzoekenden", query)
    assert response.status_code != 400 or response.json()["code"] != "bsn_in_url"


@pytest.mark.parametrize("value", FORMS)
def test_pages_refuse_a_bsn_in_the_address_with_a_dutch_page(
    klantmanager_velsen: User, velsen_file: Client, value: str, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    response = logged_in(klantmanager_velsen).get(
        reverse("clients:list"), {"zoek": value}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Een BSN hoort niet in een adres" in content
    assert "Zoeken op BSN" in content
    assert reverse("clients:list") in content
    assert BSN not in content
    _no_bsn_logged(caplog)


@pytest.mark.parametrize(
    "next_link",
    [
        f"/clienten/?zoek={BSN}",
        quote(f"/clienten/?zoek={BSN}", safe=""),
        quote(quote(f"/clienten/?zoek={BSN}", safe=""), safe=""),
    ],
)
def test_a_next_link_carrying_a_bsn_is_refused(next_link: str, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    response = BrowserClient().get(reverse("login"), {"next": next_link})
    assert response.status_code == 400
    assert BSN not in response.content.decode()
    _no_bsn_logged(caplog)


def test_anonymous_redirect_to_login_never_carries_a_bsn() -> None:
    response = BrowserClient().get(reverse("clients:list"), {"zoek": BSN})
    assert response.status_code == 400
    assert "Location" not in response


def test_gunicorn_access_log_writes_no_query_string() -> None:
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    config = Config()
    namespace: dict[str, Any] = {}
    exec((BASE_DIR / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102
    config.set("access_log_format", namespace["access_log_format"])
    atoms = Logger(config).atoms(
        SimpleNamespace(
            status="400 Bad Request", response_length=10, sent=10, headers=[]
        ),
        SimpleNamespace(
            method="GET",
            path="/api/v1/werkzoekenden",
            query=f"zoek={BSN}",
            uri=f"/api/v1/werkzoekenden?zoek={BSN}",
            version=(1, 1),
            headers=[("REFERER", f"https://example.org/?bsn={BSN}")],
        ),
        {
            "REMOTE_ADDR": "127.0.0.1",
            "RAW_URI": f"/api/v1/werkzoekenden?zoek={BSN}",
            "QUERY_STRING": f"zoek={BSN}",
            "PATH_INFO": "/api/v1/werkzoekenden",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REQUEST_METHOD": "GET",
            "HTTP_REFERER": f"https://example.org/?bsn={BSN}",
        },
        SimpleNamespace(seconds=0, microseconds=1000, total_seconds=lambda: 0.001),
    )
    line = namespace["access_log_format"] % atoms
    assert "/api/v1/werkzoekenden" in line
    assert BSN not in line
    assert "accesslog" in namespace and namespace["accesslog"] == "-"
