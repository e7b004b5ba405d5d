"""Beheer of the catalogue, providers and parameters: validated and audited, who and when."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from django.core.exceptions import ValidationError

from ijmondwerkt.accounts.models import User
from tests.trajectories.factories import category
from tests.trajectories.servicekit import events, refused
from trajectories import services
from trajectories.models import Instrument, PlacementKind, Provider, SubsidyParameter

pytestmark = pytest.mark.django_db


def test_instrument_create_and_update(beheerder: User) -> None:
    made = services.instrument_create(
        user=beheerder,
        code="digitale-vaardigheden",
        name=" Digitale vaardigheden ",
        category=category("training"),
        funding_stream="participatiebudget",
        default_cost=Decimal("400.00"),
        cost_unit="traject",
        target_groups=[1, 2, 3],
        max_duration_months=3,
    )
    assert made.name == "Digitale vaardigheden"
    updated = services.instrument_update(
        user=beheerder, instrument=made, expected_version=1, default_cost=Decimal("450")
    )
    assert updated.version == 2
    created, changed = events()
    assert created.action == "created" and created.user_id == beheerder.pk
    assert changed.changes["default_cost"] == ["400", "450"]


def test_instrument_with_a_wrong_target_group_refused(beheerder: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.instrument_create(
            user=beheerder,
            code="x",
            name="X",
            category=category(),
            funding_stream="overig",
            target_groups=[5],
        )
    assert refused(error)["target_groups"] == ["Kies doelgroepen uit 1, 2, 3 en 4."]
    assert not Instrument.objects.filter(code="x").exists() and not events()


def test_instrument_stale_version_refused(beheerder: User) -> None:
    taal = Instrument.objects.get(code="taalcursus")
    services.instrument_update(
        user=beheerder, instrument=taal, expected_version=1, active=False
    )
    with pytest.raises(ValidationError) as error:
        services.instrument_update(
            user=beheerder, instrument=taal, expected_version=1, name="Taal"
        )
    assert "version" in refused(error)
    taal.refresh_from_db()
    assert taal.name == "Taalcursus"


def test_provider_create_and_duplicate_kvk(beheerder: User) -> None:
    provider = services.provider_create(
        user=beheerder,
        name="Werkfit B.V.",
        kind="re-integratiebedrijf",
        kvk_number="12345678",
    )
    assert provider.pk
    with pytest.raises(ValidationError) as error:
        services.provider_create(
            user=beheerder, name="Kopie", kind="overig", kvk_number="12345678"
        )
    assert "Er is al een aanbieder met dit KvK-nummer." in str(error.value)
    updated = services.provider_update(
        user=beheerder, provider=provider, expected_version=1, city="Haarlem"
    )
    assert updated.version == 2
    assert Provider.objects.filter(name="Kopie").count() == 0


def test_parameter_change_keeps_who_and_the_old_value(beheerder: User) -> None:
    row = SubsidyParameter.objects.get(valid_from=date(2026, 1, 1))
    services.parameter_update(
        user=beheerder,
        parameter=row,
        expected_version=row.version,
        wml_per_hour=Decimal("14.72"),
    )
    [event] = events("updated")
    assert event.user_id == beheerder.pk
    assert event.changes["wml_per_hour"] == ["14.71", "14.72"]
    assert event.at is not None


def test_parameter_once_per_date(beheerder: User) -> None:
    services.parameter_create(
        user=beheerder, valid_from=date(2026, 7, 1), wml_per_hour=Decimal("14.95")
    )
    assert SubsidyParameter.objects.valid_on(date(2026, 7, 2)).wml_per_hour == Decimal(  # type: ignore[union-attr]
        "14.95"
    )
    with pytest.raises(ValidationError) as error:
        services.parameter_create(
            user=beheerder, valid_from=date(2026, 7, 1), wml_per_hour=Decimal("15")
        )
    assert refused(error)["valid_from"] == ["Er zijn al parameters vanaf deze datum."]


@pytest.mark.parametrize("value", ["0", "-1"])
def test_parameter_wml_must_be_positive(beheerder: User, value: str) -> None:
    with pytest.raises(ValidationError) as error:
        services.parameter_create(
            user=beheerder, valid_from=date(2027, 1, 1), wml_per_hour=Decimal(value)
        )
    assert "wml_per_hour" in refused(error)


def test_code_save_records_old_and_new(beheerder: User) -> None:
    kind = PlacementKind.objects.get(code="proefplaatsing")
    services.code_save(user=beheerder, obj=kind, fields={"max_duration_months": 3})
    [event] = events("updated")
    assert event.changes["max_duration_months"] == [2, 3]
    assert event.user_id == beheerder.pk


def test_code_save_validates(beheerder: User) -> None:
    kind = PlacementKind(code="nieuw", label="")
    with pytest.raises(ValidationError):
        services.code_save(user=beheerder, obj=kind)
    assert not PlacementKind.objects.filter(code="nieuw").exists()


def test_unknown_field_is_a_programming_error(beheerder: User) -> None:
    kwargs: dict[str, Any] = {"colour": "blauw"}
    with pytest.raises(TypeError):
        services.provider_create(user=beheerder, name="X", kind="overig", **kwargs)
