"""Partner credentials: OAuth2 client credentials, API keys, rotation and revocation."""

from __future__ import annotations

import base64
import logging
from typing import Any

import pytest

from django.core.exceptions import ValidationError
from oauth2_provider.models import AccessToken, Application
from rest_framework.test import APIClient

from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.partners.models import PartnerSystem
from ijmondwerkt.partners.services import (
    Credentials,
    partner_create,
    partner_revoke,
    partner_rotate_secret,
)
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def obtain_token(credentials: Credentials) -> APIClient | int:
    basic = base64.b64encode(
        f"{credentials.client_id}:{credentials.client_secret}".encode()
    )
    response = APIClient().post(
        "/api/v1/oauth/token",
        {"grant_type": "client_credentials"},
        format="multipart",
        HTTP_AUTHORIZATION=f"Basic {basic.decode()}",
    )
    if response.status_code != 200:
        return response.status_code
    return bearer(response.json()["access_token"])


def test_client_credentials_token_gives_access(
    uwv_velsen: tuple[PartnerSystem, Credentials],
) -> None:
    client = obtain_token(uwv_velsen[1])
    assert isinstance(client, APIClient)
    response = client.get("/api/v1/gemeenten")
    assert response.status_code == 200
    assert [m["code"] for m in response.json()["results"]] == ["0453"]


def test_secrets_are_stored_hashed(
    uwv_velsen: tuple[PartnerSystem, Credentials],
) -> None:
    partner, credentials = uwv_velsen
    partner.refresh_from_db()
    assert partner.application is not None
    assert credentials.client_secret not in partner.application.client_secret
    assert credentials.api_key.split(".")[1] not in partner.api_key_hash


def test_rotation_invalidates_old_secret_key_and_tokens(
    uwv_velsen: tuple[PartnerSystem, Credentials],
) -> None:
    partner, old = uwv_velsen
    old_token_client = obtain_token(old)
    assert isinstance(old_token_client, APIClient)

    new = partner_rotate_secret(partner=partner)

    assert obtain_token(old) == 401
    assert bearer(old.api_key).get("/api/v1/gemeenten").status_code == 401
    assert old_token_client.get("/api/v1/gemeenten").status_code == 401
    assert bearer(new.api_key).get("/api/v1/gemeenten").status_code == 200
    new_client = obtain_token(new)
    assert isinstance(new_client, APIClient)
    assert new_client.get("/api/v1/gemeenten").status_code == 200


def test_revoked_partner_is_locked_out(
    uwv_velsen: tuple[PartnerSystem, Credentials],
) -> None:
    partner, credentials = uwv_velsen
    token_client = obtain_token(credentials)
    assert isinstance(token_client, APIClient)
    partner_revoke(partner=partner)
    assert not partner.user.is_active
    assert bearer(credentials.api_key).get("/api/v1/gemeenten").status_code == 401
    assert token_client.get("/api/v1/gemeenten").status_code == 401


def token_response(credentials: Credentials, **data: str) -> Any:
    basic = base64.b64encode(
        f"{credentials.client_id}:{credentials.client_secret}".encode()
    )
    return APIClient().post(
        "/api/v1/oauth/token",
        {"grant_type": "client_credentials", **data},
        format="multipart",
        HTTP_AUTHORIZATION=f"Basic {basic.decode()}",
    )


def test_revoked_partner_obtains_no_token(
    uwv_velsen: tuple[PartnerSystem, Credentials], caplog: pytest.LogCaptureFixture
) -> None:
    partner, credentials = uwv_velsen
    partner_revoke(partner=partner)

    with caplog.at_level(logging.WARNING, logger="ijmondwerkt.security"):
        response = token_response(credentials)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "invalid_client"
    assert "access_token" not in response.json()
    assert not AccessToken.objects.filter(
        application_id=partner.application_id
    ).exists()
    assert (
        "event=partner_token outcome=refused_inactive username=- ip=127.0.0.1 "
        f"client_id={credentials.client_id}"
    ) in caplog.messages
    assert credentials.client_secret not in caplog.text


def test_partner_switched_off_in_admin_obtains_no_token(
    uwv_velsen: tuple[PartnerSystem, Credentials],
) -> None:
    # Only the technical user deactivated, or only the flag: either one locks out.
    partner, credentials = uwv_velsen
    partner.user.is_active = False
    partner.user.save(update_fields=["is_active"])
    assert token_response(credentials).json()["error"] == "invalid_client"
    partner.user.is_active = True
    partner.user.save(update_fields=["is_active"])
    PartnerSystem.objects.filter(pk=partner.pk).update(active=False)
    assert token_response(credentials).json()["error"] == "invalid_client"
    assert not AccessToken.objects.exists()


def test_oauth_client_without_partner_obtains_no_token(db: None) -> None:
    application = Application.objects.create(
        name="Los",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret="los-geheim-" + "x" * 30,
    )
    credentials = Credentials(
        client_id=application.client_id,
        client_secret="los-geheim-" + "x" * 30,
        api_key="",
    )
    assert token_response(credentials).status_code == 401
    assert not AccessToken.objects.exists()


def test_token_success_is_rfc6749_json(
    uwv_velsen: tuple[PartnerSystem, Credentials],
) -> None:
    response = token_response(uwv_velsen[1])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["access_token"]


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_token_endpoint_other_methods_answer_problem_json(
    method: str, db: None
) -> None:
    response = getattr(APIClient(), method)("/api/v1/oauth/token")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "POST, OPTIONS"
    body = response.json()
    assert body["status"] == 405
    assert body["code"] == "method_not_allowed"
    assert body["instance"] == "/api/v1/oauth/token"
    assert "POST" in body["detail"]


@pytest.mark.parametrize(
    ("grant_type", "error"),
    [
        ("", "invalid_request"),
        ("password", "unsupported_grant_type"),
        ("authorization_code", "unsupported_grant_type"),
        # Would reach a lookup that needs device_code and fail with a 500.
        ("urn:ietf:params:oauth:grant-type:device_code", "unsupported_grant_type"),
    ],
)
def test_token_endpoint_accepts_only_client_credentials(
    uwv_velsen: tuple[PartnerSystem, Credentials], grant_type: str, error: str
) -> None:
    response = token_response(uwv_velsen[1], grant_type=grant_type)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == error
    assert not AccessToken.objects.exists()


def test_wrong_secret_is_invalid_client(
    uwv_velsen: tuple[PartnerSystem, Credentials],
) -> None:
    credentials = uwv_velsen[1]
    wrong = Credentials(
        client_id=credentials.client_id, client_secret="fout", api_key=""
    )
    response = token_response(wrong)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_unknown_scope_is_refused(velsen: Municipality) -> None:
    with pytest.raises(ValidationError) as excinfo:
        partner_create(name="Fout", municipalities=[velsen], scopes=["alles.mogen"])
    assert "scopes" in excinfo.value.message_dict
    assert not PartnerSystem.objects.filter(name="Fout").exists()
