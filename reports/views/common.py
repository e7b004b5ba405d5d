"""What the report pages share: the role gate, the page size, the scoped reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest

from ijmondwerkt.access import role_required
from ijmondwerkt.domain import NotFound
from reports.figures import REPORT_ROLES
from reports.models import Report, ReportQuerySet

PAGE_SIZE = 25

# Managers and functioneel beheerders with a municipality to serve; which
# reports they then see is Report.objects.for_user (all its municipalities).
reads_reports = role_required(*REPORT_ROLES, serves_municipality=True)


def reports_of(request: HttpRequest) -> ReportQuerySet:
    return Report.objects.for_user(request.user)


def calling(service: Callable[..., Any]) -> Callable[..., Any]:
    """A service call whose NotFound (out of the user's scope) is a 404 for the page."""

    def call(**kwargs: Any) -> Any:
        try:
            return service(**kwargs)
        except NotFound as exc:
            raise Http404 from exc

    return call
