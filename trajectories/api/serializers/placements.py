"""Plaatsingen with their nazorg, and the monthly wage-cost subsidy."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from clients.api.serializers import ScopedSlugRelatedField
from employers.models import Employer, Proposal, Vacancy
from ijmondwerkt.rest.fields import DateField, SlugRelatedField
from trajectories.api.serializers.common import (
    code_in,
    scoped_uuid,
    text,
    version_in,
    version_out,
    werkzoekende_in,
    werkzoekende_out,
)
from trajectories.models import (
    FollowUp,
    FollowUpOutcome,
    Placement,
    PlacementEndReason,
    PlacementKind,
    Trajectory,
)

# --- plaatsingen ----------------------------------------------------------------------


@extend_schema_serializer(component_name="Nazorgmoment")
class FollowUpSerializer(serializers.ModelSerializer[FollowUp]):
    uuid = serializers.UUIDField(read_only=True)
    maanden = serializers.IntegerField(
        source="months", read_only=True, help_text="Maanden na de start: 1, 3, 6, 12."
    )
    gepland_op = DateField(source="due_date", read_only=True)
    gehouden_op = DateField(source="held_on", read_only=True, allow_null=True)
    uitkomst = serializers.ChoiceField(
        source="outcome",
        choices=FollowUpOutcome.choices,
        read_only=True,
        allow_blank=True,
        help_text="Leeg zolang het moment niet gehouden is.",
    )

    class Meta:
        model = FollowUp
        fields = ["uuid", "maanden", "gepland_op", "gehouden_op", "uitkomst"]


@extend_schema_serializer(component_name="Plaatsing")
class PlacementSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:plaatsing-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    werkzoekende: SlugRelatedField = werkzoekende_in()
    werkgever: SlugRelatedField = ScopedSlugRelatedField(
        source="employer",
        slug_field="uuid",
        queryset=Employer.objects.all(),
        help_text="UUID van de werkgever.",
    )
    vacature: SlugRelatedField = scoped_uuid(
        Vacancy, "vacancy", "UUID van de vacature."
    )
    voordracht: SlugRelatedField = scoped_uuid(
        Proposal,
        "proposal",
        "UUID van de voordracht die tot deze plaatsing leidde.",
    )
    traject = scoped_uuid(
        Trajectory, "trajectory", "UUID van het traject waaruit de plaatsing volgt."
    )
    soort = code_in(PlacementKind, "kind", "Code van de soort plaatsing.")
    functie = serializers.CharField(source="job_title", max_length=200)
    startdatum = DateField(source="start_date")
    einddatum = DateField(
        source="end_date",
        required=False,
        allow_null=True,
        help_text="Hoort bij `redenEinde`: vul beide in of geen van beide.",
    )
    reden_einde = code_in(
        PlacementEndReason,
        "end_reason",
        "Code van de reden einde plaatsing.",
        required=False,
        allow_null=True,
    )
    uren_per_week = serializers.DecimalField(
        source="hours_per_week",
        max_digits=4,
        decimal_places=1,
        coerce_to_string=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("60"),
        help_text="Uren per week volgens het contract, meer dan 0 en hoogstens 60.",
    )
    uurloon = serializers.DecimalField(
        source="wage_per_hour",
        max_digits=6,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=Decimal("0"),
        help_text="Bruto uurloon in euro.",
    )
    einde_proefplaatsing = DateField(
        source="trial_end_date",
        required=False,
        allow_null=True,
        help_text="Einde van een proefplaatsing (hoogstens de maximale duur van de "
        "soort, 2 maanden).",
    )
    met_loonkostensubsidie = serializers.BooleanField(
        source="wage_cost_subsidy", required=False
    )
    toelichting = text(Placement, "note", "note")
    duurzaam = serializers.SerializerMethodField(
        help_text="Afgeleid: werkt vandaag nog, zes maanden of langer na de start."
    )
    nazorg = FollowUpSerializer(
        source="follow_ups",
        many=True,
        read_only=True,
        help_text="Nazorgmomenten na 1, 3, 6 en 12 maanden.",
    )
    versie = version_out()

    class Meta:
        model = Placement
        fields = [
            "url",
            "uuid",
            "werkzoekende",
            "werkgever",
            "vacature",
            "voordracht",
            "traject",
            "soort",
            "functie",
            "startdatum",
            "einddatum",
            "reden_einde",
            "uren_per_week",
            "uurloon",
            "einde_proefplaatsing",
            "met_loonkostensubsidie",
            "toelichting",
            "duurzaam",
            "nazorg",
            "versie",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_duurzaam(self, placement: Placement) -> bool:
        today = self.context.get("today") or timezone.localdate()
        return placement.is_sustainable_on(today)


@extend_schema_serializer(component_name="PlaatsingWijziging")
class PlacementUpdateSerializer(PlacementSerializer):
    werkzoekende = werkzoekende_out()
    werkgever = SlugRelatedField(
        source="employer",
        slug_field="uuid",
        read_only=True,
        help_text="UUID van de werkgever.",
    )
    vacature = SlugRelatedField(
        source="vacancy",
        slug_field="uuid",
        read_only=True,
        allow_null=True,
        help_text="UUID van de vacature.",
    )
    voordracht = SlugRelatedField(
        source="proposal",
        slug_field="uuid",
        read_only=True,
        allow_null=True,
        help_text="UUID van de voordracht.",
    )
    versie = version_in()


# --- loonkostensubsidie ----------------------------------------------------------------


@extend_schema_serializer(component_name="LoonkostensubsidieMaand")
class MonthSubsidySerializer(serializers.Serializer[Any]):
    """One month of a placement's wage-cost subsidy, with the parameters used."""

    maand = serializers.SerializerMethodField(help_text="De maand, JJJJ-MM.")
    bedrag = serializers.DecimalField(
        source="amount",
        read_only=True,
        max_digits=12,
        decimal_places=2,
        allow_null=True,
        help_text="Bedrag in euro, afgerond op centen; leeg als de maand niet "
        "betaald kan worden (zie `reden`), 0.00 als de plaatsing niet in de "
        "maand loopt.",
    )
    reden = serializers.CharField(
        source="reason",
        read_only=True,
        help_text="Waarom er geen bedrag is; anders leeg.",
    )
    dagen_gedekt = serializers.IntegerField(
        source="days_covered",
        read_only=True,
        help_text="Kalenderdagen van de maand waarin de plaatsing loopt.",
    )
    dagen_in_maand = serializers.IntegerField(source="days_in_month", read_only=True)
    wml_per_uur = serializers.DecimalField(
        source="parameters.wml_per_hour",
        max_digits=6,
        decimal_places=2,
        allow_null=True,
        read_only=True,
        help_text="Wettelijk minimumloon per uur (21 jaar en ouder) geldig op de "
        "eerste dag van de maand.",
    )
    vakantiegeld_percentage = serializers.DecimalField(
        source="parameters.holiday_allowance_pct",
        max_digits=5,
        decimal_places=2,
        allow_null=True,
        read_only=True,
    )
    maximum_percentage = serializers.DecimalField(
        source="parameters.cap_pct",
        max_digits=5,
        decimal_places=2,
        allow_null=True,
        read_only=True,
        help_text="Maximum van de subsidie als percentage van het WML.",
    )
    werkgeverslasten_percentage = serializers.DecimalField(
        source="parameters.employer_costs_pct",
        max_digits=5,
        decimal_places=2,
        allow_null=True,
        read_only=True,
    )
    geldig_vanaf = serializers.DateField(
        source="parameters.valid_from",
        allow_null=True,
        read_only=True,
        help_text="Vanaf wanneer de gebruikte parameters gelden.",
    )
    loonwaarde = serializers.IntegerField(
        source="assessment.wage_value",
        allow_null=True,
        read_only=True,
        help_text="Gebruikte loonwaarde (%).",
    )
    loonwaardebepaling = serializers.UUIDField(
        source="assessment.uuid",
        allow_null=True,
        read_only=True,
        help_text="UUID van de gebruikte loonwaardebepaling.",
    )

    @extend_schema_field(
        {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$", "example": "2026-01"}
    )
    def get_maand(self, row: Any) -> str:
        return f"{row.month:%Y-%m}"


@extend_schema_serializer(component_name="Loonkostensubsidie")
class PlacementSubsidySerializer(serializers.Serializer[Any]):
    plaatsing = serializers.UUIDField(
        read_only=True, help_text="UUID van de plaatsing."
    )
    werkzoekende = serializers.UUIDField(
        read_only=True, help_text="UUID van de werkzoekende."
    )
    van_maand = serializers.CharField(
        read_only=True, help_text="Eerste maand, JJJJ-MM."
    )
    tot_maand = serializers.CharField(
        read_only=True, help_text="Laatste maand (inbegrepen), JJJJ-MM."
    )
    maanden = MonthSubsidySerializer(many=True, read_only=True)
