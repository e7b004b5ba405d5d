from __future__ import annotations

from types import SimpleNamespace

import pytest

from employers.models import Employer, EmployerContact, Vacancy
from ijmondwerkt.accounts.roles import Role
from tests.conftest import make_staff
from tests.employers.factories import (
    EmployerContactFactory,
    EmployerFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(beverwijk, velsen, werkmakelaar):
    return [
        EmployerFactory.create(municipality=beverwijk),
        EmployerFactory.create(municipality=velsen),
        EmployerFactory.create(municipality=None),
    ]


def test_werkmakelaar_sees_the_whole_regional_pool(pool, werkmakelaar) -> None:
    VacancyFactory.create(employer=pool[0])
    EmployerContactFactory.create(employer=pool[1], werkmakelaar=werkmakelaar)
    assert set(Employer.objects.for_user(werkmakelaar)) == set(pool)
    assert Vacancy.objects.for_user(werkmakelaar).count() == 1
    assert EmployerContact.objects.for_user(werkmakelaar).count() == 1


def test_klantmanager_of_one_municipality_sees_the_pool_too(
    pool, klantmanager_velsen
) -> None:
    # The pool is regional: employers are not split by the staff's municipalities.
    assert set(Employer.objects.for_user(klantmanager_velsen)) == set(pool)


@pytest.mark.parametrize(
    "persona", ["manager", "beheerder", "privacy_officer", "user_without_role"]
)
def test_other_roles_see_nothing(pool, request, persona) -> None:
    user = request.getfixturevalue(persona)
    assert not Employer.objects.for_user(user).exists()
    assert not Vacancy.objects.for_user(user).exists()


def test_werkmakelaar_without_active_municipality_sees_nothing(pool, velsen) -> None:
    lonely = make_staff("werkmakelaar_zonder", Role.WERKMAKELAAR, [])
    assert not Employer.objects.for_user(lonely).exists()
    inactive_municipality = make_staff(
        "werkmakelaar_velsen", Role.WERKMAKELAAR, [velsen]
    )
    velsen.active = False
    velsen.save()
    assert not Employer.objects.for_user(inactive_municipality).exists()


def test_inactive_werkmakelaar_sees_nothing(pool, werkmakelaar) -> None:
    werkmakelaar.is_active = False
    werkmakelaar.save()
    werkmakelaar.__dict__.pop("role_names", None)
    werkmakelaar.__dict__.pop("municipality_ids", None)
    assert not Employer.objects.for_user(werkmakelaar).exists()


def test_partner_principal_is_scoped_by_its_municipalities(pool, velsen) -> None:
    partner = SimpleNamespace(municipality_ids=frozenset({velsen.pk}))
    assert Employer.objects.for_user(partner).count() == 3
    nobody = SimpleNamespace(municipality_ids=frozenset())
    assert not Employer.objects.for_user(nobody).exists()
