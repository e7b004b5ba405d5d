"""Werkzoekenden, ladder measurements, klantcontacten and uitstroom in the partner API.

English model fields map to Dutch camelCase API names here, in one place.
Code lists travel as their stable ``code``, staff as their username.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from clients.models import (
    BarrierCategory,
    BenefitKind,
    Client,
    Contact,
    ContactChannel,
    EducationLevel,
    Gender,
    InflowReason,
    LadderMeasurement,
    Outflow,
    OutflowReason,
    RegistrationChannel,
    Status,
    TargetGroup,
)
from clients.validators import LANGUAGE_LEVELS
from ijmondwerkt import identifiers
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.fields import text_limit
from ijmondwerkt.rest.fields import DateField, DateTimeField, SlugRelatedField


class ScopedSlugRelatedField(SlugRelatedField):
    """A reference by code/uuid that only finds objects the caller may see."""

    def get_queryset(self) -> Any:
        queryset: Any = super().get_queryset()
        return queryset.for_user(self.context["request"].user)


class KlantmanagerField(SlugRelatedField):
    def get_queryset(self) -> Any:
        user = self.context["request"].user
        return User.objects.active_with_role(
            Role.KLANTMANAGER, municipalities=user.municipality_ids
        )


def code_field(model: Any, help_text: str, **kwargs: Any) -> SlugRelatedField:
    return SlugRelatedField(
        slug_field="code",
        queryset=model.objects.active(),
        help_text=help_text,
        **kwargs,
    )


class LanguageSerializer(serializers.Serializer):
    taal = serializers.CharField(
        source="language", max_length=50, help_text="Taal, bijvoorbeeld Nederlands."
    )
    niveau = serializers.ChoiceField(
        source="level", choices=LANGUAGE_LEVELS, help_text="Niveau (ERK) of moedertaal."
    )


@extend_schema_serializer(component_name="Werkzoekende")
class ClientSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:werkzoekende-detail",
        lookup_field="uuid",
        help_text="Adres van deze werkzoekende in de API.",
    )
    uuid = serializers.UUIDField(read_only=True, help_text="Unieke identificatie.")
    bsn = identifiers.IdentifierSerializerField(
        normalise=identifiers.normalise_bsn,
        max_length=15,
        help_text="Burgerservicenummer (elfproef); 9 cijfers, spaties en punten "
        "worden weggelaten.",
    )
    voornaam = serializers.CharField(source="first_name", max_length=100)
    tussenvoegsel = serializers.CharField(
        source="name_prefix", max_length=20, required=False, allow_blank=True
    )
    achternaam = serializers.CharField(source="last_name", max_length=100)
    geboortedatum = DateField(source="date_of_birth")
    geslacht = serializers.ChoiceField(
        source="gender", choices=Gender.choices, required=False, allow_blank=True
    )
    straat = serializers.CharField(
        source="street", max_length=150, required=False, allow_blank=True
    )
    huisnummer = serializers.CharField(
        source="house_number", max_length=12, required=False, allow_blank=True
    )
    postcode = identifiers.IdentifierSerializerField(
        normalise=identifiers.normalise_postcode,
        max_length=10,
        required=False,
        allow_blank=True,
        help_text="Postcode, 1234 AB.",
    )
    woonplaats = serializers.CharField(
        source="city", max_length=100, required=False, allow_blank=True
    )
    telefoonnummer = serializers.CharField(
        source="phone", max_length=20, required=False, allow_blank=True
    )
    email = serializers.EmailField(required=False, allow_blank=True)
    gemeente = ScopedSlugRelatedField(
        source="municipality",
        slug_field="cbs_code",
        queryset=Municipality.objects.all(),
        help_text="CBS-code van de gemeente die de uitkering betaalt.",
    )
    uitkering = code_field(
        BenefitKind,
        "Code van de soort uitkering.",
        source="benefit_kind",
        required=False,
        allow_null=True,
    )
    ingangsdatum_uitkering = DateField(
        source="benefit_start_date", required=False, allow_null=True
    )
    datum_aanmelding = DateField(source="registration_date")
    kanaal_aanmelding = code_field(
        RegistrationChannel,
        "Code van het kanaal van aanmelding.",
        source="registration_channel",
        required=False,
        allow_null=True,
    )
    reden_instroom = code_field(
        InflowReason,
        "Code van de reden van instroom.",
        source="inflow_reason",
        required=False,
        allow_null=True,
    )
    einde_zoektermijn = DateField(
        source="search_period_end",
        read_only=True,
        allow_null=True,
        help_text="Einde van de zoektermijn (jongeren onder 27); leeg voor anderen.",
    )
    opleidingsniveau = code_field(
        EducationLevel,
        "Code van het hoogst afgeronde opleidingsniveau.",
        source="education_level",
        required=False,
        allow_null=True,
    )
    startkwalificatie = serializers.BooleanField(
        source="has_startkwalificatie",
        read_only=True,
        help_text="Afgeleid uit het opleidingsniveau.",
    )
    rijbewijs = serializers.BooleanField(source="driving_licence", required=False)
    # ListSerializer takes max_length since DRF 3.14; the stubs do not know it yet.
    talen = LanguageSerializer(  # type: ignore[call-arg]
        source="languages", many=True, required=False, max_length=30
    )
    werkervaring = serializers.CharField(
        source="work_experience",
        required=False,
        allow_blank=True,
        max_length=text_limit(Client, "work_experience"),
    )
    gewenste_sectoren = serializers.CharField(
        source="wish_sectors", max_length=255, required=False, allow_blank=True
    )
    gewenste_beroepen = serializers.CharField(
        source="wish_occupations", max_length=255, required=False, allow_blank=True
    )
    gewenste_uren_per_week = serializers.IntegerField(
        source="wish_hours_per_week",
        min_value=0,
        max_value=60,
        required=False,
        allow_null=True,
    )
    belemmeringen = SlugRelatedField(
        source="barrier_categories",
        slug_field="code",
        many=True,
        required=False,
        queryset=BarrierCategory.objects.active(),
        help_text="Codes van de categorieën belemmeringen.",
    )
    toelichting_belemmeringen = serializers.CharField(
        source="barriers_note",
        required=False,
        allow_blank=True,
        max_length=text_limit(Client, "barriers_note"),
    )
    doelgroep = serializers.ChoiceField(
        source="target_group",
        choices=TargetGroup.choices,
        required=False,
        allow_null=True,
    )
    doelgroep_datum = DateField(
        source="target_group_date", required=False, allow_null=True
    )
    doelgroep_reden = serializers.CharField(
        source="target_group_reason",
        required=False,
        allow_blank=True,
        max_length=text_limit(Client, "target_group_reason"),
    )
    klantmanager = KlantmanagerField(
        slug_field="username",
        required=False,
        allow_null=True,
        help_text="Gebruikersnaam van de klantmanager.",
    )
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    huidige_trede = serializers.IntegerField(
        source="current_ladder_step",
        read_only=True,
        allow_null=True,
        help_text="Laatst gemeten trede op de participatieladder.",
    )
    versie = serializers.IntegerField(
        source="version",
        required=False,
        min_value=1,
        help_text="Versie van het dossier; verplicht bij wijzigen. Is het dossier intussen gewijzigd, dan volgt 400.",
    )

    class Meta:
        model = Client
        fields = [
            "url",
            "uuid",
            "bsn",
            "voornaam",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "geslacht",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
            "telefoonnummer",
            "email",
            "gemeente",
            "uitkering",
            "ingangsdatum_uitkering",
            "datum_aanmelding",
            "kanaal_aanmelding",
            "reden_instroom",
            "einde_zoektermijn",
            "opleidingsniveau",
            "startkwalificatie",
            "rijbewijs",
            "talen",
            "werkervaring",
            "gewenste_sectoren",
            "gewenste_beroepen",
            "gewenste_uren_per_week",
            "belemmeringen",
            "toelichting_belemmeringen",
            "doelgroep",
            "doelgroep_datum",
            "doelgroep_reden",
            "klantmanager",
            "status",
            "huidige_trede",
            "versie",
        ]


@extend_schema_serializer(component_name="WerkzoekendeWijziging")
class ClientUpdateSerializer(ClientSerializer):
    """On change the version is required; municipality and registration date stay."""

    versie = serializers.IntegerField(
        source="version", min_value=1, help_text="Versie van het dossier zoals gelezen."
    )
    gemeente = ScopedSlugRelatedField(
        source="municipality", slug_field="cbs_code", read_only=True
    )
    datum_aanmelding = DateField(source="registration_date", read_only=True)

    class Meta(ClientSerializer.Meta):
        pass

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "version" not in attrs:
            raise serializers.ValidationError(
                {"versie": ["Geef de versie van het dossier mee zoals u die las."]}
            )
        return attrs


@extend_schema_serializer(component_name="WerkzoekendeZoekopdracht")
class ClientSearchSerializer(serializers.Serializer):
    """Search by BSN in the request body: a BSN never goes into a URL or log."""

    bsn = identifiers.IdentifierSerializerField(
        normalise=identifiers.normalise_bsn,
        max_length=15,
        help_text="Burgerservicenummer, exact (9 cijfers).",
    )


@extend_schema_serializer(component_name="LadderMeting")
class LadderMeasurementSerializer(serializers.ModelSerializer):
    uuid = serializers.UUIDField(read_only=True)
    datum = DateField(source="measured_on")
    trede = serializers.IntegerField(
        source="step",
        min_value=1,
        max_value=6,
        help_text="Trede 1-6 op de participatieladder.",
    )
    toelichting = serializers.CharField(
        source="note",
        required=False,
        allow_blank=True,
        max_length=text_limit(LadderMeasurement, "note"),
    )
    gemeten_door = serializers.CharField(
        source="measured_by.audit_name", read_only=True
    )

    class Meta:
        model = LadderMeasurement
        fields = ["uuid", "datum", "trede", "toelichting", "gemeten_door"]


def _werkzoekende_field() -> ScopedSlugRelatedField:
    return ScopedSlugRelatedField(
        source="client",
        slug_field="uuid",
        queryset=Client.objects.all(),
        help_text="UUID van de werkzoekende.",
    )


@extend_schema_serializer(component_name="Klantcontact")
class ContactSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:klantcontact-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    werkzoekende = _werkzoekende_field()
    datum_tijd = DateTimeField(source="occurred_at")
    contactvorm = code_field(
        ContactChannel, "Code van de contactvorm.", source="channel"
    )
    onderwerp = serializers.CharField(source="subject", max_length=200)
    verslag = serializers.CharField(
        source="notes",
        required=False,
        allow_blank=True,
        max_length=text_limit(Contact, "notes"),
    )
    niet_verschenen = serializers.BooleanField(
        source="no_show",
        required=False,
        help_text="Niet verschenen; er komt een vervolgtaak.",
    )
    vastgelegd_door = serializers.CharField(
        source="recorded_by.audit_name", read_only=True
    )

    class Meta:
        model = Contact
        fields = [
            "url",
            "uuid",
            "werkzoekende",
            "datum_tijd",
            "contactvorm",
            "onderwerp",
            "verslag",
            "niet_verschenen",
            "vastgelegd_door",
        ]


@extend_schema_serializer(component_name="Uitstroom")
class OutflowSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:uitstroom-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    werkzoekende = _werkzoekende_field()
    datum = DateField(source="date")
    reden = code_field(
        OutflowReason, "Code van de reden van uitstroom.", source="reason"
    )
    toelichting = serializers.CharField(
        source="note",
        required=False,
        allow_blank=True,
        max_length=text_limit(Outflow, "note"),
    )
    vastgelegd_door = serializers.CharField(
        source="recorded_by.audit_name", read_only=True
    )

    class Meta:
        model = Outflow
        fields = [
            "url",
            "uuid",
            "werkzoekende",
            "datum",
            "reden",
            "toelichting",
            "vastgelegd_door",
        ]
