"""``GET /budgetten/overzicht``: its parameters and the month figures of every row.

The figures are ``budgets.selectors.budget_overview`` (a fixed number of
queries); the months of all rows come from two more grouped queries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from budgets.models import FIRST_YEAR, LAST_YEAR, Commitment, Realisation
from budgets.selectors import MonthFigures, StreamFigures, budget_overview, served
from ijmondwerkt.accounts.models import Municipality

PARAMETERS = frozenset({"gemeente", "jaar", "page", "pageSize"})
CBS_CODE = re.compile(r"^\d{4}$")
ZERO = Decimal("0.00")

OVERVIEW_PARAMETERS = [
    OpenApiParameter(
        "gemeente",
        str,
        OpenApiParameter.QUERY,
        description="CBS-code van een gemeente van de aanroeper; zonder: al zijn "
        "gemeenten.",
        pattern=r"^\d{4}$",
    ),
    OpenApiParameter(
        "jaar",
        {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
        OpenApiParameter.QUERY,
        description="Kalenderjaar; standaard dit jaar.",
    ),
]


@dataclass
class OverviewQuery:
    year: int
    municipality: Municipality | None


def overview_query(request: Request) -> OverviewQuery:
    """``gemeente`` and ``jaar``; each wrong one (or an unknown parameter) named in a 400."""
    params = request.query_params
    errors: dict[str, list[str]] = {
        name or "(leeg)": ["Onbekende parameter."]
        for name in sorted(set(params) - PARAMETERS)
    }
    year = timezone.localdate().year
    raw_year = params.get("jaar")
    if raw_year is not None:
        if (
            raw_year.isascii()
            and raw_year.isdigit()
            and FIRST_YEAR <= int(raw_year) <= LAST_YEAR
        ):
            year = int(raw_year)
        else:
            errors["jaar"] = [
                f"Geef een jaar van {FIRST_YEAR} tot en met {LAST_YEAR}, "
                "bijvoorbeeld 2026."
            ]
    municipality = None
    code = params.get("gemeente")
    if code is not None:
        if CBS_CODE.fullmatch(code):
            municipality = Municipality.objects.filter(
                cbs_code=code, pk__in=served(request.user)
            ).first()
        if municipality is None:
            errors["gemeente"] = [
                "Geef de CBS-code (4 cijfers) van een gemeente waarvoor u budgetten "
                "beheert."
            ]
    if errors:
        raise ValidationError(errors)
    return OverviewQuery(year=year, municipality=municipality)


def _month_totals(
    model: Any, ids: set[int], year: int
) -> dict[tuple[int, str], dict[int, Decimal]]:
    totals: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    for row in (
        model.objects.filter(municipality_id__in=ids, year=year)
        .order_by()
        .values("municipality_id", "funding_stream", "month")
        .annotate(
            total=Coalesce(
                Sum("amount"),
                Value(ZERO),
                output_field=DecimalField(max_digits=16, decimal_places=2),
            )
        )
    ):
        key = (row["municipality_id"], row["funding_stream"])
        totals[key][row["month"]] = row["total"]
    return totals


def overview_rows(principal: Any, query: OverviewQuery) -> list[StreamFigures]:
    """The selector's rows, each with ``months`` (1-12) and ``signal``: six queries."""
    municipalities = [query.municipality] if query.municipality is not None else None
    rows = budget_overview(principal, year=query.year, municipalities=municipalities)
    ids = {row.municipality_id for row in rows}
    committed = _month_totals(Commitment, ids, query.year) if ids else {}
    realised = _month_totals(Realisation, ids, query.year) if ids else {}
    for row in rows:
        key = (row.municipality_id, row.funding_stream)
        row.months = [  # type: ignore[attr-defined]
            MonthFigures(
                month,
                committed.get(key, {}).get(month, ZERO),
                realised.get(key, {}).get(month, ZERO),
            )
            for month in range(1, 13)
        ]
        row.signal = row.level or "geen"  # type: ignore[attr-defined]
    return rows
