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


# --- the scoping contract per kind of object (docs/scoping.md) --------------------


@pytest.fixture
def region_rows(velsen: Municipality, beverwijk: Municipality) -> dict[str, object]:
    from tests.clients.factories import ClientFactory
    from tests.employers.factories import ProposalFactory

    in_velsen = ClientFactory.create(municipality=velsen)
    in_beverwijk = ClientFactory.create(municipality=beverwijk)
    by = make_staff("wm_voordrager", Role.WERKMAKELAAR, [velsen, beverwijk])
    return {
        "velsen": in_velsen,
        "beverwijk": in_beverwijk,
        "proposal_velsen": ProposalFactory.create(client=in_velsen, proposed_by=by),
        "proposal_beverwijk": ProposalFactory.create(
            client=in_beverwijk, proposed_by=by
        ),
    }


def test_client_files_follow_the_klantmanagers_municipalities(
    klantmanager_velsen: User, region_rows: dict[str, object]
) -> None:
    from clients.models import Client

    assert list(Client.objects.for_user(klantmanager_velsen)) == [region_rows["velsen"]]


@pytest.mark.parametrize(
    "role", [Role.MANAGER, Role.BEHEERDER, Role.PRIVACY_OFFICER, None]
)
def test_roles_without_casework_see_no_client_file_or_proposal(
    role: Role | None,
    all_municipalities: list[Municipality],
    region_rows: dict[str, object],
) -> None:
    """Serving every municipality is not enough: the role must work with files."""
    from clients.models import Client
    from employers.models import Employer, Proposal, Vacancy

    user = make_staff("zonder_dossiers", role, all_municipalities)
    assert not Client.objects.for_user(user).exists()
    assert not Proposal.objects.for_user(user).exists()
    assert not Vacancy.objects.for_user(user).exists()
    assert not Employer.objects.for_user(user).exists()
    # The municipalities they serve stay visible (the start page's werkgebied).
    assert Municipality.objects.for_user(user).count() == len(all_municipalities)


def test_werkmakelaar_sees_the_pool_and_the_regions_clients_for_matching(
    werkmakelaar: User, region_rows: dict[str, object]
) -> None:
    from clients.models import Client
    from employers.models import Proposal, Vacancy

    assert Client.objects.for_user(werkmakelaar).count() == 2
    assert Vacancy.objects.for_user(werkmakelaar).count() == 2
    assert Proposal.objects.for_user(werkmakelaar).count() == 2


def test_klantmanager_sees_the_whole_pool_but_only_proposals_of_own_clients(
    klantmanager_beverwijk: User, region_rows: dict[str, object]
) -> None:
    from employers.models import Proposal, Vacancy

    assert Vacancy.objects.for_user(klantmanager_beverwijk).count() == 2
    assert list(Proposal.objects.for_user(klantmanager_beverwijk)) == [
        region_rows["proposal_beverwijk"]
    ]


def test_pool_role_without_a_municipality_sees_no_pool(db: None) -> None:
    from employers.models import Employer
    from tests.employers.factories import EmployerFactory

    EmployerFactory.create()
    user = make_staff("wm_nergens", Role.WERKMAKELAAR, [])
    assert not Employer.objects.for_user(user).exists()


def test_partner_system_is_bounded_by_municipality_not_by_role(
    make_partner: object,
    velsen: Municipality,
    region_rows: dict[str, object],
) -> None:
    from clients.models import Client
    from employers.models import Proposal, Vacancy

    partner, _credentials = make_partner(  # type: ignore[operator]
        scopes=[], municipalities=[velsen]
    )
    principal = partner.user
    assert list(Client.objects.for_user(principal)) == [region_rows["velsen"]]
    assert Vacancy.objects.for_user(principal).count() == 2
    assert list(Proposal.objects.for_user(principal)) == [
        region_rows["proposal_velsen"]
    ]


def test_inactive_klantmanager_sees_no_client_file(
    klantmanager_velsen: User, region_rows: dict[str, object]
) -> None:
    from clients.models import Client

    klantmanager_velsen.is_active = False
    klantmanager_velsen.save()
    fresh = User.objects.get(pk=klantmanager_velsen.pk)
    assert not Client.objects.for_user(fresh).exists()


# --- staff lists for choices -------------------------------------------------------


def test_active_with_role_lists_active_staff_of_the_municipalities(
    velsen: Municipality, beverwijk: Municipality, heemskerk: Municipality
) -> None:
    both = make_staff("km_beide", Role.KLANTMANAGER, [velsen, beverwijk])
    make_staff("km_heemskerk", Role.KLANTMANAGER, [heemskerk])
    gone = make_staff("km_weg", Role.KLANTMANAGER, [velsen])
    gone.is_active = False
    gone.save()
    make_staff("wm_velsen", Role.WERKMAKELAAR, [velsen])

    found = User.objects.active_with_role(
        Role.KLANTMANAGER, municipalities=[velsen.pk, beverwijk.pk]
    )
    assert list(found) == [both]  # once, though serving both
    assert {u.username for u in User.objects.active_with_role(Role.WERKMAKELAAR)} == {
        "wm_velsen"
    }
    assert (
        User.objects.active_with_role(
            Role.KLANTMANAGER, Role.WERKMAKELAAR, municipalities=[velsen.pk]
        ).count()
        == 2
    )
