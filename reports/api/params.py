"""The query parameters of the figures endpoints, each wrong one named in a 400.

``maand`` is ``jjjj-mm``: a month that has begun (the running month gives its
figures so far). ``gemeente`` is the CBS code of a municipality the caller gets
reports for (``reports.figures.served``): unknown and not served answer alike.
``vanJaar``/``totJaar`` bound the start years of the evaluation, ``soort`` is a
trajectory kind. An unknown parameter is a 400 too, as on every list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from ijmondwerkt.accounts.models import Municipality
from reports.api.serializers import MONTH_PATTERN
from reports.figures import previous_month, served
from trajectories.models import TrajectoryKind

FIRST_YEAR = 2000
LAST_YEAR = 2100
CBS_CODE = re.compile(r"^\d{4}$")
MONTH = re.compile(MONTH_PATTERN)

GEMEENTE = OpenApiParameter(
    "gemeente",
    str,
    OpenApiParameter.QUERY,
    description="CBS-code van een gemeente waarvoor de aanroeper rapportages "
    "krijgt; zonder: al zijn gemeenten en hun totaal.",
    pattern=r"^\d{4}$",
)
MONTH_PARAMETERS = [
    OpenApiParameter(
        "maand",
        {"type": "string", "pattern": MONTH_PATTERN},
        OpenApiParameter.QUERY,
        description="Maand als jjjj-mm (2026-10). Standaard de vorige maand; de "
        "lopende maand geeft de cijfers tot vandaag, een maand in de toekomst 400.",
    ),
    GEMEENTE,
]


def _year_schema() -> dict[str, Any]:
    return {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}


EVALUATION_PARAMETERS = [
    OpenApiParameter(
        "vanJaar",
        _year_schema(),
        OpenApiParameter.QUERY,
        description="Eerste startjaar (standaard: het vroegste).",
    ),
    OpenApiParameter(
        "totJaar",
        _year_schema(),
        OpenApiParameter.QUERY,
        description="Laatste startjaar, tot en met (standaard: het laatste); niet "
        "voor `vanJaar`.",
    ),
    GEMEENTE,
    OpenApiParameter(
        "soort",
        str,
        OpenApiParameter.QUERY,
        description="Soort traject; zonder: alle soorten.",
        enum=TrajectoryKind.values,
    ),
]


@dataclass
class MonthQuery:
    month: date
    municipality: Municipality | None


@dataclass
class EvaluationQuery:
    first_year: int | None
    last_year: int | None
    kind: str | None
    municipality: Municipality | None


def _unknown(request: Request, known: set[str]) -> dict[str, list[str]]:
    return {
        name or "(leeg)": ["Onbekende parameter."]
        for name in sorted(set(request.query_params) - known)
    }


def _municipality(
    request: Request, errors: dict[str, list[str]]
) -> Municipality | None:
    code = request.query_params.get("gemeente")
    if code is None:
        return None
    found = None
    if CBS_CODE.fullmatch(code):
        found = Municipality.objects.filter(
            cbs_code=code, pk__in=served(request.user)
        ).first()
    if found is None:
        errors["gemeente"] = [
            "Geef de CBS-code (4 cijfers) van een gemeente waarvoor u rapportages "
            "krijgt."
        ]
    return found


def month_query(request: Request) -> MonthQuery:
    errors = _unknown(request, {"maand", "gemeente"})
    today = timezone.localdate()
    month = previous_month(today)
    raw = request.query_params.get("maand")
    if raw is not None:
        if not MONTH.fullmatch(raw) or not FIRST_YEAR <= int(raw[:4]) <= LAST_YEAR:
            errors["maand"] = ["Geef een maand als jjjj-mm, bijvoorbeeld 2026-10."]
        else:
            month = date(int(raw[:4]), int(raw[5:]), 1)
            if month > today:
                errors["maand"] = [
                    "Deze maand is nog niet begonnen; kies de lopende maand of "
                    "een eerdere."
                ]
    municipality = _municipality(request, errors)
    if errors:
        raise ValidationError(errors)
    return MonthQuery(month=month, municipality=municipality)


def _year(request: Request, name: str, errors: dict[str, list[str]]) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if raw.isascii() and raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    errors[name] = [
        f"Geef een jaar van {FIRST_YEAR} tot en met {LAST_YEAR}, bijvoorbeeld 2006."
    ]
    return None


def evaluation_query(request: Request) -> EvaluationQuery:
    errors = _unknown(request, {"vanJaar", "totJaar", "gemeente", "soort"})
    first = _year(request, "vanJaar", errors)
    last = _year(request, "totJaar", errors)
    if first is not None and last is not None and first > last:
        errors["vanJaar"] = ["Het eerste jaar ligt na het laatste (totJaar)."]
    kind = request.query_params.get("soort")
    if kind is not None and kind not in TrajectoryKind.values:
        errors["soort"] = [
            "Onbekende soort traject; kies uit "
            + ", ".join(TrajectoryKind.values)
            + "."
        ]
    municipality = _municipality(request, errors)
    if errors:
        raise ValidationError(errors)
    return EvaluationQuery(first, last, kind, municipality)
