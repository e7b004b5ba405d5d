"""Loonwaardebepalingen."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

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
from trajectories.models import AssessmentMethod, Placement, WageValueAssessment

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
