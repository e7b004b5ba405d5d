"""What one municipality learns about files of another (docs/security.md,
"Decision: existence of a file in another municipality").

A BSN with a file elsewhere is told as a bare fact (no name, address or
municipality); a person with the same name and birth date elsewhere is not
told at all. Klantmanager of the own and of the other municipality, and a
partner system, through pages and API.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import pytest

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from clients import services
from clients.models import Client
from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.conftest import VALID_BSN
from tests.clients.factories import ClientFactory
from tests.conftest import PartnerFactory, bearer, logged_in

pytestmark = pytest.mark.django_db

OTHER_MUNICIPALITY = "Er loopt al een dossier met dit BSN bij een andere gemeente."
OWN_MUNICIPALITY = "Er bestaat al een dossier met dit BSN."
BIRTH = "1980-05-17"


@pytest.fixture
def beverwijk_file(beverwijk: Municipality, klantmanager_beverwijk: User) -> Client:
    return ClientFactory.create(
        bsn=VALID_BSN,
        first_name="Fatima",
        last_name="El Amrani",
        date_of_birth=date(1980, 5, 17),
        street="Breestraat",
        city="Beverwijk",
        postcode="1941 AA",
        municipality=beverwijk,
        klantmanager=klantmanager_beverwijk,
    )


def _form(municipality: Municipality, **overrides: str) -> dict[str, str]:
    data = {
        "bsn": VALID_BSN,
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "date_of_birth": BIRTH,
        "postcode": "1971 AB",
        "municipality": str(municipality.pk),
        "registration_date": timezone.localdate().isoformat(),
        "klantmanager": "",
        "languages": "",
        "toch_aanmelden": "1",
    }
    data.update(overrides)
    return data


def _tells_nothing_about(content: str, client: Client) -> None:
    content = content.split("<footer")[0]  # the footer names every municipality
    for detail in ("Beverwijk", client.street, client.postcode, client.bsn_masked):
        assert detail not in content
    assert str(client.uuid) not in content


def test_klantmanager_of_another_municipality_learns_only_that_a_file_exists(
    klantmanager_velsen: User, velsen: Municipality, beverwijk_file: Client, caplog: Any
) -> None:
    caplog.set_level(logging.INFO)
    response = logged_in(klantmanager_velsen).post(
        reverse("clients:register"), _form(velsen)
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert OTHER_MUNICIPALITY in content
    assert "functioneel beheerder" in content
    _tells_nothing_about(content, beverwijk_file)
    assert Client.objects.count() == 1
    # The privacy officer can see who was told, without the BSN in the log.
    told = [r.getMessage() for r in caplog.records if r.name == "ijmondwerkt.security"]
    assert any(str(beverwijk_file.uuid) in message for message in told)
    assert not [r for r in caplog.records if VALID_BSN in r.getMessage()]


def test_klantmanager_of_the_own_municipality_hears_the_file_exists(
    klantmanager_beverwijk: User, beverwijk: Municipality, beverwijk_file: Client
) -> None:
    response = logged_in(klantmanager_beverwijk).post(
        reverse("clients:register"), _form(beverwijk)
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert OWN_MUNICIPALITY in content
    assert OTHER_MUNICIPALITY not in content


def test_a_changed_bsn_is_checked_the_same_way(
    klantmanager_velsen: User, velsen_client: Client, beverwijk_file: Client
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.client_update(
            client=velsen_client,
            expected_version=velsen_client.version,
            user=klantmanager_velsen,
            bsn=VALID_BSN,
        )
    assert exc.value.message_dict["bsn"][0].startswith(OTHER_MUNICIPALITY)


def test_same_name_and_birth_date_elsewhere_is_not_revealed(
    klantmanager_velsen: User,
    klantmanager_beverwijk: User,
    velsen: Municipality,
    beverwijk: Municipality,
    beverwijk_file: Client,
) -> None:
    other_bsn = "123456782"
    velsen_browser = logged_in(klantmanager_velsen)
    check = velsen_browser.post(
        reverse("clients:duplicate_check"), _form(velsen, bsn=other_bsn)
    )
    assert "Mogelijk dubbel" not in check.content.decode()
    register = velsen_browser.post(
        reverse("clients:register"),
        {
            k: v
            for k, v in _form(velsen, bsn=other_bsn).items()
            if k != "toch_aanmelden"
        },
    )
    assert register.status_code == 302  # no confirmation step: nothing to confirm
    assert Client.objects.count() == 2

    # Within the own municipality the warning stays, with a link to the file.
    check = logged_in(klantmanager_beverwijk).post(
        reverse("clients:duplicate_check"), _form(beverwijk, bsn="999990019")
    )
    content = check.content.decode()
    assert "Mogelijk dubbel" in content
    assert "1 dossier met dezelfde naam" in content
    assert beverwijk_file.get_absolute_url() in content


# --- API ---------------------------------------------------------------------------------


def _partner(make_partner: PartnerFactory, municipality: Municipality) -> APIClient:
    cache.clear()
    _, credentials = make_partner(
        scopes=["werkzoekenden.lezen", "werkzoekenden.schrijven"],
        municipalities=[municipality],
    )
    return bearer(credentials.api_key)


NEW_CLIENT = {
    "bsn": VALID_BSN,
    "voornaam": "Fatima",
    "achternaam": "El Amrani",
    "geboortedatum": BIRTH,
    "datumAanmelding": "2026-11-02",
}


def test_partner_of_another_municipality_learns_only_that_a_file_exists(
    make_partner: PartnerFactory,
    velsen: Municipality,
    beverwijk_file: Client,
    caplog: Any,
) -> None:
    caplog.set_level(logging.DEBUG)
    partner = _partner(make_partner, velsen)
    response = partner.post(
        "/api/v1/werkzoekenden", {**NEW_CLIENT, "gemeente": "0453"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert [p["name"] for p in body["invalidParams"]] == ["bsn"]
    assert body["invalidParams"][0]["reason"].startswith(OTHER_MUNICIPALITY)
    _tells_nothing_about(response.content.decode(), beverwijk_file)
    # Searching and reading tell nothing: the same answer as for no file at all.
    found = partner.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": VALID_BSN}, format="json"
    )
    assert found.status_code == 200
    assert found.json()["count"] == 0
    assert partner.get(f"/api/v1/werkzoekenden/{beverwijk_file.uuid}").status_code == (
        404
    )
    assert Client.objects.count() == 1
    assert not [r for r in caplog.records if VALID_BSN in r.getMessage()]


def test_partner_of_the_own_municipality_hears_the_file_exists(
    make_partner: PartnerFactory, beverwijk: Municipality, beverwijk_file: Client
) -> None:
    partner = _partner(make_partner, beverwijk)
    response = partner.post(
        "/api/v1/werkzoekenden", {**NEW_CLIENT, "gemeente": "0375"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["reason"] == OWN_MUNICIPALITY
    found = partner.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": VALID_BSN}, format="json"
    )
    assert [c["uuid"] for c in found.json()["results"]] == [str(beverwijk_file.uuid)]
