"""Least privilege in beheer: what the functioneel beheerder may and may not do.

Every refusal is tried as a crafted POST (fields the form does not offer) and
asserts that nothing was stored; legitimate changes leave audit rows.
"""

from __future__ import annotations

from typing import Any

import pytest

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from ijmondwerkt.accounts.admin import UserAdmin
from ijmondwerkt.accounts.models import AccessChange, Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.accounts.services import (
    StaffPolicyError,
    staff_user_create,
    staff_user_set_password,
    staff_user_update,
)
from ijmondwerkt.concurrency import fingerprint
from tests.conftest import PASSWORD, PartnerFactory, logged_in, make_staff

pytestmark = pytest.mark.django_db

Kind = AccessChange.Kind


def change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def password_url(user: User) -> str:
    return reverse("admin:auth_user_password_change", args=[user.pk])


def change_data(user: User, **overrides: Any) -> dict[str, Any]:
    """The change form as shown for the user's stored state, with ``overrides``."""
    stored = User.objects.get(pk=user.pk)
    data: dict[str, Any] = {
        "loaded_fingerprint": fingerprint(stored, UserAdmin.fingerprint_exclude),
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "roles": list(user.groups.values_list("name", flat=True)),
        "municipalities": list(user.municipalities.values_list("pk", flat=True)),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v not in ("", None)}


def access_of(user: User) -> tuple[Any, ...]:
    user.refresh_from_db()
    return (
        user.is_active,
        user.is_superuser,
        user.is_staff,
        sorted(user.groups.values_list("name", flat=True)),
        sorted(user.municipalities.values_list("cbs_code", flat=True)),
        list(user.user_permissions.all()),
        user.password,
    )


@pytest.fixture
def beheerder_velsen(velsen: Municipality) -> User:
    return make_staff("beheerder_velsen", Role.BEHEERDER, [velsen])


@pytest.fixture
def superuser(db: None) -> User:
    return User.objects.create_superuser("root", "root@example.org", PASSWORD)


# --- crafted POSTs to the user admin: refused, nothing stored -----------------


def test_beheerder_cannot_grant_superuser_staff_permissions_or_groups(
    beheerder: User, klantmanager_velsen: User
) -> None:
    before = access_of(klantmanager_velsen)
    beheerder_group = Group.objects.get(name=Role.BEHEERDER.value)
    permission = Permission.objects.get(codename="view_client")
    logged_in(beheerder).post(
        change_url(klantmanager_velsen),
        change_data(
            klantmanager_velsen,
            is_superuser="on",
            is_staff="on",
            user_permissions=[permission.pk],
            groups=[beheerder_group.pk],
        ),
    )
    assert access_of(klantmanager_velsen) == before


def test_beheerder_cannot_change_its_own_access(
    beheerder_velsen: User, beverwijk: Municipality, velsen: Municipality
) -> None:
    before = access_of(beheerder_velsen)
    client = logged_in(beheerder_velsen)
    client.post(
        change_url(beheerder_velsen),
        change_data(
            beheerder_velsen,
            roles=[Role.BEHEERDER.value, Role.KLANTMANAGER.value],
            municipalities=[velsen.pk, beverwijk.pk],
            is_active="",
            is_superuser="on",
        ),
    )
    assert access_of(beheerder_velsen) == before


def test_beheerder_cannot_give_a_role_it_may_not_give(
    beheerder: User, klantmanager_velsen: User
) -> None:
    before = access_of(klantmanager_velsen)
    response = logged_in(beheerder).post(
        change_url(klantmanager_velsen),
        change_data(klantmanager_velsen, roles=[Role.BEHEERDER.value]),
    )
    assert response.status_code == 200  # the form again, with the refusal
    assert access_of(klantmanager_velsen) == before


def test_beheerder_cannot_give_a_municipality_it_does_not_serve(
    beheerder_velsen: User, klantmanager_velsen: User, beverwijk: Municipality
) -> None:
    before = access_of(klantmanager_velsen)
    response = logged_in(beheerder_velsen).post(
        change_url(klantmanager_velsen),
        change_data(klantmanager_velsen, municipalities=[beverwijk.pk]),
    )
    assert response.status_code == 200
    assert access_of(klantmanager_velsen) == before
    assert not AccessChange.objects.filter(actor=beheerder_velsen).exists()


def test_beheerder_cannot_create_a_beheerder_or_beyond_its_municipalities(
    beheerder_velsen: User, beverwijk: Municipality, velsen: Municipality
) -> None:
    client = logged_in(beheerder_velsen)
    for roles, municipalities in (
        ([Role.BEHEERDER.value], [velsen.pk]),
        ([Role.KLANTMANAGER.value], [beverwijk.pk]),
    ):
        response = client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": "nieuw",
                "usable_password": "true",
                "password1": "lang-en-sterk-wachtwoord-1",
                "password2": "lang-en-sterk-wachtwoord-1",
                "roles": roles,
                "municipalities": municipalities,
                "is_superuser": "on",
            },
        )
        assert response.status_code == 200
    assert not User.objects.filter(username="nieuw").exists()


