"""No BSN in an address: a query parameter that looks like one is refused.

An address ends up where personal data must not: web-server and proxy access
logs, browser history, ``Referer`` headers, ``next`` links and error reports.
So before anything else sees the request (sessions, views, logging of the
request), a query parameter whose name or value carries nine digits (spaces,
dots or dashes between them, in any script: fullwidth, Arabic-Indic,
superscript; also inside a percent-encoded ``next`` link) is answered with 400.
The API answers problem+json pointing to ``POST /api/v1/werkzoekenden/_zoek``,
pages a Dutch page pointing to the BSN search form. Neither the refusal nor
the ``instance`` of the problem repeats the query string, and nothing is
logged here. Apps added later are covered without doing anything.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from ijmondwerkt.identifiers import contains_bsn_like
from ijmondwerkt.rest.exceptions import PROBLEM_CONTENT_TYPE, problem

PROBLEM_PREFIXES = ("/api/", "/oauth/")
SEARCH_ENDPOINT = "POST /api/v1/werkzoekenden/_zoek"
HIDDEN_NAME = "(parameternaam)"


def bsn_parameter(request: HttpRequest) -> str | None:
    """The name of the first query parameter carrying a BSN-like number."""
    for name, values in request.GET.lists():
        if contains_bsn_like(name):
            return HIDDEN_NAME  # the name itself is the number: do not repeat it
        if any(contains_bsn_like(value) for value in values):
            return name[:100]
    return None


def refusal(request: HttpRequest, name: str) -> HttpResponse:
    if request.path.startswith(PROBLEM_PREFIXES):
        reason = _(
            "Een BSN hoort niet in een URL (die komt in logbestanden terecht). "
            "Zoek op BSN met %(endpoint)s, met het BSN in de body."
        ) % {"endpoint": SEARCH_ENDPOINT}
        body = problem(
            400,
            instance=request.path,
            detail=reason,
            code="bsn_in_url",
            invalid_params=[{"name": name, "code": "bsn_in_url", "reason": reason}],
        )
        response: HttpResponse = JsonResponse(
            body, status=400, content_type=PROBLEM_CONTENT_TYPE
        )
        response["API-Version"] = settings.API_VERSION
    else:
        response = render(request, "errors/400_bsn.html", status=400)
    add_never_cache_headers(response)
    # django.request would log the refusal with the request attached, and a
    # handler that reports requests (mail, error tracker) would send the URL.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


class BsnInUrlMiddleware:
    """Refuses a BSN-like query parameter on every route, before anything logs it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            name = bsn_parameter(request)
        except TooManyFieldsSent:
            name = None  # refused next, by the request guard
        if name is not None:
            return refusal(request, name)
        return self.get_response(request)
