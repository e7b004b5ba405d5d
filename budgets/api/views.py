"""Partner API of the budgets app: budgetten (with the overview) and realisaties.

Reads start from ``for_user`` (managers and functioneel beheerders of the
municipality, and partner systems with the ``budgetten`` scopes for theirs);
writes go through budgets.services and budgets.imports, so the API refuses
exactly what the pages refuse.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from budgets import services
from budgets.api.filters import BudgetFilter, RealisationFilter
from budgets.api.overview import OVERVIEW_PARAMETERS, overview_query, overview_rows
from budgets.api.serializers import (
    BudgetSerializer,
    BudgetUpdateSerializer,
    ImportRequestSerializer,
    ImportSerializer,
    OverviewSerializer,
    RealisationSerializer,
    lines_argument,
)
from budgets.imports import realisation_import
from budgets.models import Budget, BudgetLine, Realisation, RealisationImport
from ijmondwerkt.rest.exceptions import PROBLEM_CONTENT_TYPE, problem
from ijmondwerkt.rest.personal_data import PersonalDataMixin
from ijmondwerkt.rest.viewsets import ScopedQuerysetMixin, ServiceResponseMixin
from trajectories.api.views.common import (
    UUID,
    WRITE_METHODS,
    VersionedWriteMixin,
    run_service,
)

BUDGET_TAGS = ["budgetten"]
REALISATION_TAGS = ["realisaties"]


@extend_schema_view(
    list=extend_schema(summary="Budgetten zoeken", tags=BUDGET_TAGS),
    retrieve=extend_schema(summary="Een budget opvragen", tags=BUDGET_TAGS),
    create=extend_schema(
        summary="Een budget vaststellen",
        description="Eén budget per gemeente, jaar en financieringsstroom: een "
        "tweede geeft 400 (wijzig het eerste). Een gemeente die de aanroeper niet "
        "bedient geeft 404. Bedragen zijn niet negatief; de `regels` samen niet "
        "meer dan het budget.",
        tags=BUDGET_TAGS,
    ),
    partial_update=extend_schema(
        summary="Een budget wijzigen (begrotingswijziging)",
        description="Vereist `versie` zoals gelezen; is het budget intussen "
        "gewijzigd, dan 400 op `versie` en wordt niets opgeslagen. Wijzigbaar: "
        "`bedrag`, `toelichting` en `regels` (de lijst vervangt alle regels). "
        "Het auditspoor bewaart het oude en het nieuwe bedrag.",
        tags=BUDGET_TAGS,
        request=BudgetUpdateSerializer,
    ),
)
class BudgetViewSet(
    PersonalDataMixin,
    VersionedWriteMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Budgetten per gemeente, jaar en financieringsstroom."""

    scope_resource = "budgetten"
    client_lookup = None  # no client data
    create_service = staticmethod(services.budget_create)
    update_service = staticmethod(services.budget_update)
    update_argument = "budget"
    queryset = Budget.objects.select_related("municipality").prefetch_related(
        Prefetch("lines", queryset=BudgetLine.objects.select_related("category"))
    )
    serializer_class = BudgetSerializer
    filterset_class = BudgetFilter
    ordering_fields = {
        "jaar": "year",
        "gemeente": "municipality__cbs_code",
        "financieringsstroom": "funding_stream",
        "bedrag": "amount",
    }
    ordering = ["municipality__name", "-year", "funding_stream", "pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID
    http_method_names = WRITE_METHODS

    def get_serializer_class(self) -> Any:
        if self.action == "partial_update":
            return BudgetUpdateSerializer
        if self.action == "overview":
            return OverviewSerializer
        return BudgetSerializer

    def create_arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        if "lines" in data:
            data["lines"] = lines_argument(data["lines"])
        return data

    def _update(
        self,
        serializer: BaseSerializer[Any],
        obj: Any,
        expected: int,
        changes: dict[str, Any],
    ) -> Any:
        if "lines" in changes:
            changes = {**changes, "lines": lines_argument(changes["lines"])}
        return super()._update(serializer, obj, expected, changes)

    @extend_schema(
        summary="Budgetoverzicht per gemeente en financieringsstroom",
        description="Per gemeente en stroom: budget, verplichtingen, realisatie, "
        "prognose, uitputting en signaal, met de cijfers per maand. Zonder "
        "`gemeente`: alle gemeenten van de aanroeper; elke stroom staat erin, ook "
        "zonder budget. Een onbekende of andere gemeente, een ongeldig jaar of een "
        "onbekende parameter geeft 400 met die parameter.",
        tags=BUDGET_TAGS,
        parameters=OVERVIEW_PARAMETERS,
        responses=OverviewSerializer(many=True),
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="overzicht",
        url_name="overview",
        filter_backends=[],
    )
    def overview(self, request: Request) -> Response:
        rows = overview_rows(request.user, overview_query(request))
        page: Any = self.paginate_queryset(rows)  # type: ignore[arg-type]
        serializer = OverviewSerializer(page, many=True)
        return self.get_paginated_response(serializer.data)


@extend_schema_view(
    list=extend_schema(summary="Realisatie zoeken", tags=REALISATION_TAGS),
    retrieve=extend_schema(summary="Een realisatie opvragen", tags=REALISATION_TAGS),
    create=extend_schema(
        summary="Een realisatie handmatig vastleggen",
        description="Uitgegeven geld van een maand die al begonnen is, niet "
        "negatief. Een `boekingskenmerk` staat per gemeente één keer. Een gemeente "
        "die de aanroeper niet bedient geeft 404.",
        tags=REALISATION_TAGS,
    ),
)
class RealisationViewSet(
    PersonalDataMixin,
    ServiceResponseMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Realisatie (uitgegeven geld) per gemeente, maand en financieringsstroom."""

    scope_resource = "budgetten"
    client_lookup = None  # no client data
    queryset = Realisation.objects.select_related("municipality", "source_import")
    serializer_class = RealisationSerializer
    filterset_class = RealisationFilter
    ordering_fields = {"jaar": "year", "maand": "month", "bedrag": "amount"}
    ordering = ["-year", "-month", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID
    http_method_names = ["get", "post", "head", "options"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = run_service(
            serializer,
            services.realisation_create,
            user=request.user,
            **serializer.validated_data,
        )
        return self.respond(created, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Een export van het financiële systeem inlezen",
        description="`multipart/form-data` met het CSV-bestand in het veld "
        "`bestand` en eventueel `jaar` (standaard dit jaar). Alle regels of geen: "
        "201 met het verslag (`status` `verwerkt`), of 400 (problem+json) met "
        "elke afgewezen regel in `invalidParams` en het hele verslag in "
        "`verslag` (`status` `afgewezen`); er is dan niets opgeslagen. Hetzelfde "
        "bestand nog eens geeft 400 met code `already_imported`; een boeking die "
        "al is opgeslagen (zelfde gemeente en boekingskenmerk) wordt overgeslagen. "
        "Kolommen (kopregel, gescheiden door `;`): `gemeente` (CBS-code), "
        "`stroom`, `datum` (15-10-2026) of `periode` (10-2026), `bedrag` "
        "(1.234,56), `boekingskenmerk`, `omschrijving` (niet verplicht).",
        tags=REALISATION_TAGS,
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            201: ImportSerializer,
            400: OpenApiResponse(description="Het bestand is afgewezen."),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser],
        filter_backends=[],
        pagination_class=None,
    )
    def import_file(self, request: Request) -> Response:
        upload = ImportRequestSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["bestand"]
        result = realisation_import(
            user=request.user,
            file=file,
            year=upload.validated_data.get("jaar"),
            file_name=getattr(file, "name", "") or "",
        )
        report = ImportSerializer(result).data
        if result.accepted:
            return Response(report, status=status.HTTP_201_CREATED)
        return self._rejected(request, result, report)

    def _rejected(
        self, request: Request, result: RealisationImport, report: Any
    ) -> Response:
        errors = result.report.get("errors", [])
        seen_before = (
            RealisationImport.objects.filter(
                file_hash=result.file_hash, status=RealisationImport.Status.ACCEPTED
            )
            .exclude(pk=result.pk)
            .exists()
        )
        body = problem(
            status.HTTP_400_BAD_REQUEST,
            instance=request.path,
            code="already_imported" if seen_before else "invalid",
            detail=errors[0]["text"]
            if seen_before or len(errors) == 1
            else f"Het bestand is afgewezen: {len(errors)} fouten; er is niets "
            "opgeslagen. Zie invalidParams en verslag.",
            invalid_params=[
                {"name": "bestand", "code": "invalid", "reason": error["text"]}
                for error in errors
            ],
        )
        body["verslag"] = report
        return Response(
            body, status=status.HTTP_400_BAD_REQUEST, content_type=PROBLEM_CONTENT_TYPE
        )
