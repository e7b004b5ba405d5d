"""The report figures in API terms: one serializer per dataclass of reports.figures.types.

Plain DRF serializers read the dataclasses (``MonthReport``, ``Figures``,
``Evaluation``) attribute by attribute, so the OpenAPI document describes
every figure with its type; the renderer writes the Dutch names in camelCase.
The definitions are in docs/reports.md; the name mapping in docs/api.md.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


@extend_schema_field(
    {
        "type": "string",
        "pattern": MONTH_PATTERN,
        "example": "2026-10",
        "description": "Maand als jjjj-mm.",
    }
)
class MonthField(serializers.Field):
    """A month (a date, its first day) as ``2026-10``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return f"{value:%Y-%m}"


def number(source: str, help_text: str, **kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(source=source, help_text=help_text, **kwargs)


def pct(source: str, help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        source=source,
        allow_null=True,
        help_text=f"{help_text} Heel procent, half naar boven afgerond; leeg als "
        "de noemer 0 is.",
    )


def money(source: str, help_text: str, **kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        source=source,
        max_digits=16,
        decimal_places=2,
        help_text=f"{help_text} In euro.",
        **kwargs,
    )


# --- rows of a breakdown -----------------------------------------------------------


@extend_schema_serializer(component_name="RapportageAantal")
class CountRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="Code (vast); leeg: niet vastgelegd.")
    omschrijving = serializers.CharField(source="label")
    aantal = number("count", "Aantal.")


@extend_schema_serializer(component_name="RapportageSoort")
class KindRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    omschrijving = serializers.CharField(source="label")
    gestart = number("started", "Gestart in de maand.")
    beeindigd = number("ended", "Beëindigd in de maand.")
    lopend = number("running", "Lopend aan het eind van de maand.")


@extend_schema_serializer(component_name="RapportageEindreden")
class EndReasonRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(
        help_text="Code van de eindreden; `lopend`: nog niet beëindigd."
    )
    omschrijving = serializers.CharField(source="label")
    succesvol = serializers.BooleanField(source="success")
    uitstroom_naar_werk = serializers.BooleanField(
        source="outflow_to_work", help_text="De eindreden telt als uitstroom naar werk."
    )
    aantal = number("count", "Aantal trajecten.")


@extend_schema_serializer(component_name="RapportageSector")
class SectorRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="Sectorcluster; leeg: niet vastgelegd.")
    omschrijving = serializers.CharField(source="label")
    contacten = number("contacts", "Werkgeverscontacten.")
    nieuwe_vacatures = number("new_vacancies", "Geopende vacatures.")
    vervulde_vacatures = number("filled_vacancies", "Vervulde vacatures.")
    plaatsingen = number("placements", "Gestarte plaatsingen.")


@extend_schema_serializer(component_name="RapportageTrendmaand")
class TrendMonthSerializer(serializers.Serializer[Any]):
    maand = MonthField(source="month")
    instroom = number("inflow", "Instroom in de maand.")
    uitstroom = number("outflow", "Uitstroom in de maand.")
    bestand = number("caseload", "Bestand aan het eind van de maand.")


# --- the sections -------------------------------------------------------------------


@extend_schema_serializer(component_name="RapportageBestand")
class CaseloadSerializer(serializers.Serializer[Any]):
    totaal = number("total", "Werkzoekenden in het bestand aan het eind van de maand.")
    vorige_maand = number("previous", "Hetzelfde aan het eind van de vorige maand.")
    verschil = number("change", "`totaal` min `vorigeMaand`.")
    per_uitkering = CountRowSerializer(source="by_benefit_kind", many=True)
    per_doelgroep = CountRowSerializer(source="by_target_group", many=True)
    per_trede = CountRowSerializer(
        source="by_ladder_step",
        many=True,
        help_text="Per trede van de participatieladder (laatste meting).",
    )
    per_klantmanager = CountRowSerializer(source="by_klantmanager", many=True)


@extend_schema_serializer(component_name="RapportageStromen")
class FlowsSerializer(serializers.Serializer[Any]):
    instroom = number(
        "inflow", "Werkzoekenden met hun (laatste) aanmelding in de maand."
    )
    uitstroom = number("outflow", "Uitstroom in de maand.")
    uitstroom_naar_werk = number(
        "outflow_to_work", "Uitstroom met reden werk in loondienst of als zelfstandige."
    )
    instroom_per_reden = CountRowSerializer(source="inflow_by_reason", many=True)
    uitstroom_per_reden = CountRowSerializer(source="outflow_by_reason", many=True)
    instroom_dit_jaar = number("inflow_year_to_date", "Van 1 januari tot eind maand.")
    uitstroom_dit_jaar = number("outflow_year_to_date", "Van 1 januari tot eind maand.")
    uitstroom_naar_werk_dit_jaar = number(
        "outflow_to_work_year_to_date", "Van 1 januari tot eind maand."
    )
    trend = TrendMonthSerializer(many=True, help_text="De 12 maanden tot en met deze.")


