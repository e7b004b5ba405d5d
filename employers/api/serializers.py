"""Werkgevers, werkgeverscontacten and vacatures in the partner API (read only for now)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from employers.models import Employer, EmployerContact, Vacancy


def code(source: str, help_text: str) -> serializers.SlugRelatedField[Any]:
    return serializers.SlugRelatedField(
        source=source, slug_field="code", read_only=True, help_text=help_text
    )


@extend_schema_serializer(component_name="Werkgever")
class EmployerSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:werkgever-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="name")
    kvk_nummer = serializers.CharField(
        source="kvk_number", help_text="KvK-nummer, 8 cijfers."
    )
    vestigingsnummer = serializers.CharField(source="establishment_number")
    sbi_sectie = code("sbi_section", "Code van de SBI-sectie (A-U).")
    branchecluster = code("sector_cluster", "Code van het branchecluster.")
    grootteklasse = code("size_class", "Code van de grootteklasse.")
    adres = serializers.CharField(source="street_address")
    postcode = serializers.CharField(source="postal_code")
    plaats = serializers.CharField(source="city")
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="municipality", slug_field="cbs_code", read_only=True
    )
    website = serializers.CharField()
    werkmakelaar: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    voorkeurswerkgever = serializers.BooleanField(source="is_preferred")
    social_return = serializers.BooleanField(source="has_social_return")
    social_return_plaatsen = serializers.IntegerField(
        source="social_return_places", allow_null=True
    )
    social_return_van = serializers.DateField(
        source="social_return_start", allow_null=True
    )
    social_return_tot = serializers.DateField(
        source="social_return_end", allow_null=True
    )
    gemeentelijke_werkgever = serializers.BooleanField(source="is_municipal_employer")
    gearchiveerd_op = serializers.DateTimeField(source="archived_at", allow_null=True)

    class Meta:
        model = Employer
        fields = [
            "url",
            "uuid",
            "naam",
            "kvk_nummer",
            "vestigingsnummer",
            "sbi_sectie",
            "branchecluster",
            "grootteklasse",
            "adres",
            "postcode",
            "plaats",
            "gemeente",
            "website",
            "werkmakelaar",
            "voorkeurswerkgever",
            "social_return",
            "social_return_plaatsen",
            "social_return_van",
            "social_return_tot",
            "gemeentelijke_werkgever",
            "gearchiveerd_op",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="Werkgeverscontact")
class EmployerContactSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:werkgeverscontact-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    werkgever: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="employer",
        slug_field="uuid",
        read_only=True,
        help_text="UUID van de werkgever.",
    )
    datum = serializers.DateField(source="contact_date")
    soort = code("kind", "Code van de soort contact.")
    werkmakelaar: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    contactpersoon = serializers.CharField(
        source="contact_person.name", allow_null=True, default=None
    )
    onderwerp = serializers.CharField(source="subject")
    uitkomst = serializers.CharField(source="outcome")
    vervolgafspraak = serializers.DateField(source="follow_up_date", allow_null=True)

    class Meta:
        model = EmployerContact
        fields = [
            "url",
            "uuid",
            "werkgever",
            "datum",
            "soort",
            "werkmakelaar",
            "contactpersoon",
            "onderwerp",
            "uitkomst",
            "vervolgafspraak",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="Vacature")
class VacancySerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:vacature-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    werkgever: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="employer",
        slug_field="uuid",
        read_only=True,
        help_text="UUID van de werkgever.",
    )
    functietitel = serializers.CharField(source="title")
    beroep = serializers.CharField(source="occupation")
    branchecluster = code("sector_cluster", "Code van het branchecluster.")
    omschrijving = serializers.CharField(source="description")
    uren_per_week = serializers.DecimalField(
        source="hours_per_week", max_digits=4, decimal_places=1, coerce_to_string=False
    )
    aantal_plaatsen = serializers.IntegerField(source="places")
    gemeente_werkplek: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="location_municipality",
        slug_field="cbs_code",
        read_only=True,
        allow_null=True,
    )
    opleidingsniveau = serializers.CharField(source="education_level")
    rijbewijs_nodig = serializers.BooleanField(source="driving_licence_required")
    taalniveau = serializers.CharField(source="language_level")
    garantiebaan = serializers.BooleanField(source="suits_banenafspraak")
    beschut = serializers.BooleanField(source="suits_beschut")
    proefplaatsing_mogelijk = serializers.BooleanField(
        source="trial_placement_possible"
    )
    jobcarving = serializers.BooleanField(source="job_carved")
    open_vanaf = serializers.DateField(source="open_date")
    sluitingsdatum = serializers.DateField(source="close_date", allow_null=True)
    status = serializers.ChoiceField(choices=Vacancy.Status.choices)

    class Meta:
        model = Vacancy
        fields = [
            "url",
            "uuid",
            "werkgever",
            "functietitel",
            "beroep",
            "branchecluster",
            "omschrijving",
            "uren_per_week",
            "aantal_plaatsen",
            "gemeente_werkplek",
            "opleidingsniveau",
            "rijbewijs_nodig",
            "taalniveau",
            "garantiebaan",
            "beschut",
            "proefplaatsing_mogelijk",
            "jobcarving",
            "open_vanaf",
            "sluitingsdatum",
            "status",
        ]
        read_only_fields = fields
