from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from ijmondwerkt.accounts.api.filters import MunicipalityFilter
from ijmondwerkt.accounts.api.serializers import MunicipalitySerializer
from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.rest.personal_data import PersonalDataMixin
from ijmondwerkt.rest.viewsets import ScopedQuerysetMixin


@extend_schema_view(
    list=extend_schema(
        summary="Gemeenten opvragen",
        description="De gemeenten die de aanroeper mag zien.",
        tags=["gemeenten"],
    ),
    retrieve=extend_schema(
        summary="Een gemeente opvragen",
        description="Een gemeente op CBS-code, als de aanroeper haar mag zien.",
        tags=["gemeenten"],
        parameters=[
            OpenApiParameter(
                "code",
                str,
                OpenApiParameter.PATH,
                description="CBS-gemeentecode (4 cijfers).",
                pattern=r"^\d{4}$",
            )
        ],
    ),
)
class MunicipalityViewSet(
    PersonalDataMixin, ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet
):
    """Gemeenten: het uitgewerkte voorbeeld dat latere resources volgen."""

    scope_resource = "gemeenten"
    client_lookup = None  # no client data
    queryset = Municipality.objects.all()
    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilter
    ordering_fields = {"naam": "name", "code": "cbs_code"}
    ordering = ["name"]
    lookup_field = "cbs_code"
    lookup_url_kwarg = "code"
    lookup_value_regex = r"[^/]+"
