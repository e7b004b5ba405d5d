"""The partner API at /api/v1: one router, the OpenAPI document and its docs."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularSwaggerView,
    SpectacularYAMLAPIView,
)
from oauth2_provider.views import TokenView
from rest_framework.routers import SimpleRouter

from ijmondwerkt.accounts.api.views import MunicipalityViewSet

router = SimpleRouter(trailing_slash=False)
router.register("gemeenten", MunicipalityViewSet, basename="gemeente")

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    path("oauth/token", TokenView.as_view(), name="token"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(), name="schema-yaml"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema-json"),
    path(
        "docs", SpectacularSwaggerView.as_view(url_name="api:schema-yaml"), name="docs"
    ),
]
