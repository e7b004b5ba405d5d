"""Size and plausibility: every free-text field has a maximum, in the database too,
and dates outside a believable range are refused with a Dutch message."""

from __future__ import annotations

from datetime import date

import pytest

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from clients.models import Client, Contact, ContactChannel
from clients.validators import make_bsn
from employers.models import EmployerContact
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.fields import BoundedTextField
from ijmondwerkt.validators import birth_date, past_date, plausible_date
from tests.clients.conftest import register
from tests.conftest import PartnerFactory, bearer, logged_in
from tests.employers.factories import EmployerFactory, contact_kind

OWN_APPS = ("clients", "employers", "trajectories", "budgets", "reports")


@pytest.fixture
def june_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "ijmondwerkt.validators.timezone.localdate", lambda: date(2026, 6, 1)
    )


def test_every_text_field_is_bounded_with_a_database_check() -> None:
    unbounded, unchecked = [], []
    for model in apps.get_models():
        if model._meta.app_label not in OWN_APPS:
            continue
        names = {c.name for c in model._meta.constraints}
        for field in model._meta.concrete_fields:
            label = f"{model._meta.label}.{field.name}"
            if field.get_internal_type() == "TextField" and not isinstance(
                field, BoundedTextField
            ):
                unbounded.append(label)
            if isinstance(field, BoundedTextField) and (
                f"{model._meta.db_table}_{field.name}_max_length" not in names
            ):
                unchecked.append(label)
    assert unbounded == [], "use ijmondwerkt.fields.BoundedTextField"
    assert unchecked == [], "add max_length_checks(...) to Meta.constraints"


@pytest.mark.usefixtures("june_2026")
@pytest.mark.parametrize(
    ("validator", "value", "message"),
    [
        (birth_date(), date(1899, 12, 31), "Een datum vóór 01-01-1900"),
        (birth_date(), date(1, 1, 1), "Een datum vóór 01-01-1900"),
        (birth_date(), date(2026, 6, 2), "Deze datum ligt in de toekomst."),
        (plausible_date(), date(1989, 12, 31), "Een datum vóór 01-01-1990"),
        (plausible_date(), date(2031, 6, 2), "meer dan 5 jaar vooruit"),
        (plausible_date(), date(9999, 12, 31), "meer dan 5 jaar vooruit"),
        (past_date(), date(2026, 6, 2), "Deze datum ligt in de toekomst."),
    ],
)
def test_implausible_dates_are_refused(validator, value, message) -> None:
    with pytest.raises(ValidationError) as exc:
        validator(value)
    assert message in exc.value.messages[0]


@pytest.mark.usefixtures("june_2026")
@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (birth_date(), date(1900, 1, 1)),
        (birth_date(), date(2026, 6, 1)),
        (plausible_date(), date(1990, 1, 1)),
        (plausible_date(), date(2031, 6, 1)),
        (past_date(), date(2026, 6, 1)),
    ],
)
def test_plausible_dates_pass(validator, value) -> None:
    validator(value)


MEGABYTE = "x" * 1_000_000


@pytest.fixture
def velsen_partner(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    cache.clear()
    _, credentials = make_partner(
        scopes=[
            "werkzoekenden.lezen",
            "werkzoekenden.schrijven",
            "klantcontacten.lezen",
            "klantcontacten.schrijven",
        ],
        municipalities=[velsen],
    )
    return bearer(credentials.api_key)


@pytest.mark.django_db
def test_megabyte_note_is_refused_in_the_page(klantmanager_velsen: User) -> None:
    client = register(klantmanager_velsen, klantmanager_velsen.municipalities.get())
    channel = ContactChannel.objects.get(code="telefoon")
    response = logged_in(klantmanager_velsen).post(
        reverse("clients:contact_record", args=[client.uuid]),
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "channel": channel.pk,
            "subject": "Sollicitatie besproken",
            "notes": MEGABYTE,
        },
    )
    page = response.content.decode()
    assert response.status_code in (200, 422)
    assert "niet meer dan 10000 tekens" in page
    assert 'maxlength="10000"' in page
    assert not Contact.objects.exists()


@pytest.mark.django_db
def test_megabyte_note_is_refused_by_the_api(
    velsen_partner: APIClient, klantmanager_velsen: User
) -> None:
    client = register(klantmanager_velsen, klantmanager_velsen.municipalities.get())
    response = velsen_partner.post(
        "/api/v1/klantcontacten",
        {
            "werkzoekende": str(client.uuid),
            "datumTijd": "2026-11-20T10:00:00+01:00",
            "contactvorm": "telefoon",
            "onderwerp": "Gesprek",
            "verslag": MEGABYTE,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["verslag"]
    assert not Contact.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_text_past_the_limit(klantmanager_velsen: User) -> None:
    client = register(klantmanager_velsen, klantmanager_velsen.municipalities.get())
    with pytest.raises(IntegrityError), transaction.atomic():
        Client.objects.filter(pk=client.pk).update(work_experience="x" * 4001)


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_implausible_dates_are_refused_in_the_page(
    klantmanager_velsen: User, velsen: Municipality, day: str
) -> None:
    data = {
        "bsn": make_bsn(4242),
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "date_of_birth": day,
        "postcode": "1971ab",
        "municipality": str(velsen.pk),
        "registration_date": day,
        "klantmanager": "",
    }
    response = logged_in(klantmanager_velsen).post(reverse("clients:register"), data)
    page = response.content.decode()
    assert response.status_code == 422
    assert 'href="#id_date_of_birth"' in page or "id_date_of_birth-fout" in page
    assert ("niet aannemelijk" in page) or ("in de toekomst" in page)
    assert not Client.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_implausible_dates_are_refused_by_the_api(
    velsen_partner: APIClient, day: str
) -> None:
    response = velsen_partner.post(
        "/api/v1/werkzoekenden",
        {
            "bsn": make_bsn(4242),
            "voornaam": "Fatima",
            "achternaam": "El Amrani",
            "geboortedatum": day,
            "postcode": "1971ab",
            "gemeente": "0453",
            "datumAanmelding": day,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"geboortedatum", "datumAanmelding"} <= names
    assert not Client.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_implausible_employer_dates_are_refused(werkmakelaar: User, day: str) -> None:
    employer = EmployerFactory.create()
    response = logged_in(werkmakelaar).post(
        reverse("employers:contact_record", args=[employer.uuid]),
        {
            "kind": contact_kind("telefoon").pk,
            "subject": "Gebeld",
            "contact_date": day,
            "follow_up_date": day,
        },
    )
    assert response.status_code in (200, 400, 422)
    assert "niet aannemelijk" in response.content.decode()
    assert not EmployerContact.objects.exists()
