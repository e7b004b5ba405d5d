"""Wage-cost subsidy (loonkostensubsidie) per month, per domain guide §7.

    wml_month  = WML per hour × contract hours per week × 52 / 12
    base       = wml_month × (1 + holiday allowance %)
    gap        = base × (100 − loonwaarde) / 100
    gap_capped = min(gap, base × cap % / 100)
    lks_month  = gap_capped × (1 + employer-costs allowance %)
    amount     = lks_month × days covered / days in the month, rounded half up to cents

Parameters are those valid on the first day of the month; the assessment is
the one valid on the first day the placement covers in that month. Decimal
throughout; only the final amount is rounded. ``subsidies_for`` computes any
number of placements × months with three queries.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from trajectories.models import Placement, SubsidyParameter, WageValueAssessment

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Line:
    """One line of the calculation as shown to a person: label, formula, value."""

    label: str
    formula: str
    value: Decimal


@dataclass(frozen=True)
class Steps:
    """The inputs and every intermediate value of one month's calculation."""

    wml_per_hour: Decimal
    hours_per_week: Decimal
    wage_value: int
    holiday_allowance_pct: Decimal
    cap_pct: Decimal
    employer_costs_pct: Decimal
    days_covered: int
    days_in_month: int
    wml_month: Decimal
    base: Decimal
    gap: Decimal
    cap: Decimal
    gap_capped: Decimal
    lks_month: Decimal
    pro_rata: Decimal
    amount: Decimal


