"""Querysets of rows that hang off a client file (docs/scoping.md)."""

from __future__ import annotations

from typing import Any

from ijmondwerkt import scoping
from ijmondwerkt.accounts.models import MunicipalityScopedQuerySet
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit.services import AuditedQuerySet


class CaseworkQuerySet(AuditedQuerySet, MunicipalityScopedQuerySet):  # type: ignore[override]
    """Trajectories, deployments, assessments: the klantmanager's casework.

    Rows of the clients in the municipalities the principal serves, for
    klantmanagers (and partner systems, whose scopes decide). A werkmakelaar
    does not see a client's trajectories or assessments.
    """

    municipality_lookup = "client__municipality_id"
    scope_roles: tuple[Role, ...] | None = (Role.KLANTMANAGER,)


class PlacementScopedQuerySet(AuditedQuerySet):
    """Placements and their follow-up: the pool and the client's municipality.

    Like proposals: werkmakelaars arrange placements and record follow-up with
    the employer, klantmanagers own the client; both see a placement when the
    client is in one of their municipalities.
    """

    client_lookup = "client"

    def for_user(self, principal: Any) -> Any:
        return scoping.in_pool_for_clients(
            self, principal, client_lookup=self.client_lookup
        )