@pytest.mark.parametrize("target_kind", ["superuser", "beheerder", "wider", "partner"])
def test_beheerder_cannot_edit_or_reset_accounts_beyond_its_reach(
    target_kind: str,
    beheerder_velsen: User,
    superuser: User,
    beverwijk: Municipality,
    velsen: Municipality,
    make_partner: PartnerFactory,
) -> None:
    target = {
        "superuser": lambda: superuser,
        "beheerder": lambda: make_staff("beheerder_2", Role.BEHEERDER, [velsen]),
        "wider": lambda: make_staff("km_twee", Role.KLANTMANAGER, [velsen, beverwijk]),
        # Its technical user would give the partner's API scopes to a session.
        "partner": lambda: (
            make_partner(scopes=["werkzoekenden.lezen"], municipalities=[velsen])[
                0
            ].user
        ),
    }[target_kind]()
    before = access_of(target)
    client = logged_in(beheerder_velsen)
    assert (
        client.post(change_url(target), change_data(target, roles=[])).status_code
        == 403
    )
    reset = {
        "password1": "nieuw-sterk-wachtwoord-9",
        "password2": "nieuw-sterk-wachtwoord-9",
        "usable_password": "true",
    }
    assert client.post(password_url(target), reset).status_code == 403
    assert access_of(target) == before


# --- the service refuses on its own, whatever the caller ---------------------


def test_service_refuses_what_the_policy_forbids(
    beheerder_velsen: User,
    klantmanager_velsen: User,
    superuser: User,
    beverwijk: Municipality,
    velsen: Municipality,
) -> None:
    def update(user: User, **changes: Any) -> None:
        fields: dict[str, Any] = {
            "username": user.username,
            "first_name": "",
            "last_name": "",
            "email": "",
            "roles": [Role.KLANTMANAGER],
            "municipalities": [velsen],
            "is_active": True,
        }
        staff_user_update(actor=beheerder_velsen, user=user, **{**fields, **changes})

    from ijmondwerkt.accounts.services import Privileges

    with pytest.raises(StaffPolicyError):
        update(klantmanager_velsen, roles=[Role.BEHEERDER])
    with pytest.raises(StaffPolicyError):
        update(klantmanager_velsen, municipalities=[beverwijk])
    with pytest.raises(StaffPolicyError):
        update(klantmanager_velsen, privileges=Privileges(is_superuser=True))
    with pytest.raises(StaffPolicyError):
        update(beheerder_velsen, roles=[Role.BEHEERDER, Role.KLANTMANAGER])
    with pytest.raises(StaffPolicyError):
        update(superuser)
    with pytest.raises(StaffPolicyError):
        staff_user_set_password(actor=beheerder_velsen, user=superuser, password="x")
    with pytest.raises(StaffPolicyError):
        staff_user_create(
            actor=klantmanager_velsen, username="x", password=None, roles=[]
        )
    assert not AccessChange.objects.filter(actor=beheerder_velsen).exists()


# --- legitimate work: it happens and is recorded -----------------------------


