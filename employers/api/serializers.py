"""Werkgevers, werkgeverscontacten, vacatures, kandidaten and voordrachten in the API.

English model fields map to Dutch camelCase names here, in one place. Writes
go through employers.services; these serializers only check shapes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from clients.models import EducationLevel
from employers.models import (
    Employer,
    EmployerContact,
    EmployerContactKind,
    LanguageLevel,
    Proposal,
    ProposalStatus,
    RejectionReason,
    SbiSection,
    SectorCluster,
    SizeClass,
    Vacancy,
)
from ijmondwerkt import identifiers
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.rest.fields import DateField, SlugRelatedField


def code(source: str, help_text: str) -> serializers.SlugRelatedField[Any]:
    return serializers.SlugRelatedField(
        source=source, slug_field="code", read_only=True, help_text=help_text
    )


def code_in(model: Any, source: str, help_text: str) -> SlugRelatedField:
    """A writable reference to a code list row by its ``code``."""
    return SlugRelatedField(
        source=source,
        slug_field="code",
        queryset=model.objects.all(),
        required=False,
        allow_null=True,
        help_text=help_text,
    )


def municipality_in(source: str, help_text: str) -> SlugRelatedField:
    return SlugRelatedField(
        source=source,
        slug_field="cbs_code",
        queryset=Municipality.objects.all(),
        required=False,
        allow_null=True,
        help_text=help_text,
    )


VERSION_HELP = (
    "Versie zoals gelezen. Bij wijzigen verplicht; is de versie intussen "
    "veranderd, dan 400 en wordt niets opgeslagen."
)


@extend_schema_serializer(component_name="Werkgever")
class EmployerSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:werkgever-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(source="name", max_length=200)
    kvk_nummer = identifiers.IdentifierSerializerField(
        normalise=identifiers.normalise_kvk,
        source="kvk_number",
        max_length=20,
        help_text="KvK-nummer, 8 cijfers (spaties en punten worden weggelaten).",
    )
    vestigingsnummer = identifiers.IdentifierSerializerField(
        normalise=identifiers.normalise_establishment_number,
        source="establishment_number",
        max_length=20,
        required=False,
        allow_blank=True,
    )
    sbi_sectie = code_in(SbiSection, "sbi_section", "Code van de SBI-sectie (A-U).")
    branchecluster = code_in(
        SectorCluster, "sector_cluster", "Code van het branchecluster."
    )
    grootteklasse = code_in(SizeClass, "size_class", "Code van de grootteklasse.")
    adres = serializers.CharField(
        source="street_address", max_length=200, required=False, allow_blank=True
    )
    postcode = identifiers.IdentifierSerializerField(
        normalise=identifiers.normalise_postcode,
        source="postal_code",
        max_length=10,
        required=False,
        allow_blank=True,
    )
    plaats = serializers.CharField(
        source="city", max_length=100, required=False, allow_blank=True
    )
    gemeente = municipality_in("municipality", "CBS-code van de gemeente.")
    website = serializers.URLField(max_length=200, required=False, allow_blank=True)
    werkmakelaar = SlugRelatedField(
        slug_field="username",
        queryset=User.objects.active_with_role(Role.WERKMAKELAAR),
        required=False,
        allow_null=True,
        help_text="Gebruikersnaam van de vaste werkmakelaar.",
    )
    voorkeurswerkgever = serializers.BooleanField(source="is_preferred", required=False)
    social_return = serializers.BooleanField(source="has_social_return", required=False)
    social_return_plaatsen = serializers.IntegerField(
        source="social_return_places",
        allow_null=True,
        required=False,
        min_value=1,
        max_value=10_000,
    )
    social_return_van = DateField(
        source="social_return_start", allow_null=True, required=False
    )
    social_return_tot = DateField(
        source="social_return_end", allow_null=True, required=False
    )
    gemeentelijke_werkgever = serializers.BooleanField(
        source="is_municipal_employer", required=False
    )
    gearchiveerd_op = serializers.DateTimeField(
        source="archived_at",
        read_only=True,
        allow_null=True,
        help_text="Wanneer de werkgever gearchiveerd is; leeg zolang hij actief is.",
    )
    versie = serializers.IntegerField(
        source="version", read_only=True, help_text=VERSION_HELP
    )

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
            "versie",
        ]


@extend_schema_serializer(component_name="WerkgeverWijziging")
class EmployerUpdateSerializer(EmployerSerializer):
    versie = serializers.IntegerField(
        source="version", min_value=0, max_value=2**31 - 1, help_text=VERSION_HELP
    )


@extend_schema_serializer(component_name="Werkgeverscontact")
class EmployerContactSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:werkgeverscontact-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    werkgever = SlugRelatedField(
        source="employer",
        slug_field="uuid",
        queryset=Employer.objects.all(),
        help_text="UUID van de werkgever (niet gearchiveerd).",
    )
    datum = DateField(
        source="contact_date",
        required=False,
        help_text="Datum van het contact; leeg: vandaag. Niet in de toekomst.",
    )
    soort = SlugRelatedField(
        source="kind",
        slug_field="code",
        queryset=EmployerContactKind.objects.filter(active=True),
        help_text="Code van de soort contact.",
    )
    werkmakelaar = SlugRelatedField(
        slug_field="username",
        queryset=User.objects.active_with_role(Role.WERKMAKELAAR),
        required=False,
        help_text="Gebruikersnaam van de werkmakelaar die het contact had; leeg: "
        "de aanroeper (een partnersysteem geeft hem altijd op).",
    )
    contactpersoon = serializers.CharField(
        source="contact_person.name",
        allow_null=True,
        default=None,
        read_only=True,
        help_text="Naam van de contactpersoon bij de werkgever.",
    )
    onderwerp = serializers.CharField(source="subject", max_length=200)
    uitkomst = serializers.CharField(
        source="outcome", required=False, allow_blank=True, max_length=4000
    )
    vervolgafspraak = DateField(
        source="follow_up_date",
        allow_null=True,
        required=False,
        help_text="Zet een taak in het werkbakje van de werkmakelaar op die dag.",
    )

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


@extend_schema_serializer(component_name="Vacature")
class VacancySerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:vacature-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    werkgever = SlugRelatedField(
        source="employer",
        slug_field="uuid",
        queryset=Employer.objects.all(),
        help_text="UUID van de werkgever; bij wijzigen genegeerd.",
    )
    functietitel = serializers.CharField(source="title", max_length=200)
    beroep = serializers.CharField(
        source="occupation", max_length=150, required=False, allow_blank=True
    )
    branchecluster = code_in(
        SectorCluster,
        "sector_cluster",
        "Code van het branchecluster; leeg: dat van de werkgever.",
    )
    omschrijving = serializers.CharField(
        source="description", max_length=10_000, required=False, allow_blank=True
    )
    uren_per_week = serializers.DecimalField(
        source="hours_per_week",
        max_digits=4,
        decimal_places=1,
        coerce_to_string=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("60"),
        help_text="Uren per week, meer dan 0 en hoogstens 60.",
    )
    aantal_plaatsen = serializers.IntegerField(
        source="places", min_value=1, max_value=1000, required=False
    )
    gemeente_werkplek = municipality_in(
        "location_municipality", "CBS-code van de gemeente van de werkplek."
    )
    opleidingsniveau = code_in(
        EducationLevel,
        "education_level",
        "Code van het gevraagde opleidingsniveau, uit de codelijst opleidingsniveaus "
        "van werkzoekenden.",
    )
    rijbewijs_nodig = serializers.BooleanField(
        source="driving_licence_required", required=False
    )
    taalniveau = serializers.ChoiceField(
        source="language_level",
        choices=LanguageLevel.choices,
        required=False,
        allow_blank=True,
    )
    garantiebaan = serializers.BooleanField(
        source="suits_banenafspraak", required=False
    )
    beschut = serializers.BooleanField(source="suits_beschut", required=False)
    proefplaatsing_mogelijk = serializers.BooleanField(
        source="trial_placement_possible", required=False
    )
    jobcarving = serializers.BooleanField(source="job_carved", required=False)
    open_vanaf = DateField(source="open_date")
    sluitingsdatum = DateField(source="close_date", allow_null=True, required=False)
    status = serializers.ChoiceField(choices=Vacancy.Status.choices, read_only=True)
    versie = serializers.IntegerField(
        source="version", read_only=True, help_text=VERSION_HELP
    )

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
            "versie",
        ]


@extend_schema_serializer(component_name="VacatureWijziging")
class VacancyUpdateSerializer(VacancySerializer):
    werkgever = SlugRelatedField(
        source="employer",
        slug_field="uuid",
        read_only=True,
        help_text="UUID van de werkgever.",
    )
    versie = serializers.IntegerField(
        source="version", min_value=0, max_value=2**31 - 1, help_text=VERSION_HELP
    )


# --- candidates (kandidaten) ---------------------------------------------------------


class ContributionSerializer(serializers.Serializer[Any]):
    criterium = serializers.CharField(
        source="label", help_text="Criterium, in het Nederlands."
    )
    punten = serializers.IntegerField(
        source="points", help_text="Bijdrage aan de score."
    )


class CandidateLanguageSerializer(serializers.Serializer[Any]):
    taal = serializers.CharField(source="language")
    niveau = serializers.CharField(source="level")


@extend_schema_serializer(component_name="Kandidaat")
class CandidateSerializer(serializers.Serializer[Any]):
    """A ranked candidate: the limited work profile, the score and why.

    Deliberately no BSN, address, contact details, barriers, target group,
    health, debts or contact notes: a werkmakelaar needs the work profile only.
    """

    werkzoekende = serializers.UUIDField(source="profile.uuid")
    naam = serializers.CharField(source="profile.name")
    leeftijd = serializers.IntegerField(source="profile.age", allow_null=True)
    gemeente = serializers.CharField(source="profile.municipality")
    gewenste_sectoren = serializers.CharField(source="profile.wish_sectors")
    gewenste_beroepen = serializers.CharField(source="profile.wish_occupations")
    gewenste_uren_per_week = serializers.IntegerField(
        source="profile.wish_hours_per_week", allow_null=True
    )
    opleidingsniveau = serializers.CharField(source="profile.education")
    rijbewijs = serializers.BooleanField(source="profile.driving_licence")
    talen = CandidateLanguageSerializer(source="profile.languages", many=True)
    trede = serializers.IntegerField(source="profile.ladder_step", allow_null=True)
    score = serializers.IntegerField(help_text="Som van de punten in opbouw.")
    opbouw = ContributionSerializer(source="breakdown", many=True)
    al_voorgedragen = serializers.BooleanField(source="is_proposed")


# --- proposals (voordrachten) --------------------------------------------------------


def proposal_status_values() -> list[str]:
    """The proposal statuses, named VoordrachtStatusEnum (ENUM_NAME_OVERRIDES)."""
    return list(ProposalStatus.values)


# One named enum component, VoordrachtStatusEnum, apart from the vacancy's and
# the client's status enums.
@extend_schema_field({"type": "string", "enum": list(ProposalStatus.values)})
class ProposalStatusField(serializers.CharField):
    default_error_messages = {"invalid_choice": '"{input}" is geen geldige status.'}

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if value not in ProposalStatus.values:
            self.fail("invalid_choice", input=value)
        return value


@extend_schema_serializer(component_name="Voordracht")
class ProposalSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:voordracht-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    vacature = SlugRelatedField(
        source="vacancy",
        slug_field="uuid",
        queryset=Vacancy.objects.all(),
        help_text="UUID van de vacature.",
    )
    werkzoekende = serializers.UUIDField(
        source="client.uuid",
        help_text="UUID van de werkzoekende; een werkzoekende buiten de gemeenten "
        "van de aanroeper geeft 404.",
    )
    voorgedragen_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="proposed_by", slug_field="username", read_only=True
    )
    status = ProposalStatusField(read_only=True)
    voorgedragen_op = DateField(source="proposed_on", read_only=True)
    uitgenodigd_op = DateField(source="invited_on", read_only=True, allow_null=True)
    gesprek_op = DateField(source="interview_on", read_only=True, allow_null=True)
    besluit_op = DateField(source="decided_on", read_only=True, allow_null=True)
    reden_afwijzing = serializers.ChoiceField(
        source="rejection_reason",
        choices=RejectionReason.choices,
        read_only=True,
        allow_blank=True,
        help_text="Reden van afwijzing; leeg als de voordracht niet is afgewezen.",
    )
    toelichting = serializers.CharField(
        source="note", max_length=2000, required=False, allow_blank=True
    )
    versie = serializers.IntegerField(
        source="version", read_only=True, help_text=VERSION_HELP
    )

    class Meta:
        model = Proposal
        fields = [
            "url",
            "uuid",
            "vacature",
            "werkzoekende",
            "voorgedragen_door",
            "status",
            "voorgedragen_op",
            "uitgenodigd_op",
            "gesprek_op",
            "besluit_op",
            "reden_afwijzing",
            "toelichting",
            "versie",
        ]


# Not "VoordrachtStatus": client generators name the enum of Voordracht.status so.
@extend_schema_serializer(component_name="VoordrachtStatuswijziging")
class ProposalAdvanceSerializer(serializers.Serializer[Any]):
    status = ProposalStatusField(
        help_text="Volgende status: alleen vooruit; afgerond blijft afgerond.",
    )
    reden_afwijzing = serializers.ChoiceField(
        source="rejection_reason",
        choices=RejectionReason.choices,
        required=False,
        help_text="Verplicht bij afgewezen, anders leeg.",
    )
    toelichting = serializers.CharField(
        source="note", max_length=2000, required=False, allow_blank=True
    )
    versie = serializers.IntegerField(
        source="version", min_value=0, max_value=2**31 - 1, help_text=VERSION_HELP
    )
