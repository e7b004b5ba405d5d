"""The vacancy's required education level is a reference to the clients' code list."""

from __future__ import annotations

from typing import Any, cast

import pytest

from django.core.cache import cache
from django.db.models import F
from rest_framework.test import APIClient

from clients.models import EducationLevel
from employers.forms import VacancyForm
from employers.models import Employer, Vacancy
from ijmondwerkt.accounts.models import Municipality
from tests.conftest import PartnerFactory, bearer
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def associate_degree(db: None) -> EducationLevel:
    """Added by the beheerder between mbo 4 and hbo."""
    cache.clear()
    hbo = EducationLevel.objects.get(code="hbo")
    EducationLevel.objects.filter(sort_order__gte=hbo.sort_order).update(
        sort_order=F("sort_order") + 1
    )
    return EducationLevel.objects.create(
        code="ad", label="Associate degree", sort_order=hbo.sort_order
    )


@pytest.fixture
def wsp(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    return bearer(
        make_partner(
            scopes=["vacatures.lezen", "vacatures.schrijven"], municipalities=[velsen]
        )[1].api_key
    )


def _body(employer: Employer, **extra: object) -> dict[str, object]:
    return {
        "werkgever": str(employer.uuid),
        "functietitel": "Werkvoorbereider",
        "urenPerWeek": 36,
        "openVanaf": "2026-05-01",
        **extra,
    }


def test_the_api_takes_a_code_from_the_code_list_and_names_an_unknown_one(
    wsp: APIClient, associate_degree: EducationLevel
) -> None:
    employer = EmployerFactory.create()
    unknown = wsp.post(
        "/api/v1/vacatures", _body(employer, opleidingsniveau="phd"), format="json"
    )
    assert unknown.status_code == 400
    assert unknown.json()["invalidParams"][0]["name"] == "opleidingsniveau"
    created = wsp.post(
        "/api/v1/vacatures", _body(employer, opleidingsniveau="ad"), format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["opleidingsniveau"] == "ad"
    assert Vacancy.objects.get().education_level == associate_degree
    listed = wsp.get("/api/v1/vacatures?opleidingsniveau=ad").json()
    assert listed["count"] == 1
    none = wsp.post("/api/v1/vacatures", _body(employer), format="json").json()
    assert none["opleidingsniveau"] is None


def test_the_form_offers_the_active_levels_and_keeps_a_deactivated_one(
    associate_degree: EducationLevel,
) -> None:
    employers = Employer.objects.all()
    offered = cast(
        Any,
        VacancyForm(employers=employers).fields["education_level"],
    )
    assert "Associate degree" in [label for _, label in offered.choices]
    EducationLevel.objects.filter(code="vmbo").update(active=False)
    field = cast(
        Any,
        VacancyForm(employers=employers).fields["education_level"],
    )
    labels = [label for _, label in field.choices]
    assert "vmbo" not in labels
    vacancy = Vacancy(education_level=EducationLevel.objects.get(code="vmbo"))
    kept = cast(
        Any,
        VacancyForm(instance=vacancy, employers=employers).fields["education_level"],
    )
    assert "vmbo" in [label for _, label in kept.choices]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_carries_the_stored_levels_back_and_forth() -> None:
    """With vacancies present (an empty database would prove nothing)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.employers.factories import VacancyFactory

    hbo = EducationLevel.objects.get(code="hbo")
    asking = VacancyFactory.create(education_level=hbo, close_date=None)
    VacancyFactory.create(close_date=None)
    code_column = "SELECT education_level FROM employers_vacancy ORDER BY id"

    executor = MigrationExecutor(connection)
    executor.migrate([("employers", "0006_text_limits_and_plausible_dates")])
    with connection.cursor() as cursor:
        cursor.execute(code_column)
        assert [row[0] for row in cursor.fetchall()] == ["hbo", ""]

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    asking.refresh_from_db()
    assert asking.education_level == hbo
    assert Vacancy.objects.filter(education_level=None).count() == 1
