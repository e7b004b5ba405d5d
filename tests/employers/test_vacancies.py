from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from clients.models import EducationLevel
from employers import services, tasks
from employers.models import Vacancy
from tests.employers.factories import EmployerFactory, VacancyFactory, cluster

pytestmark = pytest.mark.django_db


def create(**overrides: object) -> Vacancy:
    values: dict[str, object] = {
        "employer": EmployerFactory.create(),
        "title": "Orderpicker",
        "hours_per_week": Decimal("24"),
        "open_date": date(2026, 3, 1),
        "close_date": date(2026, 4, 1),
    }
    values.update(overrides)
    return services.vacancy_create(**values)  # type: ignore[arg-type]


def test_create_opens_vacancy_with_the_employers_sector(werkmakelaar) -> None:
    employer = EmployerFactory.create(sector_cluster=cluster("logistiek-transport"))
    vacancy = create(
        employer=employer,
        created_by=werkmakelaar,
        suits_banenafspraak=True,
        education_level=EducationLevel.objects.get(code="mbo2"),
        language_level="B1",
    )
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.OPEN
    assert vacancy.sector_cluster == employer.sector_cluster
    assert vacancy.suits_banenafspraak
    assert vacancy.places == 1


def test_close_date_before_open_date_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as exc:
        create(open_date=date(2026, 3, 1), close_date=date(2026, 2, 28))
    assert "sluitingsdatum" in " ".join(exc.value.message_dict["close_date"])
    assert not Vacancy.objects.exists()


@pytest.mark.parametrize("hours", [Decimal("-8"), Decimal("0")])
def test_hours_must_be_positive(hours: Decimal) -> None:
    with pytest.raises(ValidationError) as exc:
        create(hours_per_week=hours)
    assert exc.value.message_dict["hours_per_week"] == [
        "Het aantal uren per week moet groter dan 0 zijn."
    ]
    assert not Vacancy.objects.exists()


@pytest.mark.parametrize("places", [-1, 0])
def test_places_must_be_at_least_one(places: int) -> None:
    with pytest.raises(ValidationError) as exc:
        create(places=places)
    assert exc.value.message_dict["places"] == [
        "Het aantal plekken moet minstens 1 zijn."
    ]
    assert not Vacancy.objects.exists()


def test_archived_employer_gets_no_vacancy() -> None:
    with pytest.raises(ValidationError) as exc:
        create(employer=EmployerFactory.create(archived=True))
    assert "employer" in exc.value.message_dict
    assert not Vacancy.objects.exists()


def test_update_with_current_version_saves_and_stale_version_is_refused() -> None:
    vacancy = VacancyFactory.create(title="Oud")
    services.vacancy_update(vacancy=vacancy, expected_version=1, title="Nieuw")
    with pytest.raises(ValidationError) as exc:
        services.vacancy_update(vacancy=vacancy, expected_version=1, title="Verouderd")
    assert "version" in exc.value.message_dict
    vacancy.refresh_from_db()
    assert (vacancy.title, vacancy.version) == ("Nieuw", 2)


def test_update_validates_dates_and_keeps_old_values() -> None:
    vacancy = VacancyFactory.create()
    with pytest.raises(ValidationError) as exc:
        services.vacancy_update(
            vacancy=vacancy, expected_version=1, close_date=date(2025, 1, 1)
        )
    assert "close_date" in exc.value.message_dict
    vacancy.refresh_from_db()
    assert vacancy.close_date == date(2026, 4, 30)


@pytest.mark.parametrize("status", [Vacancy.Status.FILLED, Vacancy.Status.WITHDRAWN])
def test_close_as_filled_or_withdrawn(status: str) -> None:
    vacancy = VacancyFactory.create()
    services.vacancy_close(vacancy=vacancy, status=status, today=date(2026, 3, 20))
    vacancy.refresh_from_db()
    assert vacancy.status == status
    assert vacancy.status_changed_on == date(2026, 3, 20)


def test_close_refuses_other_statuses_and_closed_vacancies() -> None:
    vacancy = VacancyFactory.create()
    with pytest.raises(ValidationError):
        services.vacancy_close(vacancy=vacancy, status=Vacancy.Status.EXPIRED)
    filled = VacancyFactory.create(filled=True)
    with pytest.raises(ValidationError):
        services.vacancy_close(vacancy=filled, status=Vacancy.Status.WITHDRAWN)
    filled.refresh_from_db()
    assert filled.status == Vacancy.Status.FILLED


def test_expire_marks_only_open_vacancies_past_close_date_and_is_idempotent() -> None:
    past = VacancyFactory.create(close_date=date(2026, 3, 31))
    today_closing = VacancyFactory.create(close_date=date(2026, 4, 1))
    no_close_date = VacancyFactory.create(close_date=None)
    filled = VacancyFactory.create(close_date=date(2026, 3, 2), filled=True)
    assert services.vacancies_expire(today=date(2026, 4, 1)) == 1
    assert services.vacancies_expire(today=date(2026, 4, 1)) == 0
    statuses = dict(Vacancy.objects.values_list("pk", "status"))
    assert statuses == {
        past.pk: "verlopen",
        today_closing.pk: "open",
        no_close_date.pk: "open",
        filled.pk: "vervuld",
    }
    past.refresh_from_db()
    assert past.status_changed_on == date(2026, 4, 1)
    assert past.version == 2


def test_expire_job_uses_today(monkeypatch: pytest.MonkeyPatch) -> None:
    VacancyFactory.create(close_date=date(2026, 3, 31))
    monkeypatch.setattr("employers.tasks.timezone.localdate", lambda: date(2026, 4, 1))
    assert tasks.expire_vacancies() == 1
    assert tasks.expire_vacancies() == 0
