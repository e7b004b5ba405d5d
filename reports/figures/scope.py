"""Who gets report figures, and for which municipalities (docs/scoping.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ijmondwerkt import scoping
from ijmondwerkt.accounts.roles import Role

# Managers answer for the figures; the functioneel beheerder keeps the report
# schedule and the archive. Both already see the budgets the report includes.
# Caseworkers and the privacy officer get no report figures.
REPORT_ROLES: tuple[Role, ...] = (Role.MANAGER, Role.BEHEERDER)


def served(principal: Any, municipalities: Iterable[Any] | None = None) -> list[int]:
    """The municipality ids ``principal`` gets reports for, narrowed to ``municipalities``.

    A partner system's technical user has no roles; the API's scopes decide
    whether it reaches the reports at all, and then its municipalities bound it.
    """
    ids = scoping.served_municipalities(principal, REPORT_ROLES)
    if municipalities is not None:
        wanted = {m if isinstance(m, int) else m.pk for m in municipalities}
        ids = ids & wanted
    return sorted(ids)
