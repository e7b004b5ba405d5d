"""Partner credentials: OAuth2 client credentials, API keys, rotation and revocation."""

from __future__ import annotations

import base64

import pytest

from django.core.exceptions import ValidationError
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


def test_unknown_scope_is_refused(velsen: Municipality) -> None:
    with pytest.raises(ValidationError) as excinfo:
        partner_create(name="Fout", municipalities=[velsen], scopes=["alles.mogen"])
    assert "scopes" in excinfo.value.message_dict
    assert not PartnerSystem.objects.filter(name="Fout").exists()
