"""Wage-cost subsidy placements, budget per stream and benefit savings.

The subsidy: running placements with subsidy and their valid wage value at
the month's end (one query), the month's amount from the budgets'
commitments (one query, the amounts ``budgets.commitments`` derived with
``trajectories.subsidy``). Budgets and savings reuse ``budgets.selectors``
with the month's last day as "today" (four and five queries).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from budgets.models import Commitment
from budgets.selectors import benefit_savings, figures
from reports.figures.common import TOTAL, Period, average, columns
from reports.figures.types import Budget, BudgetStream, Subsidy
from trajectories.models import FundingStream, Placement, WageValueAssessment

ZERO = Decimal("0.00")
WARNING, ALARM = 90, 100


def subsidy(ids: list[int], period: Period) -> dict[int, Subsidy]:
    day = period.as_of
    wage_value = Subquery(
        WageValueAssessment.objects.filter(
            placement_id=OuterRef("pk"), assessed_on__lte=day, next_due_date__gte=day
        )
        .order_by("-assessed_on", "-pk")
        .values("wage_value")[:1]
    )
    rows = (
        Placement.objects.filter(
            client__municipality_id__in=ids, wage_cost_subsidy=True
        )
        .filter(start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .annotate(wage_value=wage_value)
        .order_by()
        .values(m=F("client__municipality_id"))
        .annotate(
            running=Count("pk"),
            assessed=Count("wage_value"),
            wage_value_sum=Coalesce(Sum("wage_value"), 0),
        )
    )
    result = columns(ids, Subsidy)
    for row in rows:
        for pk in (row["m"], TOTAL):
            for name in ("running", "assessed", "wage_value_sum"):
                setattr(result[pk], name, getattr(result[pk], name) + row[name])
    amounts = (
        Commitment.objects.filter(
            municipality_id__in=ids,
            year=period.start.year,
            month=period.start.month,
            placement__isnull=False,
        )
        .order_by()
        .values("municipality_id")
        .annotate(
            total=Coalesce(
                Sum("amount"),
                Value(ZERO),
                output_field=DecimalField(max_digits=16, decimal_places=2),
            )
        )
    )
    for row in amounts:
        for pk in (row["municipality_id"], TOTAL):
            result[pk].month_amount += row["total"]
    for item in result.values():
        item.average_wage_value = average(item.wage_value_sum, item.assessed)
    return result


@dataclass
class _Stream:
    budget: Decimal | None = None
    committed: Decimal = ZERO
    realised: Decimal = ZERO
    forecast: Decimal = ZERO

    def add(self, other: _Stream) -> None:
        if other.budget is not None:
            self.budget = (self.budget or ZERO) + other.budget
        self.committed += other.committed
        self.realised += other.realised
        self.forecast += other.forecast


@dataclass
class _Ids:
    """The principal the budgets' selectors ask for: these municipalities, no role gate.

    The report's municipalities are already narrowed to what the person may
    see (``reports.figures.served``) or chosen by the system's own job.
    """

    municipality_ids: frozenset[int] = field(default_factory=frozenset)


def _stream(code: str, stream: _Stream) -> BudgetStream:
    exhaustion = None
    if stream.budget:
        ratio = stream.forecast * 100 / stream.budget
        exhaustion = int(ratio.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    level = ""
    if exhaustion is not None and stream.budget:
        if stream.forecast >= stream.budget * ALARM / 100:
            level = "alarm"
        elif stream.forecast >= stream.budget * WARNING / 100:
            level = "waarschuwing"
    return BudgetStream(
        code,
        str(FundingStream(code).label),
        stream.budget,
        stream.committed,
        stream.realised,
        stream.forecast,
        exhaustion,
        level,
    )


def budget(ids: list[int], period: Period) -> dict[int, Budget]:
    year, today = period.start.year, period.end
    streams = {
        pk: {code: _Stream() for code in FundingStream.values} for pk in [*ids, TOTAL]
    }
    for row in figures(ids, year=year, today=today):
        part = _Stream(row.budget, row.committed, row.realised, row.forecast)
        streams[row.municipality_id][row.funding_stream].add(part)
        streams[TOTAL][row.funding_stream].add(part)
    result = columns(ids, Budget)
    for pk, by_code in streams.items():
        result[pk].streams = [_stream(code, s) for code, s in by_code.items()]
    savings = benefit_savings(_Ids(frozenset(ids)), year=year, today=today)
    for pk, months in savings.items():
        month = next((m for m in months if m.month == period.start.month), None)
        if month is None:
            continue
        for target in (result[pk].savings, result[TOTAL].savings):
            target.outflows_to_work += month.outflows
            target.off_benefit += month.off_benefit
            target.saving += month.saving
            target.saving_year_to_date += month.saving_to_date
            target.cost_committed += month.cost_committed
            target.cost_realised += month.cost_realised
    return result
