"""HTTP hardening: Content-Security-Policy, Permissions-Policy and no-store.

The browser side (no violation on real pages, htmx under the policy) is in
tests/e2e/test_csp.py.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from django.core.cache import cache
from django.test import Client, override_settings

from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.factories import ClientFactory
from tests.conftest import PartnerFactory, bearer, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


def directives(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def no_store(response: Any) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_pages_carry_a_strict_content_security_policy(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    client = ClientFactory.create(municipality=velsen, klantmanager=klantmanager_velsen)
    for response in [
        Client().get("/inloggen/"),
        logged_in(klantmanager_velsen).get(f"/werkzoekenden/{client.uuid}"),
    ]:
        assert response.status_code == 200
        policy = directives(response)
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["default-src"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_htmx_is_configured_for_the_policy(klantmanager_velsen: User) -> None:
    html = logged_in(klantmanager_velsen).get("/").content.decode()
    found = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    assert found is not None
    config = json.loads(found[1])
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert "<style" not in html
    assert " style=" not in html
    assert "<script>" not in html


def test_api_docs_need_no_inline_script_or_style() -> None:
    page = Client().get("/api/v1/docs")
    assert page.status_code == 200
    assert "unsafe-inline" not in page["Content-Security-Policy"]
    html = page.content.decode()
    assert "<script>" not in html
    assert "<style" not in html
    script = Client().get("/api/v1/docs?script=")
    assert script.status_code == 200
    assert script["Content-Type"] == "application/javascript"
    assert "SwaggerUIBundle(" in script.content.decode()


def test_permissions_policy_on_pages_api_and_static(
    klantmanager_velsen: User,
) -> None:
    for response in [
        Client().get("/inloggen/"),
        logged_in(klantmanager_velsen).get("/"),
        Client().get("/api/v1/gemeenten"),
        Client().get("/health"),
    ]:
        policy = response["Permissions-Policy"]
        for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
            assert f"{feature}=()" in policy


def test_client_page_is_not_stored(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    client = ClientFactory.create(municipality=velsen, klantmanager=klantmanager_velsen)
    browser = logged_in(klantmanager_velsen)
    for path in [
        f"/werkzoekenden/{client.uuid}",
        "/werkzoekenden/",
        f"/vacatures/passend/{client.uuid}",
        "/taken/",
        "/",
    ]:
        response = browser.get(path)
        assert response.status_code == 200, path
        assert no_store(response), path
        assert "private" in response["Cache-Control"], path


def test_client_api_list_is_not_stored(
    make_partner: PartnerFactory, velsen: Municipality, klantmanager_velsen: User
) -> None:
    ClientFactory.create(municipality=velsen)
    _partner, credentials = make_partner(
        scopes=["werkzoekenden.lezen"], municipalities=[velsen]
    )
    partner = bearer(credentials.api_key).get("/api/v1/werkzoekenden")
    staff = logged_in(klantmanager_velsen).get("/api/v1/werkzoekenden")
    refused = Client().get("/api/v1/werkzoekenden")
    assert (partner.status_code, staff.status_code, refused.status_code) == (
        200,
        200,
        401,
    )
    assert no_store(partner)
    assert no_store(staff)
    assert no_store(refused)


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_stay_cacheable(klantmanager_velsen: User) -> None:
    for browser in [Client(), logged_in(klantmanager_velsen)]:
        response = browser.get("/static/ijmondwerkt/app.css")
        assert response.status_code == 200
        assert not no_store(response)
        assert "Permissions-Policy" in response
