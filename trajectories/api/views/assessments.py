"""Loonwaardebepalingen."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from ijmondwerkt.rest.personal_data import PURPOSE_PARAMETER as PURPOSE
from ijmondwerkt.rest.personal_data import PersonalDataMixin
from ijmondwerkt.rest.viewsets import ScopedQuerysetMixin
from trajectories import services
from trajectories.api.serializers import (
    AssessmentSerializer,
    AssessmentUpdateSerializer,
)
from trajectories.api.views.common import UUID, WRITE_METHODS, VersionedWriteMixin
from trajectories.filters import AssessmentFilter
from trajectories.models import WageValueAssessment

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
