"""Beheer of the reference data: instruments, providers, subsidy parameters, code lists.

The functioneel beheerder edits these in beheer (/beheer/); each save goes
through here, so the audit trail keeps who changed what and when (a change
of the WML is kept with its old and new value).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from ijmondwerkt.audit import record
from ijmondwerkt.versioning import lock_for_update, versioned_update
from trajectories.models import Instrument, Provider, SubsidyParameter

from .common import created, only

INSTRUMENT_FIELD_ORDER = [
    "code",
    "name",
    "category",
    "funding_stream",
    "default_cost",
    "cost_unit",
    "target_groups",
    "requires_trajectory",
    "max_duration_months",
    "provision_code",
    "provider_kinds",
    "description",
    "active",
]
PROVIDER_FIELD_ORDER = ["name", "kind", "kvk_number", "city", "active"]
PARAMETER_FIELD_ORDER = [
    "valid_from",
    "wml_per_hour",
    "holiday_allowance_pct",
    "cap_pct",
    "employer_costs_pct",
]


def _strip(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _create(
    model: type[models.Model], fields: dict[str, Any], user: Any, what: str
) -> Any:
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    record(
        obj,
        action="created",
        summary=_("%(what)s toegevoegd: %(obj)s") % {"what": what, "obj": obj},
        changes=created(obj, list(fields)),
        actor=user,
    )
    return obj


def _update(
    model: type[models.Model],
    obj: Any,
    expected_version: int | None,
    changes: dict[str, Any],
    user: Any,
    what: str,
) -> Any:
    locked = lock_for_update(
        model._default_manager.all(),
        obj.pk,
        expected_version=expected_version,
        what=what.lower(),
    )
    changes = {k: v for k, v in changes.items() if getattr(locked, k) != v}
    if not changes:
        return locked
    return versioned_update(
        locked,
        changes,
        summary=_("%(what)s gewijzigd: %(obj)s") % {"what": what, "obj": locked},
        actor=user,
    )


@transaction.atomic
def instrument_create(*, user: Any, **fields: Any) -> Instrument:
    """Add a voorziening to the catalogue."""
    fields = _strip(only(fields, INSTRUMENT_FIELD_ORDER))
    return _create(Instrument, fields, user, _("Voorziening"))


@transaction.atomic
def instrument_update(
    *, user: Any, instrument: Instrument, expected_version: int | None, **changes: Any
) -> Instrument:
    """Change a voorziening; deactivate it rather than delete (history keeps it)."""
    changes = _strip(only(changes, INSTRUMENT_FIELD_ORDER))
    return _update(
        Instrument, instrument, expected_version, changes, user, _("Voorziening")
    )


@transaction.atomic
def provider_create(*, user: Any, name: str, kind: str, **fields: Any) -> Provider:
    """Add an aanbieder."""
    fields = _strip(only({"name": name, "kind": kind, **fields}, PROVIDER_FIELD_ORDER))
    return _create(Provider, fields, user, _("Aanbieder"))


@transaction.atomic
def provider_update(
    *, user: Any, provider: Provider, expected_version: int | None, **changes: Any
) -> Provider:
    changes = _strip(only(changes, PROVIDER_FIELD_ORDER))
    return _update(Provider, provider, expected_version, changes, user, _("Aanbieder"))


@transaction.atomic
def parameter_create(
    *,
    user: Any,
    valid_from: date,
    wml_per_hour: Decimal,
    holiday_allowance_pct: Decimal = Decimal("8.00"),
    cap_pct: Decimal = Decimal("70.00"),
    employer_costs_pct: Decimal = Decimal("23.00"),
) -> SubsidyParameter:
    """Add a row to the parameter table, valid from ``valid_from`` until the next row."""
    fields = {
        "valid_from": valid_from,
        "wml_per_hour": wml_per_hour,
        "holiday_allowance_pct": holiday_allowance_pct,
        "cap_pct": cap_pct,
        "employer_costs_pct": employer_costs_pct,
    }
    return _create(SubsidyParameter, fields, user, _("Parameters loonkostensubsidie"))


@transaction.atomic
def parameter_update(
    *,
    user: Any,
    parameter: SubsidyParameter,
    expected_version: int | None,
    **changes: Any,
) -> SubsidyParameter:
    """Correct a parameter row; the audit trail keeps the old and new values."""
    changes = only(changes, PARAMETER_FIELD_ORDER)
    return _update(
        SubsidyParameter,
        parameter,
        expected_version,
        changes,
        user,
        _("Parameters loonkostensubsidie"),
    )


@transaction.atomic
def code_save(*, user: Any, obj: Any, fields: dict[str, Any] | None = None) -> Any:
    """Add or change a code-list row (no version column: beheer's fingerprint
    guards concurrent edits); the audit trail keeps the old and new values."""
    from ijmondwerkt.audit import diff, snapshot

    model = type(obj)
    names = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    old = (
        model._base_manager.select_for_update().filter(pk=obj.pk).first()
        if obj.pk
        else None
    )
    before = snapshot(old, names) if old is not None else dict.fromkeys(names)
    for name, value in (fields or {}).items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    what = str(model._meta.verbose_name).capitalize()
    record(
        obj,
        action="updated" if old is not None else "created",
        summary=(
            _("%(what)s gewijzigd: %(obj)s")
            if old is not None
            else _("%(what)s toegevoegd: %(obj)s")
        )
        % {"what": what, "obj": obj},
        changes=diff(before, obj, names),
        actor=user,
    )
    return obj
