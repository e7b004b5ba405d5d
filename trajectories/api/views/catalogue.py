"""The catalogue: voorzieningen and aanbieders, read only."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from ijmondwerkt.rest.personal_data import PersonalDataMixin
from ijmondwerkt.rest.viewsets import ScopedQuerysetMixin
from trajectories.api.filters import InstrumentFilter, ProviderFilter
from trajectories.api.serializers import InstrumentSerializer, ProviderSerializer
from trajectories.api.views.common import UUID
from trajectories.models import Instrument, Provider

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