@extend_schema_serializer(component_name="RapportageIntake")
class IntakeSerializer(serializers.Serializer[Any]):
    aanmeldingen = number("registrations", "Gelijk aan `instroom`.")
    intakes_gehouden = number("intakes_held", "Intakes gehouden in de maand.")
    binnen_termijn = number("held_within_deadline", "Daarvan op of voor de termijn.")
    binnen_termijn_percentage = pct(
        "within_deadline_pct", "`binnenTermijn` / `intakesGehouden`."
    )
    open_over_termijn = number(
        "open_overdue", "Niet gehouden intakes met de termijn voor eind maand."
    )


@extend_schema_serializer(component_name="RapportageTrajecten")
class TrajectoriesSerializer(serializers.Serializer[Any]):
    gestart = number("started", "Gestart in de maand.")
    beeindigd = number("ended", "Beëindigd in de maand.")
    succesvol_beeindigd = number(
        "ended_successfully", "Beëindigd met een succesvolle reden."
    )
    succes_percentage = pct("success_pct", "`succesvolBeeindigd` / `beeindigd`.")
    lopend = number("running", "Lopend aan het eind van de maand.")
    per_soort = KindRowSerializer(source="by_kind", many=True)
    per_eindreden = EndReasonRowSerializer(source="by_end_reason", many=True)


@extend_schema_serializer(component_name="RapportagePlaatsingen")
class PlacementsSerializer(serializers.Serializer[Any]):
    gestart = number("started", "Gestart in de maand.")
    beeindigd = number("ended", "Beëindigd in de maand.")
    lopend = number("running", "Lopend aan het eind van de maand.")
    per_soort = KindRowSerializer(source="by_kind", many=True)
    op_duurzaamheidsmoment = number(
        "reaching_mark",
        "Plaatsingen waarvan het duurzaamheidsmoment (start + 6 maanden) in de "
        "maand valt.",
    )
    duurzaam = number("sustainable", "Daarvan op dat moment nog aan het werk.")
    duurzaam_percentage = pct(
        "sustainable_pct", "`duurzaam` / `opDuurzaamheidsmoment`."
    )


@extend_schema_serializer(component_name="RapportageLadderbeweging")
class LadderMovementSerializer(serializers.Serializer[Any]):
    omhoog = number("up", "Laatste trede hoger dan de trede ervoor.")
    omlaag = number("down", "Lager.")
    gelijk = number("same", "Gelijk.")
    eerste = number("first", "Eerste meting: geen trede om mee te vergelijken.")


@extend_schema_serializer(component_name="RapportageLadder")
class LadderSerializer(serializers.Serializer[Any]):
    maand = LadderMovementSerializer(source="month")
    dit_jaar = LadderMovementSerializer(source="year_to_date")


@extend_schema_serializer(component_name="RapportageWerkgevers")
class EmployersSerializer(serializers.Serializer[Any]):
    contacten = number("contacts", "Werkgeverscontacten in de maand.")
    nieuwe_vacatures = number("new_vacancies", "Vacatures geopend in de maand.")
    vervulde_vacatures = number("filled_vacancies", "Vacatures vervuld in de maand.")
    plaatsingen = number("placements", "Plaatsingen gestart in de maand.")
    per_sector = SectorRowSerializer(source="by_sector", many=True)


@extend_schema_serializer(component_name="RapportageLoonkostensubsidie")
class SubsidySerializer(serializers.Serializer[Any]):
    lopend = number(
        "running", "Plaatsingen met loonkostensubsidie aan het eind van de maand."
    )
    met_loonwaarde = number("assessed", "Daarvan met een geldige loonwaardebepaling.")
    loonwaarde_som = serializers.IntegerField(
        source="wage_value_sum",
        allow_null=True,
        help_text="Som van de loonwaarden (procenten) van `metLoonwaarde`.",
    )
    gemiddelde_loonwaarde = serializers.DecimalField(
        source="average_wage_value",
        max_digits=5,
        decimal_places=1,
        allow_null=True,
        help_text="Gemiddelde loonwaarde in procent, één decimaal; leeg zonder "
        "bepaling.",
    )
    maandbedrag = money("month_amount", "Verplichtingen van de subsidie in de maand.")


