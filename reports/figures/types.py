"""The report's data: plain dataclasses every rendering reads (docs/reports.md).

One ``MonthReport`` holds a column of figures per municipality and one for
their total; an ``Evaluation`` holds the yearly evaluation table. Keys are
snake_case English; ``to_dict()`` gives plain dicts and lists (dates and
Decimals kept, as ``DjangoJSONEncoder`` writes them) for the API, CSV and
XLSX. The API's Dutch names map one to one (docs/reports.md, "Data shape").

Field metadata drives the publication form (``reports.figures.publication``):
``count()`` marks a count of people or records (suppressed under 5), and
``derived(...)`` a figure computed from counts (a percentage, an average, a
difference), hidden when one of the counts it is based on is under 5.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


def count() -> Any:
    """A count of people or records: "<5" in the publication form when under 5."""
    return field(default=0, metadata={"count": True})


def derived(*of: str, default: Any = None) -> Any:
    """A figure computed from the counts ``of`` (same object); hidden when one is < 5."""
    return field(default=default, metadata={"of": of})


@dataclass
class CountRow:
    """One line of a breakdown: a code (stable), its label, and how many."""

    code: str
    label: str
    count: int = count()


@dataclass
class Caseload:
    """Clients in the caseload (bestand) at the end of the month."""

    total: int = count()
    previous: int = count()  # at the end of the previous month
    change: int = derived("total", "previous", default=0)
    by_benefit_kind: list[CountRow] = field(default_factory=list)
    by_target_group: list[CountRow] = field(default_factory=list)
    by_ladder_step: list[CountRow] = field(default_factory=list)
    by_klantmanager: list[CountRow] = field(default_factory=list)


@dataclass
class TrendMonth:
    """One month of the 12-month trend (the chart's data)."""

    month: date  # first day of the month
    inflow: int = count()
    outflow: int = count()
    caseload: int = count()  # at the month's end


@dataclass
class Flows:
    """Inflow (instroom) and outflow (uitstroom) in the month and year to date."""

    inflow: int = count()
    outflow: int = count()
    outflow_to_work: int = count()
    inflow_by_reason: list[CountRow] = field(default_factory=list)
    outflow_by_reason: list[CountRow] = field(default_factory=list)
    inflow_year_to_date: int = count()
    outflow_year_to_date: int = count()
    outflow_to_work_year_to_date: int = count()
    trend: list[TrendMonth] = field(default_factory=list)


@dataclass
class IntakeTimeliness:
    registrations: int = count()
    intakes_held: int = count()
    held_within_deadline: int = count()
    within_deadline_pct: int | None = derived("intakes_held", "held_within_deadline")
    open_overdue: int = count()  # at the month's end


@dataclass
class KindRow:
    """Trajectories of one kind: started and ended in the month, running at its end."""

    code: str
    label: str
    started: int = count()
    ended: int = count()
    running: int = count()


@dataclass
class EndReasonRow:
    code: str
    label: str
    success: bool
    outflow_to_work: bool
    count: int = count()


@dataclass
class Trajectories:
    started: int = count()
    ended: int = count()
    ended_successfully: int = count()
    success_pct: int | None = derived("ended", "ended_successfully")
    running: int = count()
    by_kind: list[KindRow] = field(default_factory=list)
    by_end_reason: list[EndReasonRow] = field(default_factory=list)


@dataclass
class Placements:
    started: int = count()
    ended: int = count()
    running: int = count()
    by_kind: list[KindRow] = field(default_factory=list)
    # Placements whose sustainability mark (start + SUSTAINABLE_OUTFLOW_MONTHS)
    # falls in the month, and those of them still working on that day.
    reaching_mark: int = count()
    sustainable: int = count()
    sustainable_pct: int | None = derived("reaching_mark", "sustainable")


@dataclass
class LadderMovement:
    """Clients measured in the period, last step against the step before it."""

    up: int = count()
    down: int = count()
    same: int = count()
    first: int = count()  # first measurement ever: no step to compare with


@dataclass
class Ladder:
    month: LadderMovement = field(default_factory=LadderMovement)
    year_to_date: LadderMovement = field(default_factory=LadderMovement)


@dataclass
class SectorRow:
    code: str
    label: str
    contacts: int = count()
    new_vacancies: int = count()
    filled_vacancies: int = count()
    placements: int = count()


@dataclass
class Employers:
    contacts: int = count()
    new_vacancies: int = count()
    filled_vacancies: int = count()
    placements: int = count()
    by_sector: list[SectorRow] = field(default_factory=list)


@dataclass
class Subsidy:
    """Wage-cost subsidy (loonkostensubsidie) placements at the month's end."""

    running: int = count()
    assessed: int = count()  # of which with a valid wage-value assessment
    wage_value_sum: int = derived("assessed", default=0)
    average_wage_value: Decimal | None = derived("assessed")
    month_amount: Decimal = Decimal("0.00")  # the month's commitments


@dataclass
class BudgetStream:
    code: str  # FundingStream value
    label: str
    budget: Decimal | None = None
    committed: Decimal = Decimal("0.00")
    realised: Decimal = Decimal("0.00")
    forecast: Decimal = Decimal("0.00")
    exhaustion_pct: int | None = None
    level: str = ""  # "", "waarschuwing", "alarm"


@dataclass
class Savings:
    """Benefit savings of the month (budgets.selectors.benefit_savings)."""

    outflows_to_work: int = count()
    off_benefit: int = count()
    saving: Decimal = Decimal("0.00")
    saving_year_to_date: Decimal = Decimal("0.00")
    cost_committed: Decimal = Decimal("0.00")
    cost_realised: Decimal = Decimal("0.00")


@dataclass
class Budget:
    streams: list[BudgetStream] = field(default_factory=list)
    savings: Savings = field(default_factory=Savings)


@dataclass
class Figures:
    """Every figure of one column: a municipality, or the total of the report."""

    code: str  # CBS code; "" for the total
    name: str
    caseload: Caseload = field(default_factory=Caseload)
    flows: Flows = field(default_factory=Flows)
    intake: IntakeTimeliness = field(default_factory=IntakeTimeliness)
    trajectories: Trajectories = field(default_factory=Trajectories)
    placements: Placements = field(default_factory=Placements)
    ladder: Ladder = field(default_factory=Ladder)
    employers: Employers = field(default_factory=Employers)
    subsidy: Subsidy = field(default_factory=Subsidy)
    budget: Budget = field(default_factory=Budget)


@dataclass
class MonthReport:
    month: date  # first day of the month
    as_of: date  # the month's last day, or today for the running month
    municipalities: list[Figures]
    total: Figures
    publication: bool = False  # counts under 5 shown as "<5"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EvaluationYear:
    """Trajectories that started in ``year`` (None: all years together)."""

    year: int | None
    trajectories: int = count()
    participants: int = count()  # distinct clients
    outflow_to_work: int = count()  # distinct clients
    outflow_pct: int | None = derived("participants", "outflow_to_work")
    end_reasons: list[EndReasonRow] = field(default_factory=list)


@dataclass
class Evaluation:
    kind: str | None  # TrajectoryKind value, or None for every kind
    years: list[EvaluationYear]
    total: EvaluationYear
    municipality_codes: list[str] = field(default_factory=list)
    publication: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
