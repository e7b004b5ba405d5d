"""The report archive: one report per scope, month and variant; scoped to all its municipalities."""

from __future__ import annotations

from datetime import date

import pytest

from django.db import IntegrityError, transaction

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from reports.models import Report, scope_key_of
from tests.conftest import PartnerFactory, make_staff

pytestmark = pytest.mark.django_db


def archived(*municipalities: Municipality, month: date = date(2026, 10, 1)) -> Report:
    report = Report.objects.create(
        month=month,
        scope_key=scope_key_of(m.cbs_code for m in municipalities),
        is_region=len(municipalities) > 1,
        name=", ".join(m.name for m in municipalities),
    )
    report.municipalities.set(municipalities)
    return report


def test_scope_key_is_the_sorted_cbs_codes() -> None:
    assert scope_key_of(["0453", "0375", "0396", "0375"]) == "0375,0396,0453"


def test_a_second_report_for_the_same_scope_month_and_variant_is_refused(
    velsen: Municipality,
) -> None:
    archived(velsen)
    with pytest.raises(IntegrityError), transaction.atomic():
        archived(velsen)
    # The publication form and another month are other reports.
    Report.objects.create(
        month=date(2026, 10, 1), scope_key="0453", name="Velsen", publication=True
    )
    archived(velsen, month=date(2026, 9, 1))
    assert Report.objects.count() == 3


def test_a_month_starts_on_the_first_day(velsen: Municipality) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(month=date(2026, 10, 2), scope_key="0453", name="Velsen")


def test_a_manager_sees_reports_of_municipalities_they_serve_only(
    velsen: Municipality, beverwijk: Municipality, heemskerk: Municipality
) -> None:
    own = archived(velsen)
    other = archived(beverwijk)
    region = archived(velsen, beverwijk, heemskerk)
    two = archived(velsen, beverwijk)

    manager_velsen = make_staff("manager_velsen", Role.MANAGER, [velsen])
    manager_two = make_staff("manager_twee", Role.MANAGER, [velsen, beverwijk])
    beheerder = make_staff(
        "beheerder_regio", Role.BEHEERDER, [velsen, beverwijk, heemskerk]
    )

    assert list(Report.objects.for_user(manager_velsen)) == [own]
    # A region report is visible only when all its municipalities are served.
    assert set(Report.objects.for_user(manager_two)) == {own, other, two}
    assert region not in Report.objects.for_user(manager_two)
    assert set(Report.objects.for_user(beheerder)) == {own, other, region, two}


def test_a_partner_system_is_bounded_by_its_municipalities(
    velsen: Municipality, beverwijk: Municipality, make_partner: PartnerFactory
) -> None:
    own = archived(velsen)
    archived(beverwijk)
    archived(velsen, beverwijk)
    partner, _credentials = make_partner(
        scopes=["rapportages.lezen"], municipalities=[velsen]
    )
    assert list(Report.objects.for_user(partner.user)) == [own]


@pytest.mark.parametrize("role", [Role.KLANTMANAGER, Role.WERKMAKELAAR, None])
def test_other_roles_see_no_reports(velsen: Municipality, role: Role | None) -> None:
    archived(velsen)
    user: User = make_staff("iemand_velsen", role, [velsen])
    assert not Report.objects.for_user(user).exists()


def test_a_report_without_municipalities_is_nobodys(velsen: Municipality) -> None:
    Report.objects.create(month=date(2026, 10, 1), scope_key="", name="Leeg")
    manager = make_staff("manager_velsen", Role.MANAGER, [velsen])
    assert not Report.objects.for_user(manager).exists()


def test_lists_leave_the_files_out(velsen: Municipality) -> None:
    archived(velsen)
    report = Report.objects.listing().get()
    assert report.get_deferred_fields() >= {"pdf", "csv", "xlsx", "figures"}
    assert report.filename("pdf") == "rapportage-velsen-2026-10.pdf"