@extend_schema_serializer(component_name="RapportageBudgetstroom")
class BudgetStreamSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="Financieringsstroom.")
    omschrijving = serializers.CharField(source="label")
    budget = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        allow_null=True,
        help_text="Het budget van het jaar in euro; leeg zonder budget.",
    )
    verplicht = money("committed", "Verplichtingen van het jaar.")
    gerealiseerd = money("realised", "Realisatie van het jaar.")
    prognose = money("forecast", "Prognose van het jaar.")
    uitputting = serializers.IntegerField(
        source="exhaustion_pct",
        allow_null=True,
        help_text="Prognose als heel percentage van het budget; leeg zonder budget.",
    )
    signaal = serializers.CharField(
        source="level",
        help_text="`waarschuwing` vanaf 90 %, `alarm` vanaf 100 %, anders leeg.",
    )


@extend_schema_serializer(component_name="RapportageBesparing")
class SavingsSerializer(serializers.Serializer[Any]):
    uitstroom_naar_werk = number("outflows_to_work", "Uitstroom naar werk in de maand.")
    uit_uitkering = number("off_benefit", "Daarvan uit de uitkering.")
    besparing = money("saving", "Uitkeringsbesparing van de maand.")
    besparing_dit_jaar = money("saving_year_to_date", "Van 1 januari tot eind maand.")
    kosten_verplicht = money("cost_committed", "Verplichte kosten.")
    kosten_gerealiseerd = money("cost_realised", "Gerealiseerde kosten.")


@extend_schema_serializer(component_name="RapportageBudget")
class BudgetSerializer(serializers.Serializer[Any]):
    stromen = BudgetStreamSerializer(source="streams", many=True)
    besparing = SavingsSerializer(source="savings")


# --- a column, the month report and the evaluation -----------------------------------


@extend_schema_serializer(component_name="RapportageCijfers")
class FiguresSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="CBS-code; leeg voor het totaal.")
    naam = serializers.CharField(source="name")
    bestand_einde_maand = number(
        "caseload.total", "Werkzoekenden in het bestand aan het eind van de maand."
    )
    instroom = number("flows.inflow", "Instroom in de maand.")
    uitstroom = number("flows.outflow", "Uitstroom in de maand.")
    uitstroom_naar_werk = number(
        "flows.outflow_to_work", "Uitstroom naar werk in de maand."
    )
    bestand = CaseloadSerializer(source="caseload")
    stromen = FlowsSerializer(source="flows")
    intake = IntakeSerializer()
    trajecten = TrajectoriesSerializer(source="trajectories")
    plaatsingen = PlacementsSerializer(source="placements")
    participatieladder = LadderSerializer(source="ladder")
    werkgevers = EmployersSerializer(source="employers")
    loonkostensubsidie = SubsidySerializer(source="subsidy")
    budget = BudgetSerializer()


@extend_schema_serializer(component_name="Maandrapportage")
class MonthReportSerializer(serializers.Serializer[Any]):
    maand = MonthField(source="month")
    peildatum = serializers.DateField(
        source="as_of",
        help_text="De dag waarop de cijfers genomen zijn: de laatste dag van de "
        "maand, of vandaag in de lopende maand.",
    )
    gemeenten = FiguresSerializer(source="municipalities", many=True)
    totaal = FiguresSerializer(
        source="total",
        help_text="De gemeenten samen (de regio), berekend uit de records zelf.",
    )


@extend_schema_serializer(component_name="EvaluatieJaar")
class EvaluationYearSerializer(serializers.Serializer[Any]):
    jaar = serializers.IntegerField(
        source="year", allow_null=True, help_text="Startjaar; leeg in het totaal."
    )
    trajecten = number("trajectories", "Trajecten gestart in het jaar.")
    deelnemers = number("participants", "Verschillende werkzoekenden met zo'n traject.")
    uitstroom_naar_werk = number(
        "outflow_to_work",
        "Deelnemers met zo'n traject beëindigd met een reden die uitstroom naar "
        "werk is.",
    )
    uitstroom_percentage = pct("outflow_pct", "`uitstroomNaarWerk` / `deelnemers`.")
    eindredenen = EndReasonRowSerializer(source="end_reasons", many=True)


@extend_schema_serializer(component_name="Evaluatie")
class EvaluationSerializer(serializers.Serializer[Any]):
    soort = serializers.CharField(
        source="kind", allow_null=True, help_text="Soort traject; leeg: alle soorten."
    )
    van_jaar = serializers.IntegerField(allow_null=True, source="first_year")
    tot_jaar = serializers.IntegerField(allow_null=True, source="last_year")
    gemeenten = serializers.ListField(
        source="municipality_codes",
        child=serializers.CharField(),
        help_text="CBS-codes van de gemeenten in de evaluatie.",
    )
    jaren = EvaluationYearSerializer(
        source="years", many=True, help_text="Alleen jaren waarin trajecten startten."
    )
    totaal = EvaluationYearSerializer(
        source="total",
        help_text="Alle jaren samen: verschillende werkzoekenden over de jaren, "
        "dus niet de som van de jaren.",
    )
