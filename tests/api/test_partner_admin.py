from __future__ import annotations

import re

import pytest

from django.urls import reverse

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.concurrency import fingerprint
from ijmondwerkt.partners.models import PartnerSystem
from tests.api.conftest import bearer
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_beheerder_registers_partner_and_sees_credentials_once(
    beheerder: User, velsen: Municipality
) -> None:
    client = logged_in(beheerder)
    response = client.post(
        reverse("admin:partners_partnersystem_add"),
        {
            "name": "UWV",
            "contact_email": "api@uwv.example",
            "municipalities": [velsen.pk],
            "scopes": ["gemeenten.lezen"],
            "throttle_rate": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ze worden niet opnieuw getoond" in html
    api_key = re.search(r"<code>(iw_[^<]+)</code>", html).group(1)  # type: ignore[union-attr]
    partner = PartnerSystem.objects.get(name="UWV")
    assert partner.scopes == ["gemeenten.lezen"]
    assert list(partner.user.municipalities.all()) == [velsen]
    assert partner.user.get_full_name() == "UWV (API)"
    assert not partner.user.has_usable_password()
    listing = bearer(api_key).get("/api/v1/gemeenten").json()
    assert [m["naam"] for m in listing["results"]] == ["Velsen"]

    change_page = client.get(
        reverse("admin:partners_partnersystem_change", args=[partner.pk])
    ).content.decode()
    assert api_key not in change_page


def test_rotate_action_shows_new_key_and_old_stops(
    beheerder: User, velsen: Municipality
) -> None:
    from ijmondwerkt.partners.services import partner_create

    partner, old = partner_create(
        name="Provider", municipalities=[velsen], scopes=["gemeenten.lezen"]
    )
    response = logged_in(beheerder).post(
        reverse("admin:partners_partnersystem_changelist"),
        {"action": "rotate_secret", "_selected_action": [partner.pk]},
    )
    new_key = re.search(r"<code>(iw_[^<]+)</code>", response.content.decode()).group(1)  # type: ignore[union-attr]
    assert bearer(old.api_key).get("/api/v1/gemeenten").status_code == 401
    assert bearer(new_key).get("/api/v1/gemeenten").status_code == 200


def test_beheerder_changes_scopes_and_municipalities(
    beheerder: User, velsen: Municipality, beverwijk: Municipality
) -> None:
    from ijmondwerkt.partners.services import partner_create

    partner, credentials = partner_create(
        name="BI", municipalities=[velsen], scopes=["gemeenten.lezen"]
    )
    response = logged_in(beheerder).post(
        reverse("admin:partners_partnersystem_change", args=[partner.pk]),
        {
            "loaded_fingerprint": fingerprint(PartnerSystem.objects.get(pk=partner.pk)),
            "name": "BI-tool",
            "contact_email": "",
            "municipalities": [velsen.pk, beverwijk.pk],
            "scopes": ["gemeenten.lezen"],
            "throttle_rate": "60/minute",
        },
    )
    assert response.status_code == 302
    listing = bearer(credentials.api_key).get("/api/v1/gemeenten").json()
    assert [m["naam"] for m in listing["results"]] == ["Beverwijk", "Velsen"]


def test_klantmanager_cannot_register_partners(klantmanager_velsen: User) -> None:
    response = logged_in(klantmanager_velsen).get(
        reverse("admin:partners_partnersystem_add")
    )
    # Logged in without the beheerder role: the app's 403 page, no form.
    assert response.status_code == 403
    assert b'name="scopes"' not in response.content
