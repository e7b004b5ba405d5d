"""Identifiers (BSN, KvK, establishment number, postcode): one normal form, ASCII
digits only, in every channel: forms, API, searches and demo data."""

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

from clients.models import Client
from employers.models import Employer
from ijmondwerkt import identifiers
from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.conftest import VALID_BSN
from tests.conftest import PartnerFactory, bearer, logged_in

FULLWIDTH = VALID_BSN.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
ARABIC_INDIC = VALID_BSN.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
SUPERSCRIPT_LAST = VALID_BSN[:-1] + "³"  # ³ passes str.isdigit(), not int()
FOREIGN_DIGITS = "Gebruik alleen de cijfers 0 tot en met 9"

NEW_CLIENT = {
    "voornaam": "Fatima",
    "achternaam": "El Amrani",
    "geboortedatum": "1980-05-17",
    "postcode": "1971ab",
    "gemeente": "0453",
    "datumAanmelding": "2026-11-02",
}


# --- the module ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [VALID_BSN, "1112.22.333", " 111 222 333 ", "111-222-333", FULLWIDTH],
)
def test_bsn_forms_people_type_are_one_number(typed: str) -> None:
    assert identifiers.normalise_bsn(typed) == VALID_BSN


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (ARABIC_INDIC, FOREIGN_DIGITS),
        (SUPERSCRIPT_LAST, FOREIGN_DIGITS),
        ("१११२२२३३३", FOREIGN_DIGITS),  # Devanagari
        ("11122233", "precies 9 cijfers"),  # no silent leading zero
        ("1112223334", "precies 9 cijfers"),
        ("11122233x", "precies 9 cijfers"),
        ("123456789", "elfproef"),
        ("000000000", "elfproef"),
        ("", "precies 9 cijfers"),
    ],
)
def test_bsn_refusals_are_dutch_and_never_repeat_the_value(
    typed: str, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        identifiers.normalise_bsn(typed)
    text = " ".join(exc.value.messages)
    assert message in text
    assert typed.strip() == "" or typed not in text


def test_kvk_establishment_and_postcode() -> None:
    assert identifiers.normalise_kvk("3411 2233") == "34112233"
    assert identifiers.normalise_kvk("34.11.22.33") == "34112233"
    assert identifiers.normalise_establishment_number("0001.2345.6789") == (
        "000123456789"
    )
    assert identifiers.normalise_establishment_number("") == ""
    assert identifiers.normalise_postcode("1971ab") == "1971 AB"
    assert identifiers.normalise_postcode("１９７１ ab") == "1971 AB"
    for normalise, value in [
        (identifiers.normalise_kvk, "٣٤١١٢٢٣٣"),
        (identifiers.normalise_kvk, "3411223³"),
        (identifiers.normalise_establishment_number, "٠٠٠١٢٣٤٥٦٧٨٩"),
        (identifiers.normalise_postcode, "١٩٧١ AB"),
    ]:
        with pytest.raises(ValidationError, match=FOREIGN_DIGITS):
            normalise(value)
    with pytest.raises(ValidationError, match="8 cijfers"):
        identifiers.normalise_kvk("1234567")
    with pytest.raises(ValidationError, match="postcode"):
        identifiers.normalise_postcode("1971 SA")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("111222333", True),
        ("1112.22.333", True),
        ("111 222 333", True),
        ("111-222-333", True),
        (FULLWIDTH, True),
        (ARABIC_INDIC, True),
        (SUPERSCRIPT_LAST, True),
        ("Jan 111222333", True),
        ("/clienten/?zoek=111222333", True),
        ("%2Fclienten%2F%3Fzoek%3D111222333", True),
        ("%252Fclienten%252F%253Fzoek%253D111222333", True),
        ("12345678", False),  # a KvK number
        ("1234567890", False),
        ("2026-12-01", False),
        ("01-12-2026 10:00", False),
        ("0612345678", False),
        ("1971 AB", False),
        ("9e1c6d0a-1234-5678-9abc-123456789abc", False),
        ("abc123456789", False),
        ("Fatima El Amrani", False),
    ],
)
def test_what_counts_as_a_bsn_in_an_address(value: str, expected: bool) -> None:
    assert identifiers.contains_bsn_like(value) is expected


