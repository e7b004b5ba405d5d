"""Beheer of the trajectories reference data: saves go through the services
(audit: who, when, old and new values); a stale page is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from django.urls import reverse

from ijmondwerkt.accounts.models import User
from ijmondwerkt.concurrency import fingerprint
from tests.conftest import logged_in
from tests.trajectories.servicekit import events
from trajectories.models import Instrument, PlacementKind, Provider, SubsidyParameter

pytestmark = pytest.mark.django_db

CONFLICT = "Iemand anders heeft dit intussen gewijzigd."


def instrument_form(instrument: Instrument, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": instrument.name,
        "category": instrument.category_id,
        "funding_stream": instrument.funding_stream,
        "default_cost": str(instrument.default_cost),
        "cost_unit": instrument.cost_unit,
        "target_groups": [str(g) for g in instrument.target_groups],
        "max_duration_months": instrument.max_duration_months or "",
        "provision_code": instrument.provision_code,
        "provider_kinds": instrument.provider_kinds,
        "description": instrument.description,
        "loaded_fingerprint": fingerprint(instrument),
    }
    if instrument.active:
        data["active"] = "on"
    if instrument.requires_trajectory:
        data["requires_trajectory"] = "on"
    data.update(changes)
    return data


def test_instrument_change_goes_through_the_service(beheerder: User) -> None:
    taal = Instrument.objects.get(code="taalcursus")
    url = reverse("admin:trajectories_instrument_change", args=[taal.pk])
    browser = logged_in(beheerder)
    assert browser.get(url).status_code == 200
    response = browser.post(
        url, instrument_form(taal, default_cost="1250.00", target_groups=["1", "2"])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    taal.refresh_from_db()
    assert (taal.default_cost, taal.target_groups) == (Decimal("1250.00"), [1, 2])
    assert taal.version == 2
    [event] = events("updated")
    assert event.user_id == beheerder.pk
    assert event.changes["default_cost"] == ["1200", "1250"]
    assert event.changes["target_groups"] == [[1, 2, 3, 4], [1, 2]]


def test_stale_instrument_page_is_refused(beheerder: User) -> None:
    taal = Instrument.objects.get(code="taalcursus")
    url = reverse("admin:trajectories_instrument_change", args=[taal.pk])
    data = instrument_form(taal, name="Taalcursus B1")
    Instrument.objects.filter(pk=taal.pk).update(default_cost=Decimal("999"))
    response = logged_in(beheerder).post(url, data)
    assert CONFLICT in response.content.decode()
    taal.refresh_from_db()
    assert taal.name == "Taalcursus"
    assert not [e for e in events("updated") if e.user_id == beheerder.pk]


def test_parameter_row_added_and_changed_with_who_and_when(beheerder: User) -> None:
    browser = logged_in(beheerder)
    response = browser.post(
        reverse("admin:trajectories_subsidyparameter_add"),
        {
            "valid_from": "01-07-2026",
            "wml_per_hour": "14.95",
            "holiday_allowance_pct": "8.00",
            "cap_pct": "70.00",
            "employer_costs_pct": "23.00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = SubsidyParameter.objects.get(valid_from=date(2026, 7, 1))
    assert row.wml_per_hour == Decimal("14.95")
    url = reverse("admin:trajectories_subsidyparameter_change", args=[row.pk])
    response = browser.post(
        url,
        {
            "valid_from": "01-07-2026",
            "wml_per_hour": "14.96",
            "holiday_allowance_pct": "8.00",
            "cap_pct": "70.00",
            "employer_costs_pct": "23.00",
            "loaded_fingerprint": fingerprint(row),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created, changed = events()
    assert created.action == "created" and changed.action == "updated"
    assert changed.user_id == beheerder.pk and changed.at is not None
    assert changed.changes["wml_per_hour"] == ["14.95", "14.96"]


def test_provider_added(beheerder: User) -> None:
    response = logged_in(beheerder).post(
        reverse("admin:trajectories_provider_add"),
        {"name": "Werkfit B.V.", "kind": "re-integratiebedrijf", "active": "on"},
    )
    assert response.status_code == 302
    provider = Provider.objects.get(name="Werkfit B.V.")
    [event] = events("created")
    assert event.object_id == str(provider.pk) and event.user_id == beheerder.pk


def test_code_list_change_is_audited_once(beheerder: User) -> None:
    kind = PlacementKind.objects.get(code="proefplaatsing")
    url = reverse("admin:trajectories_placementkind_change", args=[kind.pk])
    response = logged_in(beheerder).post(
        url,
        {
            "label": kind.label,
            "active": "on",
            "sort_order": kind.sort_order,
            "max_duration_months": "3",
            "is_trial": "on",
            "loaded_fingerprint": fingerprint(kind),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [event] = events("updated")
    assert event.changes["max_duration_months"] == [2, 3]
    assert event.user_id == beheerder.pk


@pytest.mark.parametrize("persona", ["klantmanager_velsen", "werkmakelaar"])
def test_staff_without_beheer_cannot_change_the_table(
    request: pytest.FixtureRequest, persona: str
) -> None:
    row = SubsidyParameter.objects.get(valid_from=date(2026, 1, 1))
    url = reverse("admin:trajectories_subsidyparameter_change", args=[row.pk])
    response = logged_in(request.getfixturevalue(persona)).post(
        url, {"wml_per_hour": "1.00"}
    )
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.wml_per_hour == Decimal("14.71")
