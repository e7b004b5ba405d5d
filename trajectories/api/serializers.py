"""Voorzieningen, aanbieders, trajecten, inzetten, plaatsingen and loonwaardebepalingen.

English model fields map to Dutch camelCase API names here, in one place.
Code lists travel as their ``code``, related rows as their uuid, staff as
their username. Writes go through trajectories.services; these serializers
only check shapes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from clients.api.serializers import KlantmanagerField, ScopedSlugRelatedField
from clients.models import Client
from employers.models import Employer, Proposal, Vacancy
from ijmondwerkt.fields import text_limit
from ijmondwerkt.rest.fields import DateField, SlugRelatedField
from trajectories.models import (
    AssessmentMethod,
    CostUnit,
    Deployment,
    DeploymentStatus,
    FollowUp,
    FollowUpOutcome,
    FundingStream,
    Instrument,
    Placement,
    PlacementEndReason,
    PlacementKind,
    Provider,
    ProviderKind,
    Trajectory,
    TrajectoryEndReason,
    TrajectoryKind,
    WageValueAssessment,
)

VERSION_HELP = (
    "Versie zoals gelezen. Bij wijzigen verplicht; is de versie intussen "
    "veranderd, dan 400 en wordt niets opgeslagen."
)
MAX_VERSION = 2**31 - 1


def version_out() -> serializers.IntegerField:
    return serializers.IntegerField(
        source="version", read_only=True, help_text=VERSION_HELP
    )


def version_in() -> serializers.IntegerField:
    return serializers.IntegerField(
        source="version", min_value=0, max_value=MAX_VERSION, help_text=VERSION_HELP
    )


def code_in(model: Any, source: str, help_text: str, **kwargs: Any) -> SlugRelatedField:
    """A writable reference to a code list row by its ``code``."""
    return SlugRelatedField(
        source=source,
        slug_field="code",
        queryset=model.objects.all(),
        help_text=help_text,
        **kwargs,
    )


def code_out(source: str, help_text: str) -> SlugRelatedField:
    return SlugRelatedField(
        source=source,
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=help_text,
    )


def werkzoekende_in() -> ScopedSlugRelatedField:
    return ScopedSlugRelatedField(
        source="client",
        slug_field="uuid",
        queryset=Client.objects.all(),
        help_text="UUID van de werkzoekende (in de gemeenten van de aanroeper).",
    )


def werkzoekende_out() -> SlugRelatedField:
    return SlugRelatedField(
        source="client",
        slug_field="uuid",
        read_only=True,
        help_text="UUID van de werkzoekende.",
    )


def scoped_uuid(model: Any, source: str, help_text: str) -> ScopedSlugRelatedField:
    """An optional reference to a row the caller may see, by uuid."""
    return ScopedSlugRelatedField(
        source=source,
        slug_field="uuid",
        queryset=model.objects.all(),
        required=False,
        allow_null=True,
        help_text=help_text,
    )


def text(model: Any, field: str, source: str, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(
        source=source,
        required=False,
        allow_blank=True,
        max_length=text_limit(model, field),
        **kwargs,
    )


def money(source: str, help_text: str, **kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        source=source, max_digits=10, decimal_places=2, help_text=help_text, **kwargs
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


# --- trajecten ------------------------------------------------------------------------


@extend_schema_serializer(component_name="Traject")
class TrajectorySerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:traject-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    werkzoekende: SlugRelatedField = werkzoekende_in()
    soort = serializers.ChoiceField(source="kind", choices=TrajectoryKind.choices)
    aanbieder = scoped_uuid(Provider, "provider", "UUID van de aanbieder.")
    regievoerende_organisatie = serializers.CharField(
        source="lead_organisation", max_length=150, required=False, allow_blank=True
    )
    startdatum = DateField(source="start_date")
    geplande_einddatum = DateField(
        source="planned_end_date", required=False, allow_null=True
    )
    einddatum = DateField(
        source="end_date",
        required=False,
        allow_null=True,
        help_text="Werkelijke einddatum; niet in de toekomst. Hoort bij "
        "`redenEinde`: vul beide in of geen van beide (ook voor een traject uit "
        "het verleden).",
    )
    reden_einde = code_in(
        TrajectoryEndReason,
        "end_reason",
        "Code van de reden einde traject.",
        required=False,
        allow_null=True,
    )
    doelen = text(Trajectory, "goals", "goals")
    klantmanager = KlantmanagerField(
        slug_field="username",
        required=False,
        allow_null=True,
        help_text="Gebruikersnaam van de trajectbegeleider (een klantmanager van de "
        "gemeente); leeg: de aanroeper als die klantmanager is, anders de "
        "klantmanager van het dossier.",
    )
    versie = version_out()

    class Meta:
        model = Trajectory
        fields = [
            "url",
            "uuid",
            "werkzoekende",
            "soort",
            "aanbieder",
            "regievoerende_organisatie",
            "startdatum",
            "geplande_einddatum",
            "einddatum",
            "reden_einde",
            "doelen",
            "klantmanager",
            "versie",
        ]


@extend_schema_serializer(component_name="TrajectWijziging")
class TrajectoryUpdateSerializer(TrajectorySerializer):
    werkzoekende = werkzoekende_out()
    versie = version_in()


# --- inzetten -------------------------------------------------------------------------


@extend_schema_serializer(component_name="Inzet")
class DeploymentSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:inzet-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    werkzoekende: SlugRelatedField = werkzoekende_in()
    traject = scoped_uuid(
        Trajectory,
        "trajectory",
        "UUID van het traject waarbinnen de inzet valt; leeg: zonder traject "
        "(als de voorziening dat toelaat).",
    )
    voorziening: SlugRelatedField = SlugRelatedField(
        source="instrument",
        slug_field="code",
        queryset=Instrument.objects.all(),
        help_text="Code van de voorziening.",
    )
    aanbieder = scoped_uuid(Provider, "provider", "UUID van de aanbieder.")
    startdatum = DateField(source="start_date")
    einddatum = DateField(
        source="end_date",
        help_text="Geplande einddatum; bij eerder stoppen de werkelijke.",
    )
    eenheid = serializers.ChoiceField(
        source="cost_unit",
        choices=CostUnit.choices,
        read_only=True,
        help_text="Eenheid van het tarief, van de voorziening.",
    )
    tarief = money(
        "rate",
        "Tarief per eenheid in euro; leeg: de standaardkosten van de voorziening.",
        required=False,
        allow_null=True,
        min_value=Decimal("0"),
    )
    aantal = serializers.DecimalField(
        source="units",
        max_digits=8,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=Decimal("0"),
        help_text="Aantal eenheden (per traject: 1).",
    )
    totale_kosten = money(
        "total_cost", "Tarief × aantal, in euro (berekend).", read_only=True
    )
    status = serializers.ChoiceField(
        choices=DeploymentStatus.choices,
        required=False,
        help_text="Geannuleerde inzetten leggen geen budget vast.",
    )
    toelichting = text(Deployment, "note", "note")
    versie = version_out()

    class Meta:
        model = Deployment
        fields = [
            "url",
            "uuid",
            "werkzoekende",
            "traject",
            "voorziening",
            "aanbieder",
            "startdatum",
            "einddatum",
            "eenheid",
            "tarief",
            "aantal",
            "totale_kosten",
            "status",
            "toelichting",
            "versie",
        ]


@extend_schema_serializer(component_name="InzetWijziging")
class DeploymentUpdateSerializer(DeploymentSerializer):
    werkzoekende = werkzoekende_out()
    voorziening = SlugRelatedField(
        source="instrument",
        slug_field="code",
        read_only=True,
        help_text="Code van de voorziening.",
    )
    versie = version_in()


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


# --- loonwaardebepalingen -------------------------------------------------------------


@extend_schema_serializer(component_name="Loonwaardebepaling")
class AssessmentSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:loonwaardebepaling-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    werkzoekende: SlugRelatedField = werkzoekende_in()
    plaatsing = scoped_uuid(
        Placement,
        "placement",
        "UUID van de plaatsing; leeg: beschrijf de functie in `functieomschrijving`.",
    )
    functieomschrijving = text(
        WageValueAssessment, "job_description", "job_description"
    )
    datum = DateField(source="assessed_on", help_text="Datum van de bepaling.")
    methode = code_in(AssessmentMethod, "method", "Code van de methode.")
    deskundige = serializers.CharField(
        source="assessor", max_length=150, help_text="Wie de bepaling deed."
    )
    loonwaarde = serializers.IntegerField(
        source="wage_value",
        min_value=0,
        max_value=100,
        help_text="Loonwaarde als heel percentage, 0 tot en met 100.",
    )
    volgende_bepaling = DateField(
        source="next_due_date",
        required=False,
        help_text="Volgende bepaling uiterlijk; leeg: 12 maanden na de datum "
        "(instelbaar). Tot en met die dag is de bepaling geldig.",
    )
    toelichting = text(WageValueAssessment, "note", "note")
    versie = version_out()

    class Meta:
        model = WageValueAssessment
        fields = [
            "url",
            "uuid",
            "werkzoekende",
            "plaatsing",
            "functieomschrijving",
            "datum",
            "methode",
            "deskundige",
            "loonwaarde",
            "volgende_bepaling",
            "toelichting",
            "versie",
        ]


@extend_schema_serializer(component_name="LoonwaardebepalingWijziging")
class AssessmentUpdateSerializer(AssessmentSerializer):
    werkzoekende = werkzoekende_out()
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
