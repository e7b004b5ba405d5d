"""Plaatsingen, with the monthly wage-cost subsidy."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from ijmondwerkt.rest.permissions import granted_scopes
from ijmondwerkt.rest.personal_data import PURPOSE_PARAMETER as PURPOSE
from ijmondwerkt.rest.personal_data import PersonalDataMixin
from ijmondwerkt.rest.scopes import READ, scope
from ijmondwerkt.rest.viewsets import ScopedQuerysetMixin
from trajectories import services
from trajectories.api.serializers import (
    PlacementSerializer,
    PlacementSubsidySerializer,
    PlacementUpdateSerializer,
)
from trajectories.api.views.common import (
    MAX_MONTHS,
    UUID,
    WRITE_METHODS,
    TodayContextMixin,
    VersionedWriteMixin,
    month_range,
)
from trajectories.filters import PlacementFilter
from trajectories.models import Placement
from trajectories.subsidy import placement_subsidy

# --- plaatsingen ----------------------------------------------------------------------

PLACEMENT_TAGS = ["plaatsingen"]


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