@dataclass(frozen=True)
class MonthSubsidy:
    """The subsidy of one placement for one month.

    ``amount`` is None when the month cannot be paid, with ``reason`` saying
    why (no valid assessment, no parameters); 0.00 when the placement does not
    run in that month. ``lines`` explains the amount, built only when read.
    """

    month: date
    amount: Decimal | None
    days_covered: int
    days_in_month: int
    reason: str = ""
    parameters: SubsidyParameter | None = None
    assessment: WageValueAssessment | None = None
    steps: Steps | None = None

    @property
    def lines(self) -> list[Line]:
        return lines_of(self.steps) if self.steps is not None else []


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_between(first: date, last: date) -> list[date]:
    """First days of every month from ``first``'s month to ``last``'s, inclusive."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def covered_days(
    start: date, end: date | None, month: date
) -> tuple[date, date] | None:
    """The first and last day of ``month`` a period from ``start`` to ``end`` covers."""
    first = max(start, month_start(month))
    last = month_end(month) if end is None else min(end, month_end(month))
    return (first, last) if first <= last else None


def compute(
    *,
    wml_per_hour: Decimal,
    hours_per_week: Decimal,
    wage_value: int,
    holiday_allowance_pct: Decimal,
    cap_pct: Decimal,
    employer_costs_pct: Decimal,
    days_covered: int,
    days_in_month: int,
) -> Steps:
    """Every value of the formula for one month; only the amount is rounded."""
    wml = Decimal(wml_per_hour)
    hours = Decimal(hours_per_week)
    wml_month = wml * hours * 52 / 12
    base = wml_month * (1 + Decimal(holiday_allowance_pct) / HUNDRED)
    gap = base * (HUNDRED - wage_value) / HUNDRED
    cap = base * Decimal(cap_pct) / HUNDRED
    gap_capped = min(gap, cap)
    lks_month = gap_capped * (1 + Decimal(employer_costs_pct) / HUNDRED)
    pro_rata = lks_month * days_covered / days_in_month
    return Steps(
        wml,
        hours,
        wage_value,
        Decimal(holiday_allowance_pct),
        Decimal(cap_pct),
        Decimal(employer_costs_pct),
        days_covered,
        days_in_month,
        wml_month,
        base,
        gap,
        cap,
        gap_capped,
        lks_month,
        pro_rata,
        pro_rata.quantize(CENT, rounding=ROUND_HALF_UP),
    )


def lines_of(s: Steps) -> list[Line]:
    """Each line of the formula with its value, as shown to a person."""
    return [
        Line(
            _("WML per maand"),
            f"{s.wml_per_hour} × {s.hours_per_week} uur × 52 / 12",
            s.wml_month,
        ),
        Line(
            _("Grondslag met vakantiegeld"),
            f"WML per maand × (1 + {s.holiday_allowance_pct}%)",
            s.base,
        ),
        Line(
            _("Verschil met loonwaarde"),
            f"grondslag × (100 − {s.wage_value}) / 100",
            s.gap,
        ),
        Line(_("Maximum"), f"grondslag × {s.cap_pct} / 100", s.cap),
        Line(
            _("Verschil, begrensd"),
            _("laagste van verschil en maximum"),
            s.gap_capped,
        ),
        Line(
            _("Loonkostensubsidie per maand"),
            f"begrensd verschil × (1 + {s.employer_costs_pct}%)",
            s.lks_month,
        ),
        Line(
            _("Naar rato van de dagen"),
            f"× {s.days_covered} / {s.days_in_month} dagen",
            s.pro_rata,
        ),
        Line(_("Bedrag (afgerond op centen)"), _("half naar boven"), s.amount),
    ]


def calculate(**inputs: Any) -> tuple[Decimal, list[Line]]:
    """The amount for one month, and each line of the formula with its value."""
    steps = compute(**inputs)
    return steps.amount, lines_of(steps)


class ParameterTable:
    """The parameter rows, read once, looked up per day without a query."""

    def __init__(self, rows: Iterable[SubsidyParameter]) -> None:
        self.rows = sorted(rows, key=lambda r: r.valid_from, reverse=True)

    @classmethod
    def load(cls) -> ParameterTable:
        return cls(SubsidyParameter.objects.all())

    def valid_on(self, day: date) -> SubsidyParameter | None:
        for row in self.rows:
            if row.valid_from <= day:
                return row
        return None


def valid_assessment(
    assessments: Sequence[WageValueAssessment], day: date
) -> WageValueAssessment | None:
    """The most recent assessment valid on ``day``."""
    valid = [a for a in assessments if a.is_valid_on(day)]
    return max(valid, key=lambda a: (a.assessed_on, a.pk), default=None)


def month_subsidy(
    placement: Placement,
    month: date,
    *,
    parameters: ParameterTable,
    assessments: Sequence[WageValueAssessment],
) -> MonthSubsidy:
    """The subsidy of ``placement`` for ``month`` (any day in it)."""
    month = month_start(month)
    days_in_month = calendar.monthrange(month.year, month.month)[1]
    covered = covered_days(placement.start_date, placement.end_date, month)
    if covered is None:
        return MonthSubsidy(month, Decimal("0.00"), 0, days_in_month)
    days = (covered[1] - covered[0]).days + 1
    if not placement.wage_cost_subsidy:
        return MonthSubsidy(
            month,
            None,
            days,
            days_in_month,
            reason=_("Deze plaatsing heeft geen loonkostensubsidie."),
        )
    params = parameters.valid_on(month)
    if params is None:
        return MonthSubsidy(
            month,
            None,
            days,
            days_in_month,
            reason=_("Er zijn geen parameters (WML) voor %(month)s.")
            % {"month": f"{month:%m-%Y}"},
        )
    assessment = valid_assessment(assessments, covered[0])
    if assessment is None:
        return MonthSubsidy(
            month,
            None,
            days,
            days_in_month,
            reason=_(
                "Geen geldige loonwaardebepaling op %(day)s: zonder geldige "
                "(niet verlopen) bepaling is er geen subsidie."
            )
            % {"day": f"{covered[0]:%d-%m-%Y}"},
            parameters=params,
        )
    steps = compute(
        wml_per_hour=params.wml_per_hour,
        hours_per_week=placement.hours_per_week,
        wage_value=assessment.wage_value,
        holiday_allowance_pct=params.holiday_allowance_pct,
        cap_pct=params.cap_pct,
        employer_costs_pct=params.employer_costs_pct,
        days_covered=days,
        days_in_month=days_in_month,
    )
    return MonthSubsidy(
        month, steps.amount, days, days_in_month, "", params, assessment, steps
    )


def placement_subsidy(
    placement: Placement, first_month: date, last_month: date
) -> list[MonthSubsidy]:
    """One row per month from ``first_month`` to ``last_month`` (two queries)."""
    parameters = ParameterTable.load()
    assessments = list(WageValueAssessment.objects.filter(placement=placement))
    return [
        month_subsidy(placement, m, parameters=parameters, assessments=assessments)
        for m in months_between(first_month, last_month)
    ]


def subsidies_for(
    placements: QuerySet[Placement] | Iterable[Placement],
    first_month: date,
    last_month: date,
) -> dict[int, list[MonthSubsidy]]:
    """Every placement × every month, with three queries whatever the numbers."""
    parameters = ParameterTable.load()
    rows: list[Any] = list(placements)
    by_placement: dict[int, list[WageValueAssessment]] = defaultdict(list)
    for a in WageValueAssessment.objects.filter(
        placement_id__in=[p.pk for p in rows]
    ).order_by():
        by_placement[a.placement_id].append(a)
    months = months_between(first_month, last_month)
    return {
        p.pk: [
            month_subsidy(p, m, parameters=parameters, assessments=by_placement[p.pk])
            for m in months
        ]
        for p in rows
    }
