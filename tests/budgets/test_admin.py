"""Beheer of the budgets: read-only budgets with their lines, the benefit through its service."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from budgets import services
from budgets.models import BenefitParameter, Budget, Realisation
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit.models import AuditEvent
from tests.conftest import logged_in
from trajectories.models import InstrumentCategory

pytestmark = pytest.mark.django_db


def test_budgets_are_read_only_in_beheer_and_scoped(
    beheerder_velsen: User,
    manager_velsen: User,
    velsen: Municipality,
    beverwijk: Municipality,
) -> None:
    category = InstrumentCategory.objects.order_by("pk").first()
    assert category is not None
    budget = services.budget_create(
        user=manager_velsen,
        municipality=velsen,
        year=2026,
        funding_stream="participatiebudget",
        amount=Decimal("500000.00"),
        lines={category: Decimal("125000.00")},
    )
    other = Budget.objects.create(
        municipality=beverwijk, year=2026, funding_stream="wsw", amount=Decimal("1")
    )
    admin = logged_in(beheerder_velsen)
    listing = admin.get("/beheer/budgets/budget/").content.decode()
    assert "€\xa0500.000,00" in listing
    assert f"/beheer/budgets/budget/{other.pk}/change/" not in listing
    page = admin.get(f"/beheer/budgets/budget/{budget.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    assert str(category) in text
    assert "125000" in text.replace(".", "").replace(",00", "")
    assert 'name="amount"' not in text  # read-only: amended on the budget page
    assert admin.get(f"/beheer/budgets/budget/{other.pk}/change/").status_code == 302
    assert admin.get("/beheer/budgets/budget/add/").status_code == 403
    assert (
        admin.post(
            f"/beheer/budgets/budget/{budget.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    assert Budget.objects.filter(pk=budget.pk).exists()


def test_benefit_parameter_changes_through_the_service(
    beheerder_velsen: User, velsen: Municipality, beverwijk: Municipality
) -> None:
    admin = logged_in(beheerder_velsen)
    form = admin.get("/beheer/budgets/benefitparameter/add/").content.decode()
    assert f'value="{velsen.pk}"' in form
    assert f'value="{beverwijk.pk}"' not in form  # not a municipality it serves
    created = admin.post(
        "/beheer/budgets/benefitparameter/add/",
        {"municipality": velsen.pk, "year": 2026, "average_monthly_benefit": "1450.00"},
    )
    assert created.status_code == 302
    parameter = BenefitParameter.objects.get(municipality=velsen, year=2026)
    assert (
        AuditEvent.objects.for_object(parameter)
        .filter(action="benefit_parameter_created")
        .exists()
    )
    url = f"/beheer/budgets/benefitparameter/{parameter.pk}/change/"
    loaded = re.search(
        r'name="loaded_fingerprint" value="(\w+)"', admin.get(url).content.decode()
    )
    assert loaded is not None
    changed = admin.post(
        url,
        {"loaded_fingerprint": loaded.group(1), "average_monthly_benefit": "1475.50"},
    )
    assert changed.status_code == 302
    parameter.refresh_from_db()
    assert parameter.average_monthly_benefit == Decimal("1475.50")
    assert parameter.version == 2
    event = AuditEvent.objects.for_object(parameter).get(action="updated")
    assert event.user == beheerder_velsen
    assert (
        event.changes["average_monthly_benefit"][1]
        != event.changes["average_monthly_benefit"][0]
    )


@time_machine.travel(datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
def test_realisation_and_imports_are_read_only(
    beheerder_velsen: User, manager_velsen: User, velsen: Municipality
) -> None:
    from budgets.imports import realisation_import

    entry = realisation_import(
        user=manager_velsen,
        file=b"gemeente;stroom;periode;bedrag;boekingskenmerk\n0453;buig;01-2026;1.234,56;FIN-1\n",
        year=2026,
        file_name="realisatie_velsen_januari.csv",
    )
    assert entry.accepted, entry.report
    realisation = Realisation.objects.get(reference="FIN-1")
    admin = logged_in(beheerder_velsen)
    imports = admin.get("/beheer/budgets/realisationimport/").content.decode()
    assert "realisatie_velsen_januari.csv" in imports
    detail = admin.get(f"/beheer/budgets/realisationimport/{entry.pk}/change/")
    assert detail.status_code == 200
    assert 'name="file_name"' not in detail.content.decode()
    listing = admin.get("/beheer/budgets/realisation/").content.decode()
    assert "FIN-1" in listing
    assert "€\xa01.234,56" in listing
    for model in ("realisation", "realisationimport"):
        assert admin.get(f"/beheer/budgets/{model}/add/").status_code == 403
    assert (
        admin.post(
            f"/beheer/budgets/realisation/{realisation.pk}/change/",
            {"amount": "1,00"},
        ).status_code
        == 403
    )
    realisation.refresh_from_db()
    assert realisation.amount == Decimal("1234.56")
