"""Read-only partner API for the regional employer pool."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from employers.api.serializers import (
    EmployerContactSerializer,
    EmployerSerializer,
    VacancySerializer,
)
from employers.filters import EmployerFilter, VacancyFilter
from employers.models import Employer, EmployerContact, Vacancy
from ijmondwerkt.rest.viewsets import ScopedQuerysetMixin

UUID = "[0-9a-f-]{36}"


@extend_schema_view(
    list=extend_schema(summary="Werkgevers zoeken", tags=["werkgevers"]),
    retrieve=extend_schema(summary="Een werkgever opvragen", tags=["werkgevers"]),
)
class EmployerViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Werkgevers in de gedeelde regionale pool."""

    scope_resource = "werkgevers"
    queryset = Employer.objects.select_related(
        "sbi_section", "sector_cluster", "size_class", "municipality", "werkmakelaar"
    )
    serializer_class = EmployerSerializer
    filterset_class = EmployerFilter
    ordering_fields = {"naam": "name", "kvkNummer": "kvk_number"}
    ordering = ["name", "pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID


@extend_schema_view(
    list=extend_schema(
        summary="Werkgeverscontacten zoeken", tags=["werkgeverscontacten"]
    ),
    retrieve=extend_schema(
        summary="Een werkgeverscontact opvragen", tags=["werkgeverscontacten"]
    ),
)
class EmployerContactViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Contacten die werkmakelaars met werkgevers hadden."""

    scope_resource = "werkgeverscontacten"
    queryset = EmployerContact.objects.select_related(
        "employer", "kind", "werkmakelaar", "contact_person"
    )
    serializer_class = EmployerContactSerializer
    ordering_fields = {"datum": "contact_date"}
    ordering = ["-contact_date", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID


@extend_schema_view(
    list=extend_schema(summary="Vacatures zoeken", tags=["vacatures"]),
    retrieve=extend_schema(summary="Een vacature opvragen", tags=["vacatures"]),
)
class VacancyViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Vacatures in de regio."""

    scope_resource = "vacatures"
    queryset = Vacancy.objects.select_related(
        "employer", "sector_cluster", "location_municipality"
    )
    serializer_class = VacancySerializer
    filterset_class = VacancyFilter
    ordering_fields = {"openVanaf": "open_date", "sluitingsdatum": "close_date"}
    ordering = ["-open_date", "-pk"]
    lookup_field = "uuid"
    lookup_value_regex = UUID