def test_lock_key_is_keyed_and_fits_a_bigint() -> None:
    key = identifiers.bsn_lock_key(VALID_BSN)
    assert 0 <= key < 2**63
    assert str(VALID_BSN) not in str(key)
    assert key != identifiers.bsn_lock_key("123456782")


# --- pages -------------------------------------------------------------------------------


def _register_data(velsen: Municipality, **overrides: str) -> dict[str, str]:
    data = {
        "bsn": VALID_BSN,
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "date_of_birth": "1980-05-17",
        "postcode": "1971ab",
        "municipality": str(velsen.pk),
        "registration_date": timezone.localdate().isoformat(),
        "klantmanager": "",
        "languages": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_register_page_normalises_fullwidth_and_refuses_other_digit_forms(
    klantmanager_velsen: User, velsen: Municipality, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    browser = logged_in(klantmanager_velsen)
    url = reverse("clients:register")
    assert browser.post(url, _register_data(velsen, bsn=FULLWIDTH)).status_code == 302
    assert Client.objects.get().bsn == VALID_BSN

    for copy in (FULLWIDTH, "1112.22.333", ARABIC_INDIC, SUPERSCRIPT_LAST):
        response = browser.post(
            url, _register_data(velsen, bsn=copy, toch_aanmelden="1")
        )
        assert response.status_code == 422
        content = response.content.decode()
        assert (
            "Er bestaat al een dossier met dit BSN." in content
            or FOREIGN_DIGITS in content
        )
    assert Client.objects.count() == 1
    assert not [r for r in caplog.records if VALID_BSN in r.getMessage()]


@pytest.mark.django_db
def test_register_page_reports_every_invalid_field_at_once(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    response = logged_in(klantmanager_velsen).post(
        reverse("clients:register"),
        _register_data(
            velsen,
            bsn="123456789",
            first_name="",
            date_of_birth="geen datum",
            postcode="١٩٧١ AB",
        ),
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) >= {"bsn", "first_name", "date_of_birth", "postcode"}
    assert "elfproef" in errors["bsn"][0]
    assert FOREIGN_DIGITS in errors["postcode"][0]
    assert not Client.objects.exists()


@pytest.mark.django_db
def test_edit_page_cannot_take_a_look_alike_of_another_files_bsn(
    klantmanager_velsen: User, velsen: Municipality, velsen_client: Client
) -> None:
    other = Client.objects.create(
        bsn=VALID_BSN,
        first_name="Ander",
        last_name="Dossier",
        date_of_birth=velsen_client.date_of_birth,
        municipality=velsen,
        registration_date=velsen_client.registration_date,
    )
    browser = logged_in(klantmanager_velsen)
    form = browser.get(reverse("clients:edit", args=[velsen_client.uuid])).context[
        "form"
    ]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        bsn=FULLWIDTH,
        klantmanager=klantmanager_velsen.pk,
        barrier_categories=[],
        languages="",
        target_group="",
    )
    response = browser.post(reverse("clients:edit", args=[velsen_client.uuid]), data)
    assert response.status_code == 422
    assert "Er bestaat al een dossier met dit BSN." in response.content.decode()
    velsen_client.refresh_from_db()
    assert velsen_client.bsn != other.bsn


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "status", "message"),
    [
        (FULLWIDTH, 302, ""),
        ("1112.22.333", 302, ""),
        (ARABIC_INDIC, 422, FOREIGN_DIGITS),
        (SUPERSCRIPT_LAST, 422, FOREIGN_DIGITS),
        ("123456789", 422, "elfproef"),
    ],
)
def test_bsn_search_form_finds_the_file_or_says_why_not(
    klantmanager_velsen: User,
    velsen: Municipality,
    typed: str,
    status: int,
    message: str,
) -> None:
    client = Client.objects.create(
        bsn=VALID_BSN,
        first_name="Fatima",
        last_name="El Amrani",
        date_of_birth=date(1980, 5, 17),
        municipality=velsen,
        registration_date=timezone.localdate(),
    )
    response = logged_in(klantmanager_velsen).post(
        reverse("clients:bsn_search"), {"bsn": typed}
    )
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == client.get_absolute_url()
    else:
        assert message in response.content.decode()
    assert response.wsgi_request.sensitive_post_parameters == ("bsn",)  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_client_list_search_with_foreign_digits_is_no_error(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    for term in ("١٩٧١", "²", "Piet ٣", "1971 ab"):
        assert browser.get(reverse("clients:list"), {"zoek": term}).status_code == 200


# --- API ---------------------------------------------------------------------------------


@pytest.fixture
def velsen_partner(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    cache.clear()
    _, credentials = make_partner(
        scopes=["werkzoekenden.lezen", "werkzoekenden.schrijven"],
        municipalities=[velsen],
    )
    return bearer(credentials.api_key)


@pytest.mark.django_db
def test_api_normalises_fullwidth_and_refuses_other_digit_forms(
    velsen_partner: APIClient, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    created = velsen_partner.post(
        "/api/v1/werkzoekenden", {**NEW_CLIENT, "bsn": FULLWIDTH}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["bsn"] == VALID_BSN
    for copy in (FULLWIDTH, ARABIC_INDIC, SUPERSCRIPT_LAST, "111 222 333"):
        response = velsen_partner.post(
            "/api/v1/werkzoekenden", {**NEW_CLIENT, "bsn": copy}, format="json"
        )
        assert response.status_code == 400, response.content
        assert [p["name"] for p in response.json()["invalidParams"]] == ["bsn"]
    assert Client.objects.count() == 1

    found = velsen_partner.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": FULLWIDTH}, format="json"
    )
    assert [c["uuid"] for c in found.json()["results"]] == [created.json()["uuid"]]
    refused = velsen_partner.post(
        "/api/v1/werkzoekenden/_zoek", {"bsn": SUPERSCRIPT_LAST}, format="json"
    )
    assert refused.status_code == 400
    assert FOREIGN_DIGITS in refused.json()["invalidParams"][0]["reason"]
    assert not [r for r in caplog.records if VALID_BSN in r.getMessage()]


@pytest.mark.django_db
def test_api_reports_every_invalid_field_at_once(velsen_partner: APIClient) -> None:
    response = velsen_partner.post(
        "/api/v1/werkzoekenden",
        {
            **NEW_CLIENT,
            "bsn": "123456789",
            "voornaam": "",
            "geboortedatum": "17-05-1980x",
            "postcode": "١٩٧١ AB",
        },
        format="json",
    )
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"bsn", "voornaam", "geboortedatum", "postcode"}
    assert not Client.objects.exists()


# --- employers ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_employer_api_and_search_by_kvk(
    make_partner: PartnerFactory, velsen: Municipality, werkmakelaar: User
) -> None:
    cache.clear()
    _, credentials = make_partner(
        scopes=["werkgevers.lezen", "werkgevers.schrijven"], municipalities=[velsen]
    )
    api = bearer(credentials.api_key)
    base = {"naam": "Tata Steel", "gemeente": "0453"}
    refused = api.post(
        "/api/v1/werkgevers",
        {**base, "kvkNummer": "٣٤١١٢٢٣٣", "postcode": "1971 SA"},
        format="json",
    )
    assert refused.status_code == 400, refused.content
    assert {p["name"] for p in refused.json()["invalidParams"]} == {
        "kvkNummer",
        "postcode",
    }
    created = api.post(
        "/api/v1/werkgevers",
        {**base, "kvkNummer": "３４１１ ２２３３", "postcode": "1971ab"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert (created.json()["kvkNummer"], created.json()["postcode"]) == (
        "34112233",
        "1971 AB",
    )
    again = api.post(
        "/api/v1/werkgevers", {**base, "kvkNummer": "3411.2233"}, format="json"
    )
    assert again.status_code == 400
    assert Employer.objects.count() == 1

    browser = logged_in(werkmakelaar)
    for term, found in [("３４１１", True), ("3411 22", True), ("٣٤١١", False)]:
        page = browser.get(reverse("employers:list"), {"zoek": term})
        assert page.status_code == 200
        assert ("Tata Steel" in page.content.decode()) is found
