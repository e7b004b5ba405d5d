"""API-only filters: the catalogue lists the HTML pages do not filter this way."""

from __future__ import annotations

from typing import Any

import django_filters as filters

from ijmondwerkt.rest.filters import StrictBooleanFilter
from trajectories.models import (
    FundingStream,
    Instrument,
    InstrumentCategory,
    Provider,
    ProviderKind,
)


class InstrumentFilter(filters.FilterSet):
    categorie = filters.ModelChoiceFilter(
        field_name="category",
        queryset=InstrumentCategory.objects.all(),
        to_field_name="code",
        help_text="Code van de categorie voorziening.",
    )
    financieringsstroom = filters.ChoiceFilter(
        field_name="funding_stream",
        choices=FundingStream.choices,
        help_text="Budget waaruit de voorziening betaald wordt.",
    )
    doelgroep = filters.ChoiceFilter(
        method="for_target_group",
        choices=[(str(n), str(n)) for n in (1, 2, 3, 4)],
        help_text="Alleen voorzieningen die deze doelgroep (1-4) mag krijgen.",
    )
    actief = StrictBooleanFilter(
        field_name="active", help_text="Alleen (in)actieve voorzieningen."
    )

    class Meta:
        model = Instrument
        fields: list[str] = []

    def for_target_group(self, qs: Any, name: str, value: str) -> Any:
        if not value:
            return qs
        return qs.filter(target_groups__contains=[int(value)])


class ProviderFilter(filters.FilterSet):
    soort = filters.ChoiceFilter(
        field_name="kind",
        choices=ProviderKind.choices,
        help_text="Soort aanbieder.",
    )
    naam = filters.CharFilter(
        field_name="name", lookup_expr="icontains", help_text="Deel van de naam."
    )
    actief = StrictBooleanFilter(
        field_name="active", help_text="Alleen (in)actieve aanbieders."
    )

    class Meta:
        model = Provider
        fields: list[str] = []
