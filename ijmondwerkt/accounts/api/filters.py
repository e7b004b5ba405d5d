from __future__ import annotations

from django_filters import rest_framework as filters

from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.rest.filters import StrictBooleanFilter


class MunicipalityFilter(filters.FilterSet):
    naam = filters.CharFilter(
        field_name="name", lookup_expr="icontains", help_text="Deel van de naam."
    )
    actief = StrictBooleanFilter(
        field_name="active", help_text="Alleen (in)actieve gemeenten."
    )

    class Meta:
        model = Municipality
        fields = ["naam", "actief"]
