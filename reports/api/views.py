"""Partner API of the reports app: the month's figures, the evaluation and the archive.

Read-only, scope ``rapportages.lezen`` (managers and functioneel beheerders,
and partner systems granted it). The figures come from reports.figures for
the municipalities the caller gets reports for (``served``): aggregates only,
no client rows, so nothing here is logged as a read of client data.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ijmondwerkt.rest.personal_data import PersonalDataMixin
from reports.api.params import (
    EVALUATION_PARAMETERS,
    MONTH_PARAMETERS,
    evaluation_query,
    month_query,
)
from reports.api.serializers import EvaluationSerializer, MonthReportSerializer
from reports.figures import evaluation, month_report

TAGS = ["rapportages"]
EARLIEST = 1  # no lower bound: the evaluation covers any history


def _only(municipality: Any) -> list[Any] | None:
    return [municipality] if municipality is not None else None


class ReportViewSet(PersonalDataMixin, viewsets.GenericViewSet):
    """Rapportages: maandcijfers, de jaarlijkse evaluatie en het archief."""

    scope_resource = "rapportages"
    client_lookup = None  # aggregates only

    @extend_schema(
        summary="Maandcijfers per gemeente en voor de regio",
        description="De cijfers van de maandrapportage (definities: docs/reports.md) "
        "per gemeente van de aanroeper en hun totaal (`totaal`, uit de records "
        "zelf berekend). Met `gemeente` alleen die gemeente (het totaal is dan "
        "gelijk aan de gemeente). De lopende maand geeft de cijfers tot vandaag "
        "(`peildatum`). Een ongeldige of toekomstige `maand`, een onbekende of "
        "andere `gemeente` of een onbekende parameter geeft 400 met die "
        "parameter in `invalidParams`.",
        tags=TAGS,
        parameters=MONTH_PARAMETERS,
        responses=MonthReportSerializer,
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="maand",
        url_name="month",
        filter_backends=[],
        pagination_class=None,
    )
    def month(self, request: Request) -> Response:
        query = month_query(request)
        report = month_report(
            request.user, query.month, municipalities=_only(query.municipality)
        )
        return Response(MonthReportSerializer(report).data)

    @extend_schema(
        summary="Jaarlijkse evaluatie van trajecten per startjaar",
        description="Per startjaar: trajecten, deelnemers, uitstroom naar werk, "
        "uitstroompercentage en trajecten per eindreden; `totaal` telt "
        "verschillende werkzoekenden over de gekozen jaren. Alleen jaren waarin "
        "trajecten startten staan erin. Een ongeldig jaar, `vanJaar` na "
        "`totJaar`, een onbekende `soort`, een onbekende of andere `gemeente` of "
        "een onbekende parameter geeft 400 met die parameter in `invalidParams`.",
        tags=TAGS,
        parameters=EVALUATION_PARAMETERS,
        responses=EvaluationSerializer,
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="evaluatie",
        url_name="evaluation",
        filter_backends=[],
        pagination_class=None,
    )
    def evaluation(self, request: Request) -> Response:
        query = evaluation_query(request)
        years = None
        if query.first_year is not None or query.last_year is not None:
            years = (query.first_year or EARLIEST, query.last_year or 9999)
        result = evaluation(
            request.user,
            kind=query.kind,
            municipalities=_only(query.municipality),
            years=years,
        )
        answer = SimpleNamespace(
            **vars(result), first_year=query.first_year, last_year=query.last_year
        )
        return Response(EvaluationSerializer(answer).data)
