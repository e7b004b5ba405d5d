"""Partner API of the reports app: the month's figures, the evaluation and the archive.

Read-only, scope ``rapportages.lezen`` (managers and functioneel beheerders,
and partner systems granted it). The figures come from reports.figures for
the municipalities the caller gets reports for (``served``): aggregates only,
no client rows, so nothing here is logged as a read of client data.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ijmondwerkt.rest.personal_data import PersonalDataMixin
from ijmondwerkt.rest.viewsets import ScopedQuerysetMixin
from reports.api.archive import FORMATS, RENDERERS, ReportFilter, ReportSerializer
from reports.api.params import (
    EVALUATION_PARAMETERS,
    MONTH_PARAMETERS,
    evaluation_query,
    month_query,
)
from reports.api.serializers import EvaluationSerializer, MonthReportSerializer
from reports.figures import evaluation, month_report
from reports.models import FILE_FORMATS, HEAVY_FIELDS, Report
from trajectories.api.views.common import UUID

TAGS = ["rapportages"]
EARLIEST = 1  # no lower bound: the evaluation covers any history


def _only(municipality: Any) -> list[Any] | None:
    return [municipality] if municipality is not None else None


def _download(fmt: str) -> Any:
    """The action serving one file format of a report (``pdf``, ``csv``, ``xlsx``)."""
    names = {"pdf": "PDF", "csv": "CSV", "xlsx": "Excel (xlsx)"}

    def download(self: ReportViewSet, request: Request, uuid: str) -> HttpResponse:
        return self.file(fmt)

    download.__name__ = download.__qualname__ = fmt
    documented = extend_schema(
        summary=f"De rapportage als {names[fmt]}",
        description=f"Het {names[fmt]}-bestand zoals het gemaakt is, als bijlage "
        "(`Content-Disposition`). 404 zolang de rapportage niet `klaar` is.",
        tags=TAGS,
        responses={
            (200, FILE_FORMATS[fmt].split(";")[0]): OpenApiResponse(
                OpenApiTypes.BINARY, description="Het bestand."
            )
        },
    )
    routed = action(
        detail=True,
        methods=["get"],
        url_path=fmt,
        url_name=fmt,
        renderer_classes=[RENDERERS[fmt]],
        filter_backends=[],
        pagination_class=None,
    )
    return documented(routed(download))


@extend_schema_view(
    list=extend_schema(
        summary="Rapportages in het archief",
        description="De gemaakte maandrapportages (per gemeente of regio, per "
        "maand, ruw of als publicatieversie) waarvan de aanroeper alle gemeenten "
        "bedient, met links naar de bestanden. Zonder cijfers en bestanden: "
        "haal die op via `bestanden`.",
        tags=TAGS,
    ),
    retrieve=extend_schema(summary="Een rapportage opvragen", tags=TAGS),
)
class ReportViewSet(
    PersonalDataMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Rapportages: maandcijfers, de jaarlijkse evaluatie en het archief."""

    scope_resource = "rapportages"
    client_lookup = None  # aggregates only
    queryset = Report.objects.prefetch_related("municipalities")
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    ordering_fields = {"maand": "month", "naam": "name", "status": "status"}
    ordering = ["-month", "is_region", "name", "publication", "pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID

    def get_queryset(self) -> QuerySet[Report]:
        queryset = super().get_queryset()
        if self.action in FORMATS:
            # Only the one file asked for is read from the database.
            return queryset.defer(*(f for f in HEAVY_FIELDS if f != self.action))
        return queryset.defer(*HEAVY_FIELDS)

    def file(self, fmt: str) -> HttpResponse:
        report = self.get_object()
        content = getattr(report, fmt)
        if not report.is_done or content is None:
            raise Http404
        response = HttpResponse(bytes(content), content_type=FILE_FORMATS[fmt])
        response["Content-Disposition"] = (
            content_disposition_header(
                as_attachment=True, filename=report.filename(fmt)
            )
            or "attachment"
        )
        return response

    pdf = _download("pdf")
    csv = _download("csv")
    xlsx = _download("xlsx")

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
