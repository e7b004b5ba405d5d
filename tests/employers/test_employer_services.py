from __future__ import annotations

from datetime import date

import pytest

from django.core.exceptions import ValidationError

from employers import services
from employers.models import Employer, Vacancy
from tests.employers.factories import (
    ContactPersonFactory,
    EmployerFactory,
    VacancyFactory,
    cluster,
)

pytestmark = pytest.mark.django_db


def messages_for(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(exc.value.message_dict[field])


def test_create_stores_employer_with_normalised_numbers(werkmakelaar) -> None:
    employer = services.employer_create(
        name="Staalbouw IJmond",
        kvk_number="3412 3456",
        establishment_number="0000.1234.5678",
        sector_cluster=cluster("bouw-infra"),
        postal_code="1971 ab",
        werkmakelaar=werkmakelaar,
    )
    employer.refresh_from_db()
    assert employer.kvk_number == "34123456"
    assert employer.establishment_number == "000012345678"
    assert employer.postal_code == "1971 AB"
    assert employer.werkmakelaar == werkmakelaar
    assert employer.version == 1


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", ""])
def test_create_refuses_invalid_kvk_number(kvk: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.employer_create(name="Bakkerij", kvk_number=kvk)
    assert "kvk_number" in exc.value.message_dict
    assert not Employer.objects.exists()


def test_create_refuses_duplicate_kvk_number_with_dutch_message() -> None:
    EmployerFactory.create(kvk_number="34123456")
    with pytest.raises(ValidationError) as exc:
        services.employer_create(name="Andere naam", kvk_number="3412 3456")
    assert (
        messages_for(exc, "kvk_number") == "Er is al een werkgever met dit KvK-nummer."
    )
    assert Employer.objects.count() == 1


def test_invalid_kvk_message_names_the_field() -> None:
    with pytest.raises(ValidationError) as exc:
        services.employer_create(name="Bakkerij", kvk_number="12")
    assert "KvK-nummer" in messages_for(exc, "kvk_number")


def test_establishment_number_must_have_12_digits() -> None:
    with pytest.raises(ValidationError) as exc:
        services.employer_create(
            name="Bakkerij", kvk_number="12345678", establishment_number="12345"
        )
    assert "vestigingsnummer" in messages_for(exc, "establishment_number")
    assert not Employer.objects.exists()


def test_social_return_needs_places_and_a_valid_period() -> None:
    with pytest.raises(ValidationError) as exc:
        services.employer_create(
            name="Bouw BV",
            kvk_number="12345678",
            has_social_return=True,
            social_return_start=date(2026, 1, 1),
            social_return_end=date(2025, 1, 1),
        )
    assert "social_return_places" in exc.value.message_dict
    assert "social_return_end" in exc.value.message_dict
    assert not Employer.objects.exists()


def test_without_social_return_the_agreement_is_cleared() -> None:
    employer = services.employer_create(
        name="Bouw BV",
        kvk_number="12345678",
        has_social_return=False,
        social_return_places=4,
    )
    assert employer.social_return_places is None


def test_assigned_werkmakelaar_must_have_that_role(klantmanager_velsen) -> None:
    with pytest.raises(ValidationError) as exc:
        services.employer_create(
            name="Bouw BV", kvk_number="12345678", werkmakelaar=klantmanager_velsen
        )
    assert "werkmakelaar" in exc.value.message_dict


def test_unknown_fields_are_a_programming_error() -> None:
    with pytest.raises(TypeError):
        services.employer_create(name="X", kvk_number="12345678", archived_at=None)


def test_update_changes_fields_and_bumps_version() -> None:
    employer = EmployerFactory.create(name="Oud")
    updated = services.employer_update(
        employer=employer, expected_version=1, name="Nieuw"
    )
    employer.refresh_from_db()
    assert (employer.name, employer.version) == ("Nieuw", 2)
    assert updated.version == 2


def test_update_with_stale_version_is_refused_and_changes_nothing() -> None:
    employer = EmployerFactory.create(name="Oud")
    services.employer_update(employer=employer, expected_version=1, name="Collega")
    with pytest.raises(ValidationError) as exc:
        services.employer_update(employer=employer, expected_version=1, name="Ik")
    assert "gewijzigd" in messages_for(exc, "version")
    employer.refresh_from_db()
    assert employer.name == "Collega"


def test_update_refuses_kvk_of_another_employer() -> None:
    EmployerFactory.create(kvk_number="11111111")
    employer = EmployerFactory.create(kvk_number="22222222")
    with pytest.raises(ValidationError) as exc:
        services.employer_update(
            employer=employer, expected_version=1, kvk_number="11111111"
        )
    assert "kvk_number" in exc.value.message_dict
    employer.refresh_from_db()
    assert employer.kvk_number == "22222222"


def test_archive_withdraws_open_vacancies_and_restore_brings_employer_back() -> None:
    employer = EmployerFactory.create()
    open_vacancy = VacancyFactory.create(employer=employer)
    filled = VacancyFactory.create(employer=employer, filled=True)
    services.employer_archive(employer=employer)
    open_vacancy.refresh_from_db()
    filled.refresh_from_db()
    assert employer.is_archived
    assert open_vacancy.status == Vacancy.Status.WITHDRAWN
    assert filled.status == Vacancy.Status.FILLED
    assert not Employer.objects.active().exists()
    services.employer_archive(employer=employer, archive=False)
    assert Employer.objects.active().get() == employer


def test_contact_person_save_creates_and_updates() -> None:
    employer = EmployerFactory.create()
    person = services.contact_person_save(
        employer=employer,
        name=" Piet Smit ",
        job_title="Teamleider",
        phone="0251 123456",
    )
    assert person.name == "Piet Smit"
    services.contact_person_save(
        employer=employer,
        contact_person=person,
        expected_version=1,
        name="Piet Smit",
        active=False,
    )
    person.refresh_from_db()
    assert person.active is False
    assert person.job_title == ""
    assert person.version == 2


@pytest.mark.parametrize("version", [None, 0])
def test_contact_person_change_needs_the_version_as_read(version: int | None) -> None:
    person = ContactPersonFactory.create(name="Piet Smit")
    with pytest.raises(ValidationError) as exc:
        services.contact_person_save(
            employer=person.employer,
            contact_person=person,
            expected_version=version,
            name="Kees Smit",
        )
    assert "intussen gewijzigd door" in messages_for(exc, "version")
    person.refresh_from_db()
    assert (person.name, person.version) == ("Piet Smit", 1)


def test_contact_person_of_another_employer_cannot_be_edited_through_this_one() -> None:
    person = ContactPersonFactory.create()
    with pytest.raises(ValidationError):
        services.contact_person_save(
            employer=EmployerFactory.create(), contact_person=person, name="Kaper"
        )
    person.refresh_from_db()
    assert person.name == "Sanne de Boer"


def test_contact_person_email_and_phone_are_validated() -> None:
    with pytest.raises(ValidationError) as exc:
        services.contact_person_save(
            employer=EmployerFactory.create(),
            name="Piet",
            email="geen-mail",
            phone="12",
        )
    assert {"email", "phone"} <= set(exc.value.message_dict)
