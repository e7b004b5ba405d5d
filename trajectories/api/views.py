"""Partner API for the catalogue, trajectories, deployments, placements and assessments.

Reads start from ``for_user``; writes go through trajectories.services, so
the API refuses exactly what the pages refuse. Every answer naming a client
is access-logged through ``PersonalDataMixin``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from ijmondwerkt.domain import NotFound
from ijmondwerkt.rest.permissions import granted_scopes
from ijmondwerkt.rest.personal_data import PURPOSE_PARAMETER as PURPOSE
from ijmondwerkt.rest.personal_data import PersonalDataMixin
from ijmondwerkt.rest.scopes import READ, scope
from ijmondwerkt.rest.services import call_service
from ijmondwerkt.rest.viewsets import VERSION, ScopedQuerysetMixin, ServiceWriteMixin
from ijmondwerkt.validators import REGISTRATION_EPOCH, YEARS_AHEAD
from trajectories import services
from trajectories.api.filters import InstrumentFilter, ProviderFilter
from trajectories.api.serializers import (
    AssessmentSerializer,
    AssessmentUpdateSerializer,
    DeploymentSerializer,
    DeploymentUpdateSerializer,
    InstrumentSerializer,
    PlacementSerializer,
    PlacementSubsidySerializer,
    PlacementUpdateSerializer,
    ProviderSerializer,
    TrajectorySerializer,
    TrajectoryUpdateSerializer,
)
from trajectories.filters import (
    AssessmentFilter,
    DeploymentFilter,
    PlacementFilter,
    TrajectoryFilter,
)
from trajectories.models import (
    Deployment,
    Instrument,
    Placement,
    Provider,
    Trajectory,
    WageValueAssessment,
)
from trajectories.subsidy import months_between, placement_subsidy

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


# --- the catalogue ----------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Voorzieningen opvragen",
        description="De catalogus van voorzieningen (instrumenten), met doelgroepen, "
        "kosten en maximale duur.",
        tags=["voorzieningen"],
    ),
    retrieve=extend_schema(
        summary="Een voorziening opvragen",
        tags=["voorzieningen"],
        parameters=[
            OpenApiParameter(
                "code",
                str,
                OpenApiParameter.PATH,
                description="Code van de voorziening.",
                pattern=r"^[-a-zA-Z0-9_]+$",
            )
        ],
    ),
)
class InstrumentViewSet(
    PersonalDataMixin, ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet
):
    """De catalogus van voorzieningen; beheerd door de functioneel beheerder."""

    scope_resource = "voorzieningen"
    client_lookup = None  # no client data
    queryset = Instrument.objects.select_related("category")
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilter
    ordering_fields = {"naam": "name", "code": "code"}
    ordering = ["name", "pk"]
    lookup_field = "code"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"


@extend_schema_view(
    list=extend_schema(summary="Aanbieders opvragen", tags=["aanbieders"]),
    retrieve=extend_schema(summary="Een aanbieder opvragen", tags=["aanbieders"]),
)
class ProviderViewSet(
    PersonalDataMixin, ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet
):
    """Aanbieders van trajecten en voorzieningen."""

    scope_resource = "aanbieders"
    client_lookup = None  # no client data
    queryset = Provider.objects.all()
    serializer_class = ProviderSerializer
    filterset_class = ProviderFilter
    ordering_fields = {"naam": "name"}
    ordering = ["name", "pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID


# --- trajecten ------------------------------------------------------------------------

TRAJECTORY_TAGS = ["trajecten"]


@extend_schema_view(
    list=extend_schema(
        summary="Trajecten zoeken", tags=TRAJECTORY_TAGS, parameters=[PURPOSE]
    ),
    retrieve=extend_schema(
        summary="Een traject opvragen", tags=TRAJECTORY_TAGS, parameters=[PURPOSE]
    ),
    create=extend_schema(
        summary="Een traject registreren",
        description="Een lopend traject, of een afgesloten traject uit het verleden "
        "(historie uit een vorig systeem) met `einddatum` en `redenEinde`. Een "
        "lopend traject vraagt een actief dossier.",
        tags=TRAJECTORY_TAGS,
    ),
    partial_update=extend_schema(
        summary="Een traject wijzigen of beëindigen",
        description="Vereist `versie` zoals gelezen. `einddatum` met `redenEinde` "
        "op een lopend traject beëindigt het: lopende inzetten stoppen op die dag "
        "en de klantmanager krijgt een taak voor een ladder-meting. Op een "
        "beëindigd traject corrigeren ze het einde.",
        tags=TRAJECTORY_TAGS,
        request=TrajectoryUpdateSerializer,
    ),
)
class TrajectoryViewSet(
    PersonalDataMixin,
    VersionedWriteMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Trajecten van werkzoekenden in de gemeenten van de aanroeper."""

    scope_resource = "trajecten"
    client_lookup = "werkzoekende"
    create_service = staticmethod(services.trajectory_create)
    update_service = staticmethod(services.trajectory_update)
    end_service = staticmethod(services.trajectory_end)
    update_argument = "trajectory"
    queryset = Trajectory.objects.select_related(
        "client", "provider", "end_reason", "klantmanager"
    )
    serializer_class = TrajectorySerializer
    filterset_class = TrajectoryFilter
    ordering_fields = {
        "startdatum": "start_date",
        "geplandeEinddatum": "planned_end_date",
        "einddatum": "end_date",
    }
    ordering = ["-start_date", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID
    http_method_names = WRITE_METHODS

    def get_serializer_class(self) -> Any:
        if self.action == "partial_update":
            return TrajectoryUpdateSerializer
        return TrajectorySerializer


# --- inzetten -------------------------------------------------------------------------

DEPLOYMENT_TAGS = ["inzetten"]


@extend_schema_view(
    list=extend_schema(
        summary="Inzetten zoeken", tags=DEPLOYMENT_TAGS, parameters=[PURPOSE]
    ),
    retrieve=extend_schema(
        summary="Een inzet opvragen", tags=DEPLOYMENT_TAGS, parameters=[PURPOSE]
    ),
    create=extend_schema(
        summary="Een voorziening inzetten",
        description="Geweigerd (400, met de reden bij het veld): een voorziening uit "
        "het participatiebudget voor doelgroep 4, een voorziening die de doelgroep "
        "niet mag krijgen, een voorziening die een lopend traject vraagt zonder "
        "traject, een inzet langer dan de maximale duur of buiten de data van het "
        "traject. `tarief` leeg: de standaardkosten van de voorziening.",
        tags=DEPLOYMENT_TAGS,
    ),
    partial_update=extend_schema(
        summary="Een inzet wijzigen",
        description="Vereist `versie` zoals gelezen. De voorziening verandert niet; "
        "de status gaat alleen vooruit (aangevraagd → lopend → beëindigd, of "
        "geannuleerd).",
        tags=DEPLOYMENT_TAGS,
        request=DeploymentUpdateSerializer,
    ),
)
class DeploymentViewSet(
    PersonalDataMixin,
    VersionedWriteMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Inzet van voorzieningen voor werkzoekenden, met kosten."""

    scope_resource = "inzetten"
    client_lookup = "werkzoekende"
    create_service = staticmethod(services.deployment_create)
    update_service = staticmethod(services.deployment_update)
    update_argument = "deployment"
    queryset = Deployment.objects.select_related(
        "client", "trajectory", "instrument", "provider"
    )
    serializer_class = DeploymentSerializer
    filterset_class = DeploymentFilter
    ordering_fields = {"startdatum": "start_date", "einddatum": "end_date"}
    ordering = ["-start_date", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID
    http_method_names = WRITE_METHODS

    def get_serializer_class(self) -> Any:
        if self.action == "partial_update":
            return DeploymentUpdateSerializer
        return DeploymentSerializer


# --- plaatsingen ----------------------------------------------------------------------

PLACEMENT_TAGS = ["plaatsingen"]
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


@extend_schema_view(
    list=extend_schema(
        summary="Plaatsingen zoeken", tags=PLACEMENT_TAGS, parameters=[PURPOSE]
    ),
    retrieve=extend_schema(
        summary="Een plaatsing opvragen", tags=PLACEMENT_TAGS, parameters=[PURPOSE]
    ),
    create=extend_schema(
        summary="Een plaatsing registreren",
        description="Met of zonder voordracht (de werkzoekende vond zelf werk). "
        "Maakt de nazorgmomenten na 1, 3, 6 en 12 maanden. Geweigerd (400): een "
        "gesloten dossier, een proefplaatsing langer dan 2 maanden, een einde vóór "
        "de start, een reden einde zonder einddatum of andersom.",
        tags=PLACEMENT_TAGS,
    ),
    partial_update=extend_schema(
        summary="Een plaatsing wijzigen of beëindigen",
        description="Vereist `versie` zoals gelezen. Werkgever, vacature en "
        "voordracht veranderen niet. `einddatum` met `redenEinde` op een lopende "
        "plaatsing beëindigt haar.",
        tags=PLACEMENT_TAGS,
        request=PlacementUpdateSerializer,
    ),
)
class PlacementViewSet(
    PersonalDataMixin,
    TodayContextMixin,
    VersionedWriteMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Plaatsingen bij werkgevers, met nazorg en loonkostensubsidie."""

    scope_resource = "plaatsingen"
    client_lookup = "werkzoekende"
    create_service = staticmethod(services.placement_create)
    update_service = staticmethod(services.placement_update)
    end_service = staticmethod(services.placement_end)
    update_argument = "placement"
    queryset = Placement.objects.select_related(
        "client",
        "employer",
        "vacancy",
        "proposal",
        "trajectory",
        "kind",
        "end_reason",
    ).prefetch_related("follow_ups")
    serializer_class = PlacementSerializer
    filterset_class = PlacementFilter
    ordering_fields = {"startdatum": "start_date", "einddatum": "end_date"}
    ordering = ["-start_date", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID
    http_method_names = WRITE_METHODS

    def get_serializer_class(self) -> Any:
        if self.action == "partial_update":
            return PlacementUpdateSerializer
        if self.action == "subsidy":
            return PlacementSubsidySerializer
        return PlacementSerializer

    def create_arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        # A placement from a proposal is at the proposal's vacancy.
        proposal = data.get("proposal")
        if proposal is not None and data.get("vacancy") is None:
            data["vacancy"] = proposal.vacancy
        return data

    @extend_schema(
        summary="Loonkostensubsidie per maand",
        description="Per maand van `vanMaand` tot en met `totMaand` (JJJJ-MM, "
        f"hoogstens {MAX_MONTHS} maanden; zonder beide: dit kalenderjaar, met één: "
        "twaalf maanden vanaf of tot die maand): het bedrag, met de parameters "
        "geldig op de eerste dag van de maand en de loonwaarde van de bepaling "
        "die geldig is op de eerste gedekte dag. Een maand die de plaatsing maar "
        "deels dekt, naar rato van de kalenderdagen. Zonder geldige (niet "
        "verlopen) loonwaardebepaling is `bedrag` leeg met de `reden`.",
        tags=PLACEMENT_TAGS,
        responses=PlacementSubsidySerializer,
        parameters=[
            *(
                OpenApiParameter(
                    name,
                    str,
                    description=description,
                    required=False,
                    pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
                )
                for name, description in (
                    ("vanMaand", "Eerste maand, JJJJ-MM."),
                    ("totMaand", "Laatste maand (inbegrepen), JJJJ-MM."),
                )
            ),
            PURPOSE,
        ],
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="loonkostensubsidie",
        filter_backends=[],
        pagination_class=None,
    )
    def subsidy(self, request: Request, uuid: str | None = None) -> Response:
        # The subsidy shows the loonwaarde, which belongs to the client file:
        # it needs the assessments' read scope too (a werkmakelaar has only
        # the placement's work facts).
        if scope("loonwaardebepalingen", READ) not in granted_scopes(request):
            raise PermissionDenied(
                _(
                    "De loonkostensubsidie vraagt ook de scope loonwaardebepalingen.lezen."
                )
            )
        placement = self.get_object()
        first, last = month_range(request)
        rows = placement_subsidy(placement, first, last)
        data = PlacementSubsidySerializer(
            {
                "plaatsing": placement.uuid,
                "werkzoekende": placement.client.uuid,
                "van_maand": f"{first:%Y-%m}",
                "tot_maand": f"{last:%Y-%m}",
                "maanden": rows,
            }
        ).data
        return Response(data)


# --- loonwaardebepalingen -------------------------------------------------------------

ASSESSMENT_TAGS = ["loonwaardebepalingen"]


@extend_schema_view(
    list=extend_schema(
        summary="Loonwaardebepalingen zoeken",
        tags=ASSESSMENT_TAGS,
        parameters=[PURPOSE],
    ),
    retrieve=extend_schema(
        summary="Een loonwaardebepaling opvragen",
        tags=ASSESSMENT_TAGS,
        parameters=[PURPOSE],
    ),
    create=extend_schema(
        summary="Een loonwaardebepaling vastleggen",
        description="Bij een plaatsing, of voor een beschreven functie. De "
        "loonwaarde is een heel percentage van 0 tot en met 100; de volgende "
        "bepaling is standaard 12 maanden later.",
        tags=ASSESSMENT_TAGS,
    ),
    partial_update=extend_schema(
        summary="Een loonwaardebepaling corrigeren",
        description="Vereist `versie` zoals gelezen.",
        tags=ASSESSMENT_TAGS,
        request=AssessmentUpdateSerializer,
    ),
)
class AssessmentViewSet(
    PersonalDataMixin,
    VersionedWriteMixin,
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Loonwaardebepalingen van werkzoekenden."""

    scope_resource = "loonwaardebepalingen"
    client_lookup = "werkzoekende"
    create_service = staticmethod(services.assessment_create)
    update_service = staticmethod(services.assessment_update)
    update_argument = "assessment"
    queryset = WageValueAssessment.objects.select_related(
        "client", "placement", "method"
    )
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    ordering_fields = {"datum": "assessed_on", "volgendeBepaling": "next_due_date"}
    ordering = ["-assessed_on", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID
    http_method_names = WRITE_METHODS

    def get_serializer_class(self) -> Any:
        if self.action == "partial_update":
            return AssessmentUpdateSerializer
        return AssessmentSerializer


__all__ = [
    "AssessmentViewSet",
    "DeploymentViewSet",
    "InstrumentViewSet",
    "PlacementViewSet",
    "ProviderViewSet",
    "TrajectoryViewSet",
]
