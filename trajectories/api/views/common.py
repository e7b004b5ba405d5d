"""Shared by the API views: 404 for an unseen row, versioned writes, months."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from ijmondwerkt.domain import NotFound
from ijmondwerkt.rest.services import call_service
from ijmondwerkt.rest.viewsets import VERSION, ServiceWriteMixin
from ijmondwerkt.validators import REGISTRATION_EPOCH, YEARS_AHEAD
from trajectories.subsidy import months_between

UUID = "[0-9a-f-]{36}"
WRITE_METHODS = ["get", "post", "patch", "head", "options"]
END_FIELDS = ("end_date", "end_reason")


def run_service(
    serializer: BaseSerializer[Any], service: Callable[..., Any], **kwargs: Any
) -> Any:
    """``call_service``, with a row the caller may not see answered as 404."""
    try:
        return call_service(serializer, service, **kwargs)
    except NotFound as exc:
        raise Http404 from exc


class TodayContextMixin:
    """Derived fields (``duurzaam``) are computed for one day per answer."""

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        context["today"] = timezone.localdate()
        return dict(context)


class VersionedWriteMixin(ServiceWriteMixin):
    """``POST`` through ``create_service``; ``PATCH`` through ``update_service``.

    A ``PATCH`` that gives an open row an end (``einddatum``/``redenEinde``)
    goes through ``end_service`` (which also asks for what follows an end),
    after any other change, in one transaction.
    """

    create_service: Callable[..., Any]
    end_service: Callable[..., Any] | None = None
    update_user_argument = "user"

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)  # type: ignore[attr-defined]
        serializer.is_valid(raise_exception=True)
        data = self.create_arguments(dict(serializer.validated_data))
        data.pop(VERSION, None)
        created = run_service(
            serializer, self.create_service, user=request.user, **data
        )
        return self.respond(created, status.HTTP_201_CREATED)

    def create_arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        """The validated data as the create service's keywords."""
        return data

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()  # type: ignore[attr-defined]
        serializer = self.get_serializer(  # type: ignore[attr-defined]
            obj, data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if VERSION not in data:
            raise ValidationError({"versie": ["Geef de versie mee zoals u die las."]})
        expected = data.pop(VERSION)
        ending = {k: data.pop(k) for k in END_FIELDS if k in data}
        gives_end = any(v is not None for v in ending.values())
        if self.end_service is None or obj.end_date is not None or not gives_end:
            updated = self._update(serializer, obj, expected, {**data, **ending})
            return self.respond(updated, status.HTTP_200_OK)
        with transaction.atomic():
            if data:
                obj = self._update(serializer, obj, expected, data)
                expected = obj.version
            updated = run_service(
                serializer,
                self.end_service,
                user=request.user,
                expected_version=expected,
                end_date=ending.get("end_date"),
                end_reason=ending.get("end_reason"),
                **{self.update_argument: obj},
            )
        return self.respond(updated, status.HTTP_200_OK)

    def _update(
        self,
        serializer: BaseSerializer[Any],
        obj: Any,
        expected: int,
        changes: dict[str, Any],
    ) -> Any:
        return run_service(
            serializer,
            self.update_service,
            user=self.request.user,
            expected_version=expected,
            **{self.update_argument: obj},
            **changes,
        )


MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MAX_MONTHS = 36
MONTH_PARAMETERS = ("vanMaand", "totMaand")


def add_months(month: date, count: int) -> date:
    """The first day of the month ``count`` months after ``month`` (or before)."""
    years, index = divmod(month.month - 1 + count, 12)
    return date(month.year + years, index + 1, 1)


def _parse_month(raw: str) -> date | None:
    match = MONTH.fullmatch(raw)
    if match is None:
        return None
    year = int(match[1])
    latest = timezone.localdate().year + YEARS_AHEAD
    if not REGISTRATION_EPOCH.year <= year <= latest:
        return None
    return date(year, int(match[2]), 1)


def month_range(request: Request) -> tuple[date, date]:
    """``vanMaand`` and ``totMaand`` (JJJJ-MM), at most ``MAX_MONTHS`` months.

    Without either: this calendar year. With one: twelve months from or to it.
    """
    params = request.query_params
    errors: dict[str, list[str]] = {
        name or "(leeg)": ["Onbekende parameter."]
        for name in sorted(set(params) - set(MONTH_PARAMETERS))
    }
    months: dict[str, date | None] = {}
    for name in MONTH_PARAMETERS:
        raw = params.get(name)
        if raw is None:
            months[name] = None
            continue
        months[name] = _parse_month(raw)
        if months[name] is None:
            errors[name] = [
                "Geef een maand als JJJJ-MM, bijvoorbeeld 2026-01 (jaar van "
                f"{REGISTRATION_EPOCH.year} tot en met "
                f"{timezone.localdate().year + YEARS_AHEAD})."
            ]
    if errors:
        raise ValidationError(errors)
    first, last = months["vanMaand"], months["totMaand"]
    if first is None and last is None:
        first = timezone.localdate().replace(month=1, day=1)
    if first is None:
        assert last is not None
        first = add_months(last, -11)
    if last is None:
        last = add_months(first, 11)
    if first > last:
        raise ValidationError({"vanMaand": ["vanMaand ligt na totMaand."]})
    if len(months_between(first, last)) > MAX_MONTHS:
        raise ValidationError(
            {"totMaand": [f"Vraag hoogstens {MAX_MONTHS} maanden tegelijk op."]}
        )
    return first, last
