"""Monthly reports built by hand for the rendering tests (no database needed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reports.figures.types import (
    BudgetStream,
    CountRow,
    EndReasonRow,
    Figures,
    KindRow,
    MonthReport,
    SectorRow,
    TrendMonth,
)

MONTH = date(2026, 10, 1)
AS_OF = date(2026, 10, 31)


def column(code: str, name: str, scale: int) -> Figures:
    """A column whose figures grow with ``scale`` (1, 2, 3; the total 6)."""
    f = Figures(code, name)
    f.caseload.total = 1234 * scale
    f.caseload.previous = 1230 * scale
    f.caseload.change = 4 * scale
    f.caseload.by_benefit_kind = [
        CountRow("PW", "Participatiewet", 1000 * scale),
        CountRow("", "Geen uitkering", 234 * scale),
    ]
    f.caseload.by_target_group = [CountRow("1", "1 - Zelfredzaam", 3)]
    f.caseload.by_ladder_step = [CountRow("2", "2 - Sociale contacten", 1234 * scale)]
    f.caseload.by_klantmanager = [CountRow("jvries", "Jan de Vries", 2 * scale)]
    f.flows.inflow = 40 * scale
    f.flows.outflow = 3
    f.flows.outflow_to_work = 2
    f.flows.inflow_year_to_date = 400 * scale
    f.flows.trend = [
        TrendMonth(date(2025 + (m > 12), (m - 1) % 12 + 1, 1), 30 + m, 20 + m, 1200 + m)
        for m in range(11, 23)
    ]
    f.intake.registrations = 40 * scale
    f.intake.intakes_held = 30
    f.intake.held_within_deadline = 25
    f.intake.within_deadline_pct = 83
    f.trajectories.started = 12
    f.trajectories.by_kind = [KindRow("re-integratie", "Re-integratie", 12, 6, 80)]
    f.trajectories.by_end_reason = [
        EndReasonRow("werk", "Plaatsing regulier werk", True, True, 6)
    ]
    f.placements.by_kind = [KindRow("stage", "Stage", 2, 1, 9)]
    f.ladder.month.up = 7
    f.employers.contacts = 55
    f.employers.by_sector = [SectorRow("zorg", "Zorg & welzijn", 20, 4, 2, 1)]
    f.subsidy.running = 10
    f.subsidy.assessed = 8
    f.subsidy.average_wage_value = Decimal("52.5")
    f.subsidy.month_amount = Decimal("1234.56") * scale
    f.budget.streams = [
        BudgetStream(
            "re-integratie",
            "Participatiebudget",
            Decimal("500000.00") * scale,
            Decimal("300000.00") * scale,
            Decimal("250000.00") * scale,
            Decimal("460000.00") * scale,
            92,
            "waarschuwing",
        )
    ]
    f.budget.savings.saving = Decimal("12345.67") * scale
    return f


def region_report() -> MonthReport:
    return MonthReport(
        MONTH,
        AS_OF,
        [
            column("0375", "Beverwijk", 1),
            column("0396", "Heemskerk", 2),
            column("0453", "Velsen", 3),
        ],
        column("", "Totaal", 6),
    )


def municipality_report() -> MonthReport:
    return MonthReport(
        MONTH, AS_OF, [column("0453", "Velsen", 1)], column("", "Totaal", 1)
    )
