"""The catalogue: voorzieningen and aanbieders (read only)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from trajectories.api.serializers.common import code_out, money
from trajectories.models import (
    CostUnit,
    FundingStream,
    Instrument,
    Provider,
    ProviderKind,
)

# --- the catalogue (read) -------------------------------------------------------------


@extend_schema_serializer(component_name="Voorziening")
class InstrumentSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:voorziening-detail",
        lookup_field="code",
        help_text="Adres van deze voorziening in de API.",
    )
    code = serializers.CharField(read_only=True, help_text="Vaste code.")
    naam = serializers.CharField(source="name", read_only=True)
    categorie = code_out("category", "Code van de categorie voorziening.")
    financieringsstroom = serializers.ChoiceField(
        source="funding_stream",
        choices=FundingStream.choices,
        read_only=True,
        help_text="Budget waaruit de voorziening betaald wordt.",
    )
    standaardkosten = money(
        "default_cost", "Standaardkosten per eenheid, in euro.", read_only=True
    )
    eenheid = serializers.ChoiceField(
        source="cost_unit", choices=CostUnit.choices, read_only=True
    )
    doelgroepen = serializers.ListField(
        source="target_groups",
        child=serializers.IntegerField(min_value=1, max_value=4),
        read_only=True,
        help_text="De doelgroepen (1-4) die deze voorziening mogen krijgen.",
    )
    alleen_binnen_traject = serializers.BooleanField(
        source="requires_trajectory",
        read_only=True,
        help_text="Alleen binnen een lopend traject in te zetten.",
    )
    maximale_duur_maanden = serializers.IntegerField(
        source="max_duration_months",
        read_only=True,
        allow_null=True,
        help_text="Maximale duur van een inzet in maanden; leeg: geen maximum.",
    )
    code_soort_voorziening = serializers.CharField(
        source="provision_code",
        read_only=True,
        help_text="Code soort voorziening voor de CBS-statistiek.",
    )
    soorten_aanbieders = serializers.ListField(
        source="provider_kinds",
        child=serializers.ChoiceField(choices=ProviderKind.choices),
        read_only=True,
        help_text="Soorten aanbieders die de voorziening leveren.",
    )
    omschrijving = serializers.CharField(source="description", read_only=True)
    actief = serializers.BooleanField(source="active", read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "url",
            "code",
            "naam",
            "categorie",
            "financieringsstroom",
            "standaardkosten",
            "eenheid",
            "doelgroepen",
            "alleen_binnen_traject",
            "maximale_duur_maanden",
            "code_soort_voorziening",
            "soorten_aanbieders",
            "omschrijving",
            "actief",
        ]


@extend_schema_serializer(component_name="Aanbieder")
class ProviderSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:aanbieder-detail",
        lookup_field="uuid",
        help_text="Adres van deze aanbieder in de API.",
    )
    uuid = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="name", read_only=True)
    soort = serializers.ChoiceField(
        source="kind", choices=ProviderKind.choices, read_only=True
    )
    kvk_nummer = serializers.CharField(
        source="kvk_number",
        read_only=True,
        help_text="KvK-nummer (8 cijfers); leeg als de aanbieder er geen heeft.",
    )
    plaats = serializers.CharField(source="city", read_only=True)
    actief = serializers.BooleanField(source="active", read_only=True)

    class Meta:
        model = Provider
        fields = ["url", "uuid", "naam", "soort", "kvk_nummer", "plaats", "actief"]
