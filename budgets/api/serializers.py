"""Budgetten, realisaties, the budget overview and the import report, in API terms."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from budgets.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Budget,
    Realisation,
    RealisationImport,
)
from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.rest.fields import SlugRelatedField
from trajectories.api.serializers.common import text, version_in, version_out
from trajectories.models import InstrumentCategory
from trajectories.models.choices import FundingStream

MAX_DIGITS = 14  # as the models hold amounts


def amount(source: str, help_text: str, **kwargs: Any) -> serializers.DecimalField:
    """An amount in euro (a string with two decimals), never negative."""
    if not kwargs.get("read_only"):
        kwargs.setdefault("min_value", Decimal("0"))
    return serializers.DecimalField(
        source=source,
        max_digits=MAX_DIGITS,
        decimal_places=2,
        help_text=help_text,
        **kwargs,
    )


def gemeente_in() -> SlugRelatedField:
    return SlugRelatedField(
        source="municipality",
        slug_field="cbs_code",
        queryset=Municipality.objects.all(),
        help_text="CBS-code van de gemeente; een gemeente die de aanroeper niet "
        "bedient geeft 404.",
    )


def gemeente_out() -> SlugRelatedField:
    return SlugRelatedField(
        source="municipality",
        slug_field="cbs_code",
        read_only=True,
        help_text="CBS-code van de gemeente.",
    )


def year(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(
        source="year", min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs
    )


# --- budgetten -------------------------------------------------------------------


@extend_schema_serializer(component_name="Budgetregel")
class BudgetLineSerializer(serializers.Serializer[Any]):
    categorie = SlugRelatedField(
        source="category",
        slug_field="code",
        queryset=InstrumentCategory.objects.all(),
        help_text="Code van de categorie voorziening.",
    )
    bedrag = amount("amount", "Deel van het budget voor deze categorie, in euro.")


@extend_schema_serializer(component_name="Budget")
class BudgetSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:budget-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    gemeente: SlugRelatedField = gemeente_in()
    jaar: serializers.IntegerField = year(help_text="Kalenderjaar.")
    financieringsstroom: serializers.ChoiceField = serializers.ChoiceField(
        source="funding_stream",
        choices=FundingStream.choices,
        help_text="Financieringsstroom; één budget per gemeente, jaar en stroom.",
    )
    bedrag = amount("amount", "Het budget in euro, niet negatief.")
    toelichting = text(Budget, "note", "note")
    regels = BudgetLineSerializer(
        source="lines",
        many=True,
        required=False,
        help_text="Optionele verdeling over categorieën voorziening; samen niet "
        "meer dan het budget. Bij wijzigen vervangt de lijst alle regels.",
    )
    versie = version_out()
    gewijzigd_op = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Budget
        # The service checks the constraints, with their Dutch messages, after
        # the scope (a municipality not served is a 404, not a 400).
        validators: list[Any] = []
        fields = [
            "url",
            "uuid",
            "gemeente",
            "jaar",
            "financieringsstroom",
            "bedrag",
            "toelichting",
            "regels",
            "versie",
            "gewijzigd_op",
        ]

    def validate_regels(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        categories = [line["category"] for line in value]
        if len(set(categories)) != len(categories):
            raise serializers.ValidationError(
                "Elke categorie staat hoogstens één keer in de regels."
            )
        return value


@extend_schema_serializer(component_name="BudgetWijziging")
class BudgetUpdateSerializer(BudgetSerializer):
    gemeente = gemeente_out()
    jaar = year(read_only=True)
    financieringsstroom = serializers.ChoiceField(
        source="funding_stream", choices=FundingStream.choices, read_only=True
    )
    versie = version_in()


def lines_argument(lines: list[dict[str, Any]] | None) -> dict[Any, Decimal] | None:
    """The serializer's ``regels`` as the services' ``lines`` mapping."""
    if lines is None:
        return None
    return {line["category"]: line["amount"] for line in lines}


# --- realisaties --------------------------------------------------------------------


@extend_schema_serializer(component_name="Realisatie")
class RealisationSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:realisatie-detail", lookup_field="uuid"
    )
    uuid = serializers.UUIDField(read_only=True)
    gemeente = gemeente_in()
    financieringsstroom = serializers.ChoiceField(
        source="funding_stream", choices=FundingStream.choices
    )
    jaar = year(help_text="Jaar van de uitgave.")
    maand = serializers.IntegerField(
        source="month",
        min_value=1,
        max_value=12,
        help_text="Maand van de uitgave (1-12); niet na de huidige maand.",
    )
    boekdatum = serializers.DateField(
        source="booked_on",
        read_only=True,
        allow_null=True,
        help_text="Boekdatum uit het financiële systeem (bij een import).",
    )
    bedrag = amount("amount", "Uitgegeven bedrag in euro, niet negatief.")
    omschrijving = serializers.CharField(
        source="description", max_length=255, required=False, allow_blank=True
    )
    boekingskenmerk = serializers.CharField(
        source="reference",
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="Kenmerk van de boeking in het financiële systeem; per gemeente "
        "één keer.",
    )
    bron = serializers.ChoiceField(
        source="source",
        choices=Realisation.Source.choices,
        read_only=True,
        help_text="Ingelezen uit het financiële systeem of handmatig ingevoerd.",
    )
    bron_import = SlugRelatedField(
        source="source_import",
        slug_field="uuid",
        read_only=True,
        allow_null=True,
        help_text="UUID van de import die de boeking inlas.",
    )

    class Meta:
        model = Realisation
        validators: list[Any] = []  # as for budgets: the service checks them
        fields = [
            "url",
            "uuid",
            "gemeente",
            "financieringsstroom",
            "jaar",
            "maand",
            "boekdatum",
            "bedrag",
            "omschrijving",
            "boekingskenmerk",
            "bron",
            "bron_import",
        ]


# --- the import ----------------------------------------------------------------------


@extend_schema_serializer(component_name="RealisatieImportBestand")
class ImportRequestSerializer(serializers.Serializer[Any]):
    bestand = serializers.FileField(
        allow_empty_file=True,
        help_text="Het CSV-bestand uit het financiële systeem (UTF-8 of "
        "Windows-1252; kolommen: zie de beschrijving).",
    )
    jaar = serializers.IntegerField(
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        help_text="Jaar waarin alle boekingen liggen; standaard dit jaar.",
    )


@extend_schema_serializer(component_name="ImportFout")
class ImportErrorSerializer(serializers.Serializer[Any]):
    regel = serializers.IntegerField(
        source="row",
        allow_null=True,
        help_text="Regelnummer in het bestand (de kopregel is 1); leeg: het hele "
        "bestand.",
    )
    kolom = serializers.CharField(
        source="column", allow_null=True, help_text="Kolom, of leeg."
    )
    waarde = serializers.CharField(source="value", help_text="De gelezen waarde.")
    melding = serializers.CharField(source="message", help_text="Wat er mis is.")
    tekst = serializers.CharField(
        source="text", help_text="De melding met regel en kolom, om te tonen."
    )


@extend_schema_serializer(component_name="ImportOvergeslagen")
class ImportSkippedSerializer(serializers.Serializer[Any]):
    regel = serializers.IntegerField(source="row")
    boekingskenmerk = serializers.CharField(source="reference")


@extend_schema_serializer(component_name="RealisatieImport")
class ImportSerializer(serializers.ModelSerializer[RealisationImport]):
    uuid = serializers.UUIDField(read_only=True)
    bestandsnaam = serializers.CharField(source="file_name", read_only=True)
    jaar = serializers.IntegerField(source="year", read_only=True)
    status = serializers.ChoiceField(
        choices=RealisationImport.Status.choices,
        read_only=True,
        help_text="`verwerkt`: alle boekingen opgeslagen; `afgewezen`: niets "
        "opgeslagen, zie `fouten`.",
    )
    tekenset = serializers.CharField(source="encoding", read_only=True)
    regels = serializers.IntegerField(
        source="row_count", read_only=True, help_text="Gelezen boekingsregels."
    )
    ingelezen = serializers.IntegerField(
        source="imported_count", read_only=True, help_text="Opgeslagen boekingen."
    )
    al_eerder_ingelezen = serializers.IntegerField(
        source="skipped_count",
        read_only=True,
        help_text="Boekingen die al waren opgeslagen (zelfde gemeente en "
        "boekingskenmerk) en zijn overgeslagen.",
    )
    totaal_bedrag = amount(
        "total_amount", "Som van de opgeslagen boekingen.", read_only=True
    )
    fouten = ImportErrorSerializer(
        source="report.errors", many=True, read_only=True, default=list
    )
    overgeslagen = ImportSkippedSerializer(
        source="report.skipped", many=True, read_only=True, default=list
    )
    ingelezen_op = serializers.DateTimeField(source="uploaded_at", read_only=True)

    class Meta:
        model = RealisationImport
        fields = [
            "uuid",
            "bestandsnaam",
            "jaar",
            "status",
            "tekenset",
            "regels",
            "ingelezen",
            "al_eerder_ingelezen",
            "totaal_bedrag",
            "fouten",
            "overgeslagen",
            "ingelezen_op",
        ]


# --- the overview --------------------------------------------------------------------


@extend_schema_serializer(component_name="BudgetMaand")
class OverviewMonthSerializer(serializers.Serializer[Any]):
    maand = serializers.IntegerField(source="month", help_text="Maand (1-12).")
    verplicht = amount("committed", "Verplichtingen in deze maand.", read_only=True)
    gerealiseerd = amount("realised", "Realisatie in deze maand.", read_only=True)


SIGNALS = [("geen", "geen"), ("waarschuwing", "waarschuwing"), ("alarm", "alarm")]


@extend_schema_serializer(component_name="BudgetOverzicht")
class OverviewSerializer(serializers.Serializer[Any]):
    gemeente = serializers.CharField(source="cbs_code", help_text="CBS-code.")
    gemeentenaam = serializers.CharField(source="municipality_name")
    jaar = serializers.IntegerField(source="year")
    financieringsstroom = serializers.ChoiceField(
        source="funding_stream", choices=FundingStream.choices
    )
    budget = serializers.DecimalField(
        max_digits=MAX_DIGITS,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="Het budget; leeg als er voor dit jaar en deze stroom geen is.",
    )
    verplicht = amount(
        "committed",
        "Verplichtingen van het jaar (inzetten, loonkostensubsidie).",
        read_only=True,
    )
    gerealiseerd = amount("realised", "Realisatie van het jaar tot nu.", read_only=True)
    prognose = amount(
        "forecast",
        "Realisatie van de afgesloten maanden plus de verplichtingen vanaf de "
        "huidige maand.",
        read_only=True,
    )
    uitputting = serializers.DecimalField(
        source="exhaustion_pct",
        max_digits=12,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text="Prognose als percentage van het budget (93.5 = 93,5 %); leeg "
        "zonder budget.",
    )
    signaal = serializers.ChoiceField(
        source="signal",
        choices=SIGNALS,
        help_text="`waarschuwing` vanaf 90 %, `alarm` vanaf 100 % uitputting, "
        "anders `geen`.",
    )
    maanden = OverviewMonthSerializer(
        source="months", many=True, read_only=True, help_text="Per maand (1-12)."
    )
