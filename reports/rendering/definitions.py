"""The Dutch name and definition of every figure of the monthly report.

One place for both: the tables of the PDF, the HTML preview and the CSV/XLSX
take their row names from here, and the PDF's annex ("Bijlage: definities")
prints the definitions. The text follows docs/reports.md (the English
definitions, with the structure's field names); a test checks that every
field of the structure has a definition here and that every name used here is
a field documented there.

Keys are the structure's paths without the column: ``caseload.total``,
``flows.inflow_by_reason``; the ladder's two periods share their definitions
(``ladder.up``), a budget stream's rows too (``budget.streams.forecast``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    key: str
    label: str  # the row's name in the tables
    text: str  # the definition in the annex


@dataclass(frozen=True)
class SectionInfo:
    id: str  # anchor in the PDF and the preview
    number: int
    title: str
    definitions: tuple[Definition, ...]


def _d(key: str, label: str, text: str) -> Definition:
    return Definition(key, label, text)


SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo(
        "bestand",
        1,
        "Bestand",
        (
            _d(
                "caseload.total",
                "Bestand einde maand",
                "Klanten die op de laatste dag van de maand in het bestand zijn: "
                "ingeschreven op of vóór die dag en zonder uitstroom op of vóór die "
                "dag. Een klant in warme overdracht naar zorg blijft in het bestand.",
            ),
            _d(
                "caseload.previous",
                "Bestand einde vorige maand",
                "Hetzelfde op de laatste dag van de vorige maand.",
            ),
            _d(
                "caseload.change",
                "Verschil met vorige maand",
                "Bestand einde maand min bestand einde vorige maand.",
            ),
            _d(
                "caseload.by_benefit_kind",
                "Naar uitkering",
                "Het bestand naar soort uitkering, zoals nu in het dossier staat.",
            ),
            _d(
                "caseload.by_target_group",
                "Naar doelgroep",
                "Het bestand naar doelgroep 1 tot en met 4, zoals nu in het dossier "
                "staat; zonder doelgroep: nog niet bepaald.",
            ),
            _d(
                "caseload.by_ladder_step",
                "Naar trede participatieladder",
                "Het bestand naar de trede van de laatste meting op of vóór het "
                "einde van de maand; zonder meting: nog niet gemeten.",
            ),
            _d(
                "caseload.by_klantmanager",
                "Naar klantmanager",
                "Het bestand naar klantmanager, zoals nu in het dossier staat. "
                "Niet in de publicatieversie (namen van medewerkers).",
            ),
        ),
    ),
    SectionInfo(
        "instroom-uitstroom",
        2,
        "Instroom en uitstroom",
        (
            _d(
                "flows.inflow",
                "Instroom",
                "Klanten van wie de (laatste) inschrijfdatum in de maand valt.",
            ),
            _d(
                "flows.outflow",
                "Uitstroom",
                "Uitstroomregistraties met een datum in de maand, ook van eerdere "
                "inschrijvingen van dezelfde klant.",
            ),
            _d(
                "flows.outflow_to_work",
                "Uitstroom naar werk",
                "Uitstroom met als reden werk in loondienst of werk als zelfstandige.",
            ),
            _d(
                "flows.inflow_year_to_date",
                "Instroom dit jaar",
                "De instroom van 1 januari tot en met het einde van de maand.",
            ),
            _d(
                "flows.outflow_year_to_date",
                "Uitstroom dit jaar",
                "De uitstroom van 1 januari tot en met het einde van de maand.",
            ),
            _d(
                "flows.outflow_to_work_year_to_date",
                "Uitstroom naar werk dit jaar",
                "De uitstroom naar werk van 1 januari tot en met het einde van de maand.",
            ),
            _d(
                "flows.inflow_by_reason",
                "Instroom naar reden",
                "De instroom van de maand naar reden van instroom.",
            ),
            _d(
                "flows.outflow_by_reason",
                "Uitstroom naar reden",
                "De uitstroom van de maand naar reden van uitstroom.",
            ),
            _d(
                "flows.trend",
                "Verloop over twaalf maanden",
                "De twaalf maanden tot en met deze maand: per maand de instroom, de "
                "uitstroom en het bestand aan het einde van die maand.",
            ),
        ),
    ),
    SectionInfo(
        "intake",
        3,
        "Tijdigheid intake",
        (
            _d(
                "intake.registrations",
                "Aanmeldingen",
                "Gelijk aan de instroom van de maand.",
            ),
            _d(
                "intake.intakes_held",
                "Intakes gehouden",
                "Intakes gehouden in de maand.",
            ),
            _d(
                "intake.held_within_deadline",
                "Binnen de termijn",
                "Van de gehouden intakes: gehouden op of vóór de uiterste datum.",
            ),
            _d(
                "intake.within_deadline_pct",
                "Binnen de termijn (%)",
                "Binnen de termijn gedeeld door intakes gehouden.",
            ),
            _d(
                "intake.open_overdue",
                "Open en te laat",
                "Intakes die aan het einde van de maand niet gehouden waren en "
                "waarvan de uiterste datum ervóór lag, van klanten die toen in het "
                "bestand waren (huidige inschrijving).",
            ),
        ),
    ),
    SectionInfo(
        "trajecten",
        4,
        "Trajecten",
        (
            _d(
                "trajectories.started",
                "Gestart",
                "Trajecten met een startdatum in de maand.",
            ),
            _d(
                "trajectories.ended",
                "Beëindigd",
                "Trajecten met een einddatum in de maand.",
            ),
            _d(
                "trajectories.ended_successfully",
                "Succesvol beëindigd",
                "Beëindigd met een reden die als succesvol is gemarkeerd.",
            ),
            _d(
                "trajectories.success_pct",
                "Succesvol (%)",
                "Succesvol beëindigd gedeeld door beëindigd.",
            ),
            _d(
                "trajectories.running",
                "Lopend einde maand",
                "Gestart op of vóór het einde van de maand en niet eerder beëindigd.",
            ),
            _d(
                "trajectories.by_kind",
                "Naar soort traject",
                "Gestart, beëindigd en lopend per soort traject.",
            ),
            _d(
                "trajectories.by_end_reason",
                "Naar reden beëindiging",
                "De in de maand beëindigde trajecten per reden; (s) = de reden telt "
                "als succesvol, (w) = de reden telt als uitstroom naar werk.",
            ),
        ),
    ),
    SectionInfo(
        "plaatsingen",
        5,
        "Plaatsingen",
        (
            _d(
                "placements.started",
                "Gestart",
                "Plaatsingen met een startdatum in de maand.",
            ),
            _d(
                "placements.ended",
                "Beëindigd",
                "Plaatsingen met een einddatum in de maand.",
            ),
            _d(
                "placements.running",
                "Lopend einde maand",
                "Gestart op of vóór het einde van de maand en niet eerder beëindigd.",
            ),
            _d(
                "placements.by_kind",
                "Naar soort plaatsing",
                "Gestart, beëindigd en lopend per soort plaatsing.",
            ),
            _d(
                "placements.reaching_mark",
                "Op duurzaamheidsmoment",
                "Plaatsingen waarvan het duurzaamheidsmoment (de startdatum plus "
                "zes maanden; 31 augustus wordt 28 of 29 februari) in de maand valt, "
                "tot en met de peildatum.",
            ),
            _d(
                "placements.sustainable",
                "Duurzaam",
                "Daarvan op het duurzaamheidsmoment nog aan het werk (niet "
                "beëindigd, of beëindigd op of na dat moment).",
            ),
            _d(
                "placements.sustainable_pct",
                "Duurzaam (%)",
                "Duurzaam gedeeld door op duurzaamheidsmoment.",
            ),
        ),
    ),
    SectionInfo(
        "participatieladder",
        6,
        "Participatieladder",
        (
            _d(
                "ladder.up",
                "Gestegen",
                "Klanten gemeten in de periode (de maand, of 1 januari tot en met het "
                "einde van de maand) van wie de laatste meting in de periode hoger is "
                "dan de laatste meting ervóór.",
            ),
            _d("ladder.down", "Gedaald", "Idem, lager dan de meting ervóór."),
            _d("ladder.same", "Gelijk gebleven", "Idem, gelijk aan de meting ervóór."),
            _d(
                "ladder.first",
                "Eerste meting",
                "Klanten gemeten in de periode zonder eerdere meting.",
            ),
        ),
    ),
    SectionInfo(
        "werkgevers",
        7,
        "Werkgevers",
        (
            _d(
                "employers.contacts",
                "Werkgeverscontacten",
                "Contacten met werkgevers met een datum in de maand, bij de "
                "gemeente van de vestiging van de werkgever.",
            ),
            _d(
                "employers.new_vacancies",
                "Nieuwe vacatures",
                "Vacatures met een openingsdatum in de maand.",
            ),
            _d(
                "employers.filled_vacancies",
                "Vervulde vacatures",
                "Vacatures die in de maand de status vervuld kregen.",
            ),
            _d(
                "employers.placements",
                "Plaatsingen gestart",
                "Plaatsingen gestart in de maand, bij de gemeente van de klant.",
            ),
            _d(
                "employers.by_sector",
                "Naar sector",
                "De vier cijfers per sector: de sector van de werkgever voor "
                "contacten en plaatsingen, die van de vacature zelf voor vacatures.",
            ),
        ),
    ),
    SectionInfo(
        "loonkostensubsidie",
        8,
        "Loonkostensubsidie",
        (
            _d(
                "subsidy.running",
                "Lopende plaatsingen",
                "Plaatsingen met loonkostensubsidie die aan het einde van de maand "
                "lopen.",
            ),
            _d(
                "subsidy.assessed",
                "Met geldige loonwaarde",
                "Daarvan met een loonwaardebepaling die op die dag geldig is.",
            ),
            _d(
                "subsidy.average_wage_value",
                "Gemiddelde loonwaarde (%)",
                "Het gemiddelde van de laatste geldige loonwaarde van elke plaatsing "
                "met een geldige loonwaarde, op één decimaal.",
            ),
            _d(
                "subsidy.month_amount",
                "Subsidie deze maand",
                "De verplichtingen van de subsidieplaatsingen voor de maand.",
            ),
        ),
    ),
    SectionInfo(
        "budget",
        9,
        "Budget en besparing",
        (
            _d(
                "budget.streams.budget",
                "Budget",
                "Het budget van het jaar voor de geldstroom; leeg als er geen is.",
            ),
            _d(
                "budget.streams.committed",
                "Verplicht",
                "De verplichtingen van het jaar.",
            ),
            _d(
                "budget.streams.realised",
                "Gerealiseerd",
                "De realisatie van het jaar tot nu toe.",
            ),
            _d(
                "budget.streams.forecast",
                "Prognose",
                "De realisatie van de afgesloten maanden plus de verplichtingen van "
                "de lopende maand tot en met december.",
            ),
            _d(
                "budget.streams.exhaustion_pct",
                "Uitputting (%)",
                "Prognose gedeeld door budget.",
            ),
            _d(
                "budget.streams.level",
                "Signaal",
                "Waarschuwing vanaf 90 % uitputting, alarm vanaf 100 %.",
            ),
            _d(
                "budget.savings.outflows_to_work",
                "Uitstroom naar werk",
                "Uitstroom naar werk in de maand (de basis van de besparing).",
            ),
            _d(
                "budget.savings.off_benefit",
                "Uit de uitkering",
                "Mensen die in de maand uit de uitkering zijn door uitstroom naar "
                "werk eerder in hetzelfde jaar (vanaf de maand na de uitstroom).",
            ),
            _d(
                "budget.savings.saving",
                "Besparing deze maand",
                "Uit de uitkering maal de gemiddelde uitkering per maand van de "
                "gemeente; zonder vastgestelde gemiddelde uitkering geen schatting.",
            ),
            _d(
                "budget.savings.saving_year_to_date",
                "Besparing dit jaar",
                "De besparing van januari tot en met de maand.",
            ),
            _d(
                "budget.savings.cost_committed",
                "Kosten re-integratie verplicht",
                "De verplichtingen van alle geldstromen voor de maand.",
            ),
            _d(
                "budget.savings.cost_realised",
                "Kosten re-integratie gerealiseerd",
                "De realisatie van alle geldstromen in de maand.",
            ),
        ),
    ),
)

DEFINITIONS: dict[str, Definition] = {
    d.key: d for section in SECTIONS for d in section.definitions
}
SECTION_BY_ID: dict[str, SectionInfo] = {s.id: s for s in SECTIONS}

GENERAL: tuple[str, ...] = (
    "Dagen zijn kalenderdagen in Nederland (Europe/Amsterdam). De cijfers gaan "
    "over de laatste dag van de maand (de peildatum); voor de lopende maand over "
    "vandaag.",
    "Percentages zijn hele getallen, half naar boven afgerond, berekend uit de "
    "aantallen; een gemiddelde heeft één decimaal. Een streepje (–) betekent: "
    "niet te berekenen (niets om door te delen) of niet getoond.",
    "Het totaal van de regio is berekend uit de gegevens zelf, niet door de "
    "afgeronde of gepubliceerde cijfers van de gemeenten op te tellen.",
    "Een klant, traject of plaatsing hoort bij de gemeente van de klant; "
    "werkgeverscontacten en vacatures bij de gemeente van de vestiging van de "
    "werkgever.",
    "In de publicatieversie staat elk aantal onder de 5 (ook 0) als <5, en is "
    "een percentage, gemiddelde of verschil dat uit zo'n aantal volgt niet "
    "getoond. Bedragen blijven staan.",
)


def label(key: str) -> str:
    return DEFINITIONS[key].label
