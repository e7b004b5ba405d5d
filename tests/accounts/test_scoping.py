from __future__ import annotations

import pytest

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


def test_municipalities_are_seeded_by_migration() -> None:
    seeded = dict(Municipality.objects.values_list("cbs_code", "name"))
    assert seeded == {"0375": "Beverwijk", "0396": "Heemskerk", "0453": "Velsen"}


def test_user_sees_only_the_municipalities_they_serve(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    assert list(Municipality.objects.for_user(klantmanager_velsen)) == [velsen]


def test_regional_role_sees_all_served_municipalities(werkmakelaar: User) -> None:
    names = set(
        Municipality.objects.for_user(werkmakelaar).values_list("name", flat=True)
    )
    assert names == {"Beverwijk", "Heemskerk", "Velsen"}


def test_user_without_municipalities_sees_nothing(db: None) -> None:
    user = make_staff("nergens", Role.KLANTMANAGER, [])
    assert not Municipality.objects.for_user(user).exists()


def test_inactive_user_sees_nothing(klantmanager_velsen: User) -> None:
    klantmanager_velsen.is_active = False
    klantmanager_velsen.save()
    fresh = User.objects.get(pk=klantmanager_velsen.pk)
    assert not Municipality.objects.for_user(fresh).exists()
    assert fresh.roles == []


def test_inactive_municipality_drops_out_of_scope(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    velsen.active = False
    velsen.save()
    fresh = User.objects.get(pk=klantmanager_velsen.pk)
    assert not Municipality.objects.for_user(fresh).exists()


def test_roles_are_groups(klantmanager_velsen: User) -> None:
    assert klantmanager_velsen.has_role(Role.KLANTMANAGER)
    assert not klantmanager_velsen.has_role(Role.MANAGER, Role.BEHEERDER)
    assert klantmanager_velsen.roles == [Role.KLANTMANAGER]


def test_every_role_group_exists_with_its_permissions() -> None:
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {role.value for role in Role} <= names
    beheerder = Group.objects.get(name=Role.BEHEERDER.value)
    assert beheerder.permissions.filter(codename="change_municipality").exists()
