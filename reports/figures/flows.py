"""Inflow and outflow: the month by reason, the year to date, the 12-month trend.

Four queries: inflow and outflow of the month by reason, and inflow and
outflow per month over the trend's twelve months (which always hold the year
to date). The trend's caseload comes from ``caseload.month_end_counts``.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from budgets.selectors import OUTFLOW_TO_WORK_CODES
from clients.models import Client, Outflow
from reports.figures.common import TOTAL, Period, columns, count_rows
from reports.figures.types import CountRow, Flows, TrendMonth


def _inflow_by_reason(
    ids: list[int], start: date, end: date
) -> dict[int, list[CountRow]]:
    return count_rows(
        Client.objects.filter(
            municipality_id__in=ids, registration_date__range=(start, end)
        )
        .order_by()
        .values(
            m=F("municipality_id"),
            code=F("inflow_reason__code"),
            label=F("inflow_reason__label"),
            sort=F("inflow_reason__sort_order"),
        )
        .annotate(n=Count("pk")),
        ids,
        unknown=_("Geen reden vastgelegd"),
    )


def _outflow_by_reason(
    ids: list[int], start: date, end: date
) -> dict[int, list[CountRow]]:
    return count_rows(
        Outflow.objects.filter(
            client__municipality_id__in=ids, date__range=(start, end)
        )
        .order_by()
        .values(
            m=F("client__municipality_id"),
            code=F("reason__code"),
            label=F("reason__label"),
            sort=F("reason__sort_order"),
        )
        .annotate(n=Count("pk")),
        ids,
        unknown=_("Geen reden vastgelegd"),
    )


def _per_month(
    ids: list[int], period: Period
) -> tuple[dict[tuple[int, date], int], dict[tuple[int, date], tuple[int, int]]]:
    first = period.trend()[0][0]
    inflow = {
        (r["municipality_id"], r["month"]): r["n"]
        for r in Client.objects.filter(
            municipality_id__in=ids,
            registration_date__range=(first, period.as_of),
        )
        .annotate(month=TruncMonth("registration_date"))
        .order_by()
        .values("municipality_id", "month")
        .annotate(n=Count("pk"))
    }
    outflow = {
        (r["client__municipality_id"], r["month"]): (r["n"], r["to_work"])
        for r in Outflow.objects.filter(
            client__municipality_id__in=ids, date__range=(first, period.as_of)
        )
        .annotate(month=TruncMonth("date"))
        .order_by()
        .values("client__municipality_id", "month")
        .annotate(
            n=Count("pk"),
            to_work=Count("pk", filter=Q(reason__code__in=OUTFLOW_TO_WORK_CODES)),
        )
    }
    return inflow, outflow


def flows(
    ids: list[int], period: Period, caseload_trend: dict[int, list[int]]
) -> dict[int, Flows]:
    """``caseload_trend``: ``month_end_counts`` of the previous month end + the trend."""
    inflow_reasons = _inflow_by_reason(ids, period.start, period.as_of)
    outflow_reasons = _outflow_by_reason(ids, period.start, period.as_of)
    inflow, outflow = _per_month(ids, period)
    result = columns(ids, Flows)
    for pk, figures in result.items():
        figures.inflow_by_reason = inflow_reasons[pk]
        figures.outflow_by_reason = outflow_reasons[pk]
        members = ids if pk == TOTAL else [pk]
        for i, (month, _day) in enumerate(period.trend()):
            row = TrendMonth(month, caseload=caseload_trend[pk][i + 1])
            for m in members:
                row.inflow += inflow.get((m, month), 0)
                n, to_work = outflow.get((m, month), (0, 0))
                row.outflow += n
                if month.year == period.start.year:
                    figures.outflow_to_work_year_to_date += to_work
                    if month == period.start:
                        figures.outflow_to_work += to_work
            figures.trend.append(row)
            if month.year == period.start.year:
                figures.inflow_year_to_date += row.inflow
                figures.outflow_year_to_date += row.outflow
        figures.inflow = figures.trend[-1].inflow
        figures.outflow = figures.trend[-1].outflow
    return result
