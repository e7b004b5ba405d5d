"""What every trajectories service shares: scope checks, rule helpers, audit values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from ijmondwerkt import scoping
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit import display
from ijmondwerkt.domain import NotFound

# Who acts on a client's casework (trajectories, deployments, assessments)
# and who on placements and their follow-up: the querysets' own roles.
CASEWORK_ROLES: tuple[Role, ...] = (Role.KLANTMANAGER,)


def require(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise ValidationError({field: message})


def only(fields: dict[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    return fields


def not_found(what: str) -> NotFound:
    return NotFound(
        _("Deze %(what)s bestaat niet of u mag hem niet zien.") % {"what": what}
    )


def check_casework_scope(user: Any, client: Client) -> None:
    """A klantmanager (or partner system) serving the client's municipality."""
    served = scoping.served_municipalities(user, CASEWORK_ROLES)
    if client.municipality_id not in served:
        raise not_found(_("werkzoekende"))


def check_placement_scope(user: Any, client: Client) -> None:
    """Placements: the pool (werkmakelaar or klantmanager) and the client's municipality."""
    served = scoping.served_municipalities(user, scoping.CLIENT_FILE_ROLES)
    if not scoping.pool_allows(user) or client.municipality_id not in served:
        raise not_found(_("werkzoekende"))


def visible(queryset: Any, user: Any, obj: Any, what: str) -> None:
    """Refuse ``obj`` when ``queryset.for_user(user)`` does not hold it."""
    if not queryset.for_user(user).filter(pk=obj.pk).exists():
        raise not_found(what)


def check_client_open(client: Client, what: str, field: str = "client") -> None:
    """Refuse a write on a closed file (uitgestroomd, overgedragen)."""
    require(
        client.is_open,
        field,
        _(
            "Het dossier van deze werkzoekende is niet actief (status: %(status)s); "
            "%(what)s kan niet worden vastgelegd."
        )
        % {"status": client.get_status_display().lower(), "what": what},
    )


def check_end(
    start: date | None,
    end: date | None,
    reason: Any,
    *,
    end_field: str = "end_date",
    reason_field: str = "end_reason",
) -> None:
    """An end date and an end reason go together, and the end is not before the start."""
    require(
        not (end is None and reason is not None),
        end_field,
        _("Bij een reden einde hoort een einddatum."),
    )
    require(
        not (end is not None and reason is None),
        reason_field,
        _("Bij een einddatum hoort een reden einde."),
    )
    check_order(start, end, end_field)


def check_order(start: date | None, end: date | None, field: str) -> None:
    require(
        start is None or end is None or end >= start,
        field,
        _("De einddatum ligt vóór de startdatum."),
    )


def not_in_future(day: date | None, field: str) -> None:
    require(
        day is None or day <= timezone.localdate(),
        field,
        _("Deze datum ligt in de toekomst."),
    )


def last_day_within(start: date, months: int) -> date:
    """The last day a period of ``months`` months from ``start`` covers."""
    return start + relativedelta(months=months) - timedelta(days=1)


def check_active(obj: Any, field: str, what: str) -> None:
    require(
        obj is None or getattr(obj, "active", True),
        field,
        _("%(what)s is niet meer actief.") % {"what": what},
    )


def created(obj: Any, fields: Iterable[str]) -> dict[str, list[Any]]:
    """Changes of a new object: every field that has a value, from nothing."""
    changes: dict[str, list[Any]] = {}
    for name in fields:
        value = getattr(obj, name)
        if value not in (None, "", False, []):
            changes[name] = [None, display(value)]
    return changes


def actual_changes(obj: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``changes`` that differ from ``obj``'s current values."""
    return {k: v for k, v in changes.items() if getattr(obj, k) != v}


def staff(user: Any) -> Any:
    """``user`` as a person to store on a row (registered_by), None for a system."""
    if getattr(user, "is_authenticated", False) and getattr(user, "pk", None):
        return user
    return None
