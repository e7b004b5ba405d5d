"""Site-wide error views: problem+json under /api/, a calm Dutch page elsewhere."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ijmondwerkt.rest.exceptions import is_api_request, problem_response


def _error(request: HttpRequest, status_code: int, template: str) -> HttpResponse:
    if is_api_request(request):
        return problem_response(request, status_code)
    return render(request, template, status=status_code)


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return _error(request, 400, "errors/400.html")


def permission_denied(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return _error(request, 403, "errors/403.html")


def page_not_found(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return _error(request, 404, "errors/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, "errors/500.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, 403, "errors/403_csrf.html")
