"""The partner API at /api/v1: one router, the OpenAPI document and its docs."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularSwaggerSplitView,
    SpectacularYAMLAPIView,
)
from rest_framework.routers import SimpleRouter

from budgets.api.views import BudgetViewSet, RealisationViewSet
from clients.api.views import (
    ClientViewSet,
    ContactViewSet,
    LadderMeasurementViewSet,
    OutflowViewSet,
)
from employers.api.views import (
    EmployerContactViewSet,
    EmployerViewSet,
    ProposalViewSet,
    VacancyViewSet,
)
from ijmondwerkt.accounts.api.views import MunicipalityViewSet
from ijmondwerkt.partners.oauth import PartnerTokenView
from reports.api.views import ReportViewSet
from trajectories.api.views import (
    AssessmentViewSet,
    DeploymentViewSet,
    InstrumentViewSet,
    PlacementViewSet,
    ProviderViewSet,
    TrajectoryViewSet,
)

router = SimpleRouter(trailing_slash=False)
router.register("gemeenten", MunicipalityViewSet, basename="gemeente")
router.register("werkzoekenden", ClientViewSet, basename="werkzoekende")
router.register(
    r"werkzoekenden/(?P<werkzoekende>[0-9a-f-]{36})/ladder-metingen",
    LadderMeasurementViewSet,
    basename="ladder-meting",
)
router.register("klantcontacten", ContactViewSet, basename="klantcontact")
router.register("uitstroom", OutflowViewSet, basename="uitstroom")
router.register("werkgevers", EmployerViewSet, basename="werkgever")
router.register(
    "werkgeverscontacten", EmployerContactViewSet, basename="werkgeverscontact"
)
router.register("vacatures", VacancyViewSet, basename="vacature")
router.register("voordrachten", ProposalViewSet, basename="voordracht")
router.register("voorzieningen", InstrumentViewSet, basename="voorziening")
router.register("aanbieders", ProviderViewSet, basename="aanbieder")
router.register("trajecten", TrajectoryViewSet, basename="traject")
router.register("inzetten", DeploymentViewSet, basename="inzet")
router.register("plaatsingen", PlacementViewSet, basename="plaatsing")
router.register(
    "loonwaardebepalingen", AssessmentViewSet, basename="loonwaardebepaling"
)
router.register("budgetten", BudgetViewSet, basename="budget")
router.register("realisaties", RealisationViewSet, basename="realisatie")
router.register("rapportages", ReportViewSet, basename="rapportage")

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    path("oauth/token", PartnerTokenView.as_view(), name="token"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(), name="schema-yaml"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema-json"),
    # The split view serves Swagger UI's start script from its own URL
    # (?script), so the page runs under script-src 'self' without inline code.
    path(
        "docs",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema-yaml"),
        name="docs",
    ),
]
