"""Trajecten and the inzet of voorzieningen."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from ijmondwerkt.rest.personal_data import PURPOSE_PARAMETER as PURPOSE
from ijmondwerkt.rest.personal_data import PersonalDataMixin
from ijmondwerkt.rest.viewsets import ScopedQuerysetMixin
from trajectories import services
from trajectories.api.serializers import (
    DeploymentSerializer,
    DeploymentUpdateSerializer,
    TrajectorySerializer,
    TrajectoryUpdateSerializer,
)
from trajectories.api.views.common import UUID, WRITE_METHODS, VersionedWriteMixin
from trajectories.filters import DeploymentFilter, TrajectoryFilter
from trajectories.models import Deployment, Trajectory

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