def test_beheerder_creates_changes_deactivates_and_resets_with_audit_rows(
    beheerder_velsen: User, velsen: Municipality
) -> None:
    client = logged_in(beheerder_velsen)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nieuwe_km",
            "first_name": "Nina",
            "last_name": "Kok",
            "usable_password": "true",
            "password1": "lang-en-sterk-wachtwoord-1",
            "password2": "lang-en-sterk-wachtwoord-1",
            "roles": [Role.KLANTMANAGER.value],
            "municipalities": [velsen.pk],
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nieuwe_km")
    assert user.role_names == {Role.KLANTMANAGER.value}
    assert user.municipality_ids == {velsen.pk}
    assert not user.is_superuser and not user.is_staff

    response = client.post(
        change_url(user),
        change_data(user, roles=[Role.WERKMAKELAAR.value], is_active=""),
    )
    assert response.status_code == 302
    response = client.post(
        password_url(user),
        {
            "password1": "nieuw-sterk-wachtwoord-9",
            "password2": "nieuw-sterk-wachtwoord-9",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("nieuw-sterk-wachtwoord-9")
    assert not user.is_active

    rows = {
        row.kind: (row.old_value, row.new_value)
        for row in AccessChange.objects.filter(subject=user, actor=beheerder_velsen)
    }
    assert rows[Kind.ACCOUNT_CREATED] == (None, None)
    assert rows[Kind.MUNICIPALITIES] == ([], [str(velsen)])
    roles = AccessChange.objects.filter(subject=user, kind=Kind.ROLES)
    assert [(r.old_value, r.new_value) for r in roles] == [
        ([Role.KLANTMANAGER.value], [Role.WERKMAKELAAR.value]),
        ([], [Role.KLANTMANAGER.value]),
    ]
    assert rows[Kind.ACTIVE] == (True, False)
    assert Kind.PASSWORD in rows


def test_beheerder_may_edit_its_own_name_but_not_its_access(
    beheerder_velsen: User,
) -> None:
    response = logged_in(beheerder_velsen).post(
        change_url(beheerder_velsen),
        change_data(beheerder_velsen, first_name="Bastiaan"),
    )
    assert response.status_code == 302
    beheerder_velsen.refresh_from_db()
    assert beheerder_velsen.first_name == "Bastiaan"
    assert beheerder_velsen.has_role(Role.BEHEERDER)


def test_superuser_keeps_full_power_and_is_recorded(
    superuser: User, klantmanager_velsen: User
) -> None:
    permission = Permission.objects.get(codename="view_client")
    response = logged_in(superuser).post(
        change_url(klantmanager_velsen),
        change_data(
            klantmanager_velsen,
            roles=[Role.BEHEERDER.value],
            is_staff="on",
            user_permissions=[permission.pk],
        ),
    )
    assert response.status_code == 302
    klantmanager_velsen.refresh_from_db()
    assert klantmanager_velsen.is_staff
    assert klantmanager_velsen.has_role(Role.BEHEERDER)
    kinds = set(
        AccessChange.objects.filter(actor=superuser).values_list("kind", flat=True)
    )
    assert {Kind.ROLES, Kind.STAFF, Kind.PERMISSIONS} <= kinds


# --- partners, municipalities, code lists ------------------------------------


def partner_data(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "UWV",
        "contact_email": "",
        "scopes": ["gemeenten.lezen"],
        "throttle_rate": "",
        **overrides,
    }


def test_partner_gets_only_municipalities_the_beheerder_serves(
    beheerder_velsen: User, velsen: Municipality, beverwijk: Municipality
) -> None:
    from ijmondwerkt.partners.models import PartnerSystem

    client: Client = logged_in(beheerder_velsen)
    add = reverse("admin:partners_partnersystem_add")
    response = client.post(add, partner_data(municipalities=[beverwijk.pk]))
    assert response.status_code == 200
    assert not PartnerSystem.objects.exists()

    client.post(add, partner_data(municipalities=[velsen.pk]))
    partner = PartnerSystem.objects.get()
    kinds = set(
        AccessChange.objects.filter(subject=partner.user).values_list("kind", flat=True)
    )
    assert {Kind.PARTNER_CREATED, Kind.SCOPES, Kind.MUNICIPALITIES} <= kinds

    change = reverse("admin:partners_partnersystem_change", args=[partner.pk])
    shown = client.get(change).context["adminform"].form["municipalities"].value()
    assert {int(pk) for pk in shown} == {velsen.pk}  # the change page shows them
    client.post(
        change,
        partner_data(
            loaded_fingerprint=fingerprint(PartnerSystem.objects.get(pk=partner.pk)),
            municipalities=[velsen.pk, beverwijk.pk],
            scopes=["werkzoekenden.lezen"],
        ),
    )
    partner.refresh_from_db()
    assert partner.scopes == ["gemeenten.lezen"]
    assert list(partner.user.municipalities.all()) == [velsen]

    client.post(
        change,
        partner_data(
            loaded_fingerprint=fingerprint(PartnerSystem.objects.get(pk=partner.pk)),
            scopes=["werkzoekenden.lezen"],
            municipalities=[velsen.pk],
        ),
    )
    scope_rows = AccessChange.objects.filter(subject=partner.user, kind=Kind.SCOPES)
    assert scope_rows.first().new_value == ["werkzoekenden.lezen"]  # type: ignore[union-attr]
    assert scope_rows.first().actor == beheerder_velsen  # type: ignore[union-attr]


def test_beheerder_cannot_take_over_a_partner_of_another_municipality(
    beheerder_velsen: User, beverwijk: Municipality, make_partner: PartnerFactory
) -> None:
    partner, credentials = make_partner(
        scopes=["gemeenten.lezen"], municipalities=[beverwijk]
    )
    client = logged_in(beheerder_velsen)
    response = client.post(
        reverse("admin:partners_partnersystem_changelist"),
        {"action": "rotate_secret", "_selected_action": [partner.pk]},
    )
    assert "<code>iw_" not in response.content.decode()
    partner.refresh_from_db()
    assert partner.api_key_prefix and credentials.api_key.startswith(
        f"iw_{partner.api_key_prefix}."
    )
    change = reverse("admin:partners_partnersystem_change", args=[partner.pk])
    assert (
        client.post(change, partner_data(name="X", municipalities=[])).status_code
        == 403
    )


def test_municipalities_and_their_deadlines_stay_within_reach(
    beheerder_velsen: User, velsen: Municipality, beverwijk: Municipality
) -> None:
    from clients.models import MunicipalityPolicy

    client = logged_in(beheerder_velsen)
    assert client.get(reverse("admin:accounts_municipality_add")).status_code == 403
    response = client.post(
        reverse("admin:accounts_municipality_change", args=[beverwijk.pk]),
        {"name": "Beverwijk", "cbs_code": "0375"},
    )
    assert response.status_code == 403
    MunicipalityPolicy.objects.create(municipality=beverwijk)
    ours = MunicipalityPolicy.objects.create(municipality=velsen)
    listing = client.get(reverse("admin:clients_municipalitypolicy_changelist"))
    assert list(listing.context["cl"].result_list) == [ours]
