"""Trajecten and inzetten."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from clients.api.serializers import KlantmanagerField
from ijmondwerkt.rest.fields import DateField, SlugRelatedField
from trajectories.api.serializers.common import (
    code_in,
    money,
    scoped_uuid,
    text,
    version_in,
    version_out,
    werkzoekende_in,
    werkzoekende_out,
)
from trajectories.models import (
    CostUnit,
    Deployment,
    DeploymentStatus,
    Instrument,
    Provider,
    Trajectory,
    TrajectoryEndReason,
    TrajectoryKind,
)

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
