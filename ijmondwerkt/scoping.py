"""The scoping contract: which rows a principal may see (docs/scoping.md).

``Model.objects.for_user(principal)`` is the single gate every page, API
endpoint, export and task goes through. A *principal* is a staff member
(``User``) or a partner system's technical user. Two things bound it:

- **role**: staff see rows of a kind only when they hold a role that works
  with that kind; a partner system holds no roles, its API scopes decide;
- **municipality**: the active municipalities the principal serves.

There is one implementation per *kind* of scope, below; every queryset's
``for_user`` calls one of them. Pages are gated separately by role
(``ijmondwerkt.access``); a row outside the scope is simply not found (404).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import QuerySet

from ijmondwerkt.accounts.roles import Role

Q = TypeVar("Q", bound=QuerySet[Any])

# Client files: klantmanagers, and werkmakelaars for matching and proposals
# (the pages of a file are for klantmanagers only: ijmondwerkt.access).
CLIENT_FILE_ROLES: tuple[Role, ...] = (Role.KLANTMANAGER, Role.WERKMAKELAAR)
# The regional employer pool: werkmakelaars, and klantmanagers to place clients.
POOL_ROLES: tuple[Role, ...] = (Role.WERKMAKELAAR, Role.KLANTMANAGER)


def is_partner(principal: Any) -> bool:
    """A partner system's technical user: no roles, its API scopes decide."""
    return getattr(principal, "partner", None) is not None


def holds_role(principal: Any, roles: Iterable[Role] | None) -> bool:
    """Staff need one of ``roles`` (None: any principal); partners always pass."""
    if roles is None or is_partner(principal):
        return True
    has_role = getattr(principal, "has_role", None)
    if has_role is None:
        return True  # a principal without roles (e.g. a PartnerSystem object)
    return bool(has_role(*roles))


def served_municipalities(
    principal: Any, roles: Iterable[Role] | None = None
) -> frozenset[int]:
    """The municipality ids whose rows ``principal`` may see for these roles."""
    ids: frozenset[int] = getattr(principal, "municipality_ids", None) or frozenset()
    if not ids or not holds_role(principal, roles):
        return frozenset()
    return ids


# --- one implementation per kind of scope --------------------------------------


def in_municipalities(
    queryset: Q, principal: Any, *, lookup: str, roles: Iterable[Role] | None
) -> Q:
    """Rows of one municipality (client files, policies, municipalities)."""
    ids = served_municipalities(principal, roles)
    if not ids:
        return queryset.none()
    return queryset.filter(**{f"{lookup}__in": ids})


def pool_allows(principal: Any) -> bool:
    """May ``principal`` see the regional pool (employers, vacancies, contacts)?"""
    return bool(served_municipalities(principal, POOL_ROLES))


def in_regional_pool(queryset: Q, principal: Any) -> Q:
    """The regional pool: whole, or nothing (it is not split per municipality)."""
    return queryset.all() if pool_allows(principal) else queryset.none()


def in_pool_for_clients(queryset: Q, principal: Any, *, client_lookup: str) -> Q:
    """Pool rows about a client (proposals): both the pool and the client's file."""
    if not pool_allows(principal):
        return queryset.none()
    return in_municipalities(
        queryset,
        principal,
        lookup=f"{client_lookup}__municipality_id",
        roles=CLIENT_FILE_ROLES,
    )


def assigned_to(queryset: Q, principal: Any, *, lookup: str = "assignee") -> Q:
    """A person's own items (inbox tasks): assigned to them, nothing else."""
    if not (getattr(principal, "is_authenticated", False) and principal.is_active):
        return queryset.none()
    return queryset.filter(**{lookup: principal})
