"""Reads of the budgets app: overview, months, drill-down and benefit savings.

Every figure is a SUM ... GROUP BY in the database, so each selector costs a
fixed number of queries whatever the number of deployments, placements or
bookings. The rules (docs/budgets.md):

- committed = all commitments of the year;
- realised = all realisation of the year booked so far;
- forecast = realisation of the closed months + commitments from the current
  month to December. For a past year every month is closed (the forecast is
  the realisation); for a future year none is (the forecast is the
  commitment). The current month counts as not yet closed, so spending booked
  in it does not count twice next to that month's commitment;
- exhaustion (uitputting) = forecast / budget (None without a budget > 0).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone

from budgets.models import (
    BUDGET_ROLES,
    BenefitParameter,
    Budget,
    Commitment,
    Realisation,
)
from clients.models import Outflow
from ijmondwerkt import scoping
from ijmondwerkt.accounts.models import Municipality
from trajectories.models.choices import FundingStream

ZERO = Decimal("0.00")
# Outflow reasons that mean the client went to work (clients' OutflowReason codes).
OUTFLOW_TO_WORK_CODES = ("werk-loondienst", "werk-zelfstandige")
WARNING = Decimal("0.90")
ALARM = Decimal("1.00")


def _sum(expression: str, **filters: Any) -> Coalesce:
    return Coalesce(
        Sum(expression, filter=Q(**filters) if filters else None),
        Value(ZERO),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )


def cutoff_month(year: int, today: date) -> int:
    """The first month not yet closed: 13 for a past year, 1 for a future one."""
    if year < today.year:
        return 13
    if year > today.year:
        return 1
    return today.month


@dataclass
class StreamFigures:
    """One municipality's figures for one funding stream and year."""

    municipality_id: int
    municipality_name: str
    cbs_code: str
    funding_stream: str
    year: int
    budget: Decimal | None = None
    budget_id: int | None = None
    committed: Decimal = ZERO
    committed_rest: Decimal = ZERO
    realised: Decimal = ZERO
    realised_closed: Decimal = ZERO

    @property
    def stream_label(self) -> str:
        return str(FundingStream(self.funding_stream).label)

    @property
    def forecast(self) -> Decimal:
        return self.realised_closed + self.committed_rest

    @property
    def exhaustion(self) -> Decimal | None:
        """Forecast / budget as a fraction (0.93 = 93 %), None without a budget."""
        if not self.budget:
            return None
        return self.forecast / self.budget

    @property
    def exhaustion_pct(self) -> Decimal | None:
        ratio = self.exhaustion
        if ratio is None:
            return None
        return (ratio * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def level(self) -> str:
        """ "alarm" at 100 % or more, "waarschuwing" from 90 %, else ""."""
        ratio = self.exhaustion
        if ratio is None:
            return ""
        if ratio >= ALARM:
            return "alarm"
        if ratio >= WARNING:
            return "waarschuwing"
        return ""

    @property
    def has_figures(self) -> bool:
        return bool(self.budget is not None or self.committed or self.realised)


def served(principal: Any, municipalities: Any = None) -> list[int]:
    """The municipality ids the principal keeps budgets for, narrowed to ``municipalities``."""
    ids = scoping.served_municipalities(principal, BUDGET_ROLES)
    if municipalities is not None:
        wanted = {m if isinstance(m, int) else m.pk for m in municipalities}
        ids = ids & wanted
    return sorted(ids)


def figures(
    municipality_ids: list[int], *, year: int, today: date | None = None
) -> list[StreamFigures]:
    """Every stream of these municipalities for ``year``: four queries.

    No scope check: callers pass ids from ``served`` (or the system's own
    jobs pass all municipalities).
    """
    today = today or timezone.localdate()
    if not municipality_ids:
        return []
    cutoff = cutoff_month(year, today)
    result: dict[tuple[int, str], StreamFigures] = {}
    for municipality in Municipality.objects.filter(pk__in=municipality_ids).order_by(
        "name"
    ):
        for stream in FundingStream.values:
            result[(municipality.pk, stream)] = StreamFigures(
                municipality.pk, municipality.name, municipality.cbs_code, stream, year
            )
    for budget_row in Budget.objects.filter(
        municipality_id__in=municipality_ids, year=year
    ).values("pk", "municipality_id", "funding_stream", "amount"):
        row = result.get((budget_row["municipality_id"], budget_row["funding_stream"]))
        if row is not None:
            row.budget = budget_row["amount"]
            row.budget_id = budget_row["pk"]
    for c in (
        Commitment.objects.filter(municipality_id__in=municipality_ids, year=year)
        .order_by()
        .values("municipality_id", "funding_stream")
        .annotate(total=_sum("amount"), rest=_sum("amount", month__gte=cutoff))
    ):
        row = result.get((c["municipality_id"], c["funding_stream"]))
        if row is not None:
            row.committed, row.committed_rest = c["total"], c["rest"]
    for r in (
        Realisation.objects.filter(municipality_id__in=municipality_ids, year=year)
        .order_by()
        .values("municipality_id", "funding_stream")
        .annotate(total=_sum("amount"), closed=_sum("amount", month__lt=cutoff))
    ):
        row = result.get((r["municipality_id"], r["funding_stream"]))
        if row is not None:
            row.realised, row.realised_closed = r["total"], r["closed"]
    return list(result.values())


def budget_overview(
    principal: Any,
    *,
    year: int,
    municipalities: Any = None,
    today: date | None = None,
) -> list[StreamFigures]:
    """Budget, committed, realised, forecast and exhaustion per municipality and stream.

    For the municipalities the principal keeps budgets for (managers and
    beheer), optionally narrowed; a fixed number of queries.
    """
    return figures(served(principal, municipalities), year=year, today=today)


@dataclass
class MonthFigures:
    month: int
    committed: Decimal = ZERO
    realised: Decimal = ZERO


def budget_months(
    principal: Any,
    *,
    municipality: Municipality,
    year: int,
    funding_stream: str | None = None,
) -> list[MonthFigures]:
    """Committed and realised per month (the chart): twelve rows, two queries."""
    rows = {m: MonthFigures(m) for m in range(1, 13)}
    if municipality.pk not in served(principal):
        return []
    filters: dict[str, Any] = {"municipality_id": municipality.pk, "year": year}
    if funding_stream:
        filters["funding_stream"] = funding_stream
    for c in (
        Commitment.objects.filter(**filters)
        .order_by()
        .values("month")
        .annotate(total=_sum("amount"))
    ):
        rows[c["month"]].committed = c["total"]
    for r in (
        Realisation.objects.filter(**filters)
        .order_by()
        .values("month")
        .annotate(total=_sum("amount"))
    ):
        rows[r["month"]].realised = r["total"]
    return list(rows.values())


@dataclass
class SourceFigures:
    """The drill-down: what makes up a stream's commitment, without personal data."""

    kind: str  # "inzet" or "loonkostensubsidie"
    label: str  # the instrument's name, or "Loonkostensubsidie"
    sources: int
    amount: Decimal


def commitment_sources(
    principal: Any, *, municipality: Municipality, year: int, funding_stream: str
) -> list[SourceFigures]:
    """Per instrument (and the subsidy placements): how many sources, how much. One query."""
    if municipality.pk not in served(principal):
        return []
    result = []
    for row in (
        Commitment.objects.filter(
            municipality_id=municipality.pk, year=year, funding_stream=funding_stream
        )
        .order_by()
        .values("deployment__instrument__name")
        .annotate(
            deployments=Count("deployment", distinct=True),
            placements=Count("placement", distinct=True),
            total=_sum("amount"),
        )
        .order_by("-total")
    ):
        name = row["deployment__instrument__name"]
        if name is None:
            result.append(
                SourceFigures(
                    "loonkostensubsidie",
                    "Loonkostensubsidie",
                    row["placements"],
                    row["total"],
                )
            )
        else:
            result.append(
                SourceFigures("inzet", name, row["deployments"], row["total"])
            )
    return result


@dataclass
class SavingsMonth:
    """One month of the benefit-savings estimate for one municipality."""

    municipality_id: int
    year: int
    month: int
    outflows: int = 0  # outflows to work in this month
    off_benefit: int = 0  # people off benefit this month: outflows to work before it
    average_benefit: Decimal | None = None
    saving: Decimal = ZERO  # off_benefit × average benefit
    saving_to_date: Decimal = ZERO  # the year's savings up to and including this month
    cost_committed: Decimal = ZERO  # all streams' commitments this month
    cost_realised: Decimal = ZERO  # all streams' realisation this month


def benefit_savings(
    principal: Any,
    *,
    year: int,
    municipalities: Any = None,
    today: date | None = None,
) -> dict[int, list[SavingsMonth]]:
    """Estimated benefit saved by outflow to work, per municipality and month.

    An outflow to work (reasons ``OUTFLOW_TO_WORK_CODES``) in a month saves
    the average monthly benefit (``BenefitParameter`` of that municipality and
    year) from the next month on, in every month of the same year up to today
    ("months off benefit so far"). Outflows of earlier years are not carried
    into the year (conservative, and one year answers to one budget). The
    municipality is the client's. Beside each month: the cost of re-integration
    in the same month, committed and realised, all streams. Five queries.
    """
    today = today or timezone.localdate()
    ids = served(principal, municipalities)
    if not ids:
        return {}
    last_month = min(12, cutoff_month(year, today))
    if year > today.year:
        last_month = 0
    months = range(1, last_month + 1)
    result = {pk: {m: SavingsMonth(pk, year, m) for m in months} for pk in ids}
    benefits = dict(
        BenefitParameter.objects.filter(municipality_id__in=ids, year=year).values_list(
            "municipality_id", "average_monthly_benefit"
        )
    )
    outflows: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        Outflow.objects.filter(
            client__municipality_id__in=ids,
            reason__code__in=OUTFLOW_TO_WORK_CODES,
            date__gte=date(year, 1, 1),
            date__lte=min(date(year, 12, 31), today),
        )
        .annotate(m=ExtractMonth("date"))
        .order_by()
        .values("client__municipality_id", "m")
        .annotate(n=Count("pk"))
    ):
        outflows[row["client__municipality_id"]][row["m"]] = row["n"]
    for model, attr in ((Commitment, "cost_committed"), (Realisation, "cost_realised")):
        for row in (
            model.objects.filter(municipality_id__in=ids, year=year)
            .order_by()
            .values("municipality_id", "month")
            .annotate(total=_sum("amount"))
        ):
            month_row = result[row["municipality_id"]].get(row["month"])
            if month_row is not None:
                setattr(month_row, attr, row["total"])
    for pk, by_month in result.items():
        benefit = benefits.get(pk)
        off_benefit = 0
        to_date = ZERO
        for m in months:
            month = by_month[m]
            month.outflows = outflows[pk].get(m, 0)
            month.off_benefit = off_benefit
            month.average_benefit = benefit
            if benefit is not None:
                month.saving = (benefit * off_benefit).quantize(Decimal("0.01"))
            to_date += month.saving
            month.saving_to_date = to_date
            off_benefit += month.outflows
    return {pk: list(by_month.values()) for pk, by_month in result.items()}


__all__ = [
    "ALARM",
    "OUTFLOW_TO_WORK_CODES",
    "WARNING",
    "MonthFigures",
    "SavingsMonth",
    "SourceFigures",
    "StreamFigures",
    "benefit_savings",
    "budget_months",
    "budget_overview",
    "commitment_sources",
    "cutoff_month",
    "figures",
    "served",
]
