"""Refuse hostile request input before any view, form or query sees it.

One place for classes of input that no page or API resource can use and that
would otherwise end as a server error deep inside a view:

- a body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (pages and API alike:
  DRF reads the body as a stream, past Django's own check), answered 413;
- more fields than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``, answered 400;
- control characters (NUL, escape, ...) in a query parameter or form field
  name, and NUL in a form value: PostgreSQL cannot hold NUL, and no search or
  filter means anything with a control character. Answered 400.

The API gets problem+json (the parameter named in ``invalidParams``, its value
never echoed); pages get a short Dutch page. Apps added later inherit this
without doing anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ijmondwerkt.rest.exceptions import PROBLEM_CONTENT_TYPE, problem

# C0 controls, DEL and C1 controls: never part of a search term or field name.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
PROBLEM_PREFIXES = ("/api/", "/oauth/")


class Refusal(Exception):
    """Why a request is refused: status, Dutch reason, offending parameter."""

    def __init__(self, status: int, reason: str, name: str = "") -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.name = name


def printable(name: str) -> str:
    return CONTROL_CHARACTERS.sub("?", name)[:100] or "(leeg)"


def check_body_size(request: HttpRequest) -> None:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if limit is not None and length > limit:
        raise Refusal(
            413,
            _("Het verzoek is te groot (meer dan %(mb)s MB).")
            % {"mb": number_format(round(limit / 1_048_576, 1), use_l10n=True)},
        )


def check_fields(data: QueryDict, *, values: re.Pattern[str] | None) -> None:
    """Control characters in a name, or ``values`` matching in a value, refuse."""
    for name, items in data.lists():
        if CONTROL_CHARACTERS.search(name):
            raise Refusal(400, _("De naam bevat een ongeldig teken."), printable(name))
        if values is not None:
            for value in items:
                if isinstance(value, str) and values.search(value):
                    raise Refusal(
                        400, _("De waarde bevat een ongeldig teken."), printable(name)
                    )


def check_request(request: HttpRequest) -> None:
    check_body_size(request)
    try:
        check_fields(request.GET, values=CONTROL_CHARACTERS)
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            check_fields(request.POST, values=re.compile("\x00"))
    except TooManyFieldsSent as exc:
        raise Refusal(400, _("Het verzoek bevat te veel velden.")) from exc
    except RequestDataTooBig as exc:
        raise Refusal(413, _("Het verzoek is te groot.")) from exc


def refusal_response(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    if request.path.startswith(PROBLEM_PREFIXES):
        invalid = (
            [{"name": refusal.name, "code": "invalid", "reason": refusal.reason}]
            if refusal.name
            else None
        )
        body = problem(
            refusal.status,
            instance=request.path,
            detail=refusal.reason,
            invalid_params=invalid,
        )
        response = JsonResponse(
            body, status=refusal.status, content_type=PROBLEM_CONTENT_TYPE
        )
        response["API-Version"] = settings.API_VERSION
        return response
    return render(
        request,
        "errors/400.html",
        {"reason": refusal.reason, "parameter": refusal.name},
        status=refusal.status,
    )


class RequestGuardMiddleware:
    """Answers hostile input with a 4xx before sessions, views or the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            check_request(request)
        except Refusal as refusal:
            return refusal_response(request, refusal)
        return self.get_response(request)
