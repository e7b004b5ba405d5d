"""Errors as application/problem+json (RFC 7807) on every API 4xx and 5xx.

``invalidParams`` lists validation errors with the camelCase field name.
Nothing but this shape reaches an API client: no HTML page, no stack trace.
"""

from __future__ import annotations

import logging
from typing import Any

from djangorestframework_camel_case.util import camelize_re, underscore_to_camel

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
API_PREFIX = "/api/"

TITLES = {
    400: gettext_lazy("Ongeldige invoer."),
    401: gettext_lazy("Niet geauthenticeerd."),
    403: gettext_lazy("Geen toegang."),
    404: gettext_lazy("Niet gevonden."),
    405: gettext_lazy("Methode niet toegestaan."),
    406: gettext_lazy("Gevraagd formaat niet beschikbaar."),
    409: gettext_lazy("Conflict."),
    413: gettext_lazy("Verzoek te groot."),
    415: gettext_lazy("Niet-ondersteund mediatype."),
    429: gettext_lazy("Te veel verzoeken."),
    500: gettext_lazy("Interne serverfout."),
}

CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    429: "throttled",
    500: "error",
}


def camel(name: str) -> str:
    return camelize_re.sub(underscore_to_camel, name)


def problem(
    status_code: int,
    *,
    instance: str,
    detail: str = "",
    code: str | None = None,
    invalid_params: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    code = code or CODES.get(status_code, "error")
    body: dict[str, Any] = {
        "type": f"https://ijmondwerkt.nl/api/fouten/{code}",
        "code": code,
        "title": str(TITLES.get(status_code, gettext_lazy("Fout."))),
        "status": status_code,
        "detail": detail or str(TITLES.get(status_code, "")),
        "instance": instance,
    }
    if invalid_params is not None:
        body["invalidParams"] = invalid_params
    return body


def flatten_errors(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Turn DRF's nested error structure into ``[{name, code, reason}]``."""
    result: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = (
                "nonFieldErrors"
                if key == api_settings.NON_FIELD_ERRORS_KEY
                else camel(str(key))
            )
            result += flatten_errors(value, f"{prefix}.{name}" if prefix else name)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            nested = isinstance(value, dict | list)
            result += flatten_errors(value, f"{prefix}.{index}" if nested else prefix)
    else:
        code = getattr(detail, "code", None) or "invalid"
        result.append(
            {"name": prefix or "nonFieldErrors", "code": code, "reason": str(detail)}
        )
    return result


def _as_drf(exc: Exception) -> exceptions.APIException | None:
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict
            if hasattr(exc, "error_dict")
            else {"non_field_errors": exc.messages}
        )
        return exceptions.ValidationError(detail)
    return None


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF ``EXCEPTION_HANDLER``: every error of an API view becomes a problem."""
    request = context.get("request")
    # The path only: a query string may carry personal data and is logged
    # by no one here.
    instance = request.path if request is not None else ""
    api_exc = _as_drf(exc)
    if api_exc is None:
        logger.exception("Unhandled error in API view %s", instance)
        return Response(
            problem(500, instance=instance),
            status=500,
            content_type=PROBLEM_CONTENT_TYPE,
        )
    headers: dict[str, str] = {}
    if getattr(api_exc, "auth_header", None):
        headers["WWW-Authenticate"] = api_exc.auth_header  # type: ignore[attr-defined]
    if getattr(api_exc, "wait", None):
        headers["Retry-After"] = str(int(api_exc.wait))  # type: ignore[attr-defined]
    status_code = api_exc.status_code
    if isinstance(api_exc, exceptions.ValidationError):
        body = problem(
            status_code,
            instance=instance,
            detail=_("De invoer is ongeldig; zie invalidParams."),
            invalid_params=flatten_errors(api_exc.detail),
        )
    else:
        text, code = str(api_exc.detail), getattr(api_exc.detail, "code", None)
        if status_code == status.HTTP_404_NOT_FOUND:
            # The same answer whether it does not exist or is out of scope.
            text, code = str(TITLES[404]), "not_found"
        body = problem(status_code, instance=instance, detail=text, code=code)
    return Response(
        body, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE
    )


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def problem_response(
    request: HttpRequest, status_code: int, detail: str = ""
) -> JsonResponse:
    return JsonResponse(
        problem(status_code, instance=request.path, detail=detail),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
    )
