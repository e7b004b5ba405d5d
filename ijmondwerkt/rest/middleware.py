from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from ijmondwerkt.rest.exceptions import API_PREFIX


class ApiVersionMiddleware:
    """Every API response carries the ``API-Version`` header (NL API Design Rules)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            response["API-Version"] = settings.API_VERSION
        return response
