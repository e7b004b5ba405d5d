"""What the entry pages share: the role gate, the page size, a service call."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from budgets.models import BUDGET_ROLES
from ijmondwerkt.access import role_required
from ijmondwerkt.domain import NotFound

PAGE_SIZE = 25

# Managers and functioneel beheerders with a municipality to serve; what they
# see is then bounded by the scoped querysets.
budget_staff = role_required(*BUDGET_ROLES, serves_municipality=True)


def calling(service: Any) -> Any:
    """A service call whose NotFound (a row out of scope) is a 404 for the page."""

    def call(**kwargs: Any) -> Any:
        try:
            return service(**kwargs)
        except NotFound as exc:
            raise Http404 from exc

    return call
