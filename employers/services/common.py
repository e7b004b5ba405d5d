"""What every employer-pool service shares: field checks and audit helpers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ijmondwerkt.accounts.models import User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit import display


def only(fields: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    return fields


def check_werkmakelaar(user: User | None, field: str = "werkmakelaar") -> None:
    if user is not None and not user.has_role(Role.WERKMAKELAAR):
        raise ValidationError(
            {field: _("Kies een medewerker met de rol werkmakelaar.")}
        )


def created(obj: Any, fields: Any) -> dict[str, list[Any]]:
    """Changes of a new object: every field that has a value, from nothing."""
    changes: dict[str, list[Any]] = {}
    for name in fields:
        value = getattr(obj, name)
        if value not in (None, "", False):
            changes[name] = [None, display(value)]
    return changes
