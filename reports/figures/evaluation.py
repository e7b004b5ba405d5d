"""The yearly evaluation: trajectories grouped by the year they started. Four queries.

Per start year: participants (distinct clients with a trajectory that
started that year), outflow to work (distinct participants with such a
trajectory ended with an end reason marked ``outflow_to_work``), outflow %
(outflow / participants, whole percent, half up) and the trajectories per end
reason. The total row counts distinct clients over all years in a query of
its own: a client with trajectories in two years is one participant there.
Works for any history (trajectories registered with past dates, 2006 on).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from ijmondwerkt.accounts.models import Municipality
from reports.figures.common import pct
from reports.figures.scope import served
from reports.figures.types import EndReasonRow, Evaluation, EvaluationYear
from trajectories.models import Trajectory

RUNNING = "lopend"  # the end-reason row of trajectories not ended


def evaluation(
    principal: Any,
    *,
    kind: str | None = None,
    municipalities: Iterable[Any] | None = None,
    years: tuple[int, int] | None = None,
) -> Evaluation:
    """The evaluation of the trajectories in the municipalities ``principal`` gets reports for."""
    return evaluation_for(served(principal, municipalities), kind=kind, years=years)


def _counts() -> dict[str, Any]:
    return {
        "trajectories": Count("pk"),
        "participants": Count("client_id", distinct=True),
        "outflow_to_work": Count(
            "client_id", distinct=True, filter=Q(end_reason__outflow_to_work=True)
        ),
    }


def _year(year: int | None, row: dict[str, Any]) -> EvaluationYear:
    return EvaluationYear(
        year,
        trajectories=row["trajectories"],
        participants=row["participants"],
        outflow_to_work=row["outflow_to_work"],
        outflow_pct=pct(row["outflow_to_work"], row["participants"]),
    )


def evaluation_for(
    municipality_ids: Iterable[int],
    *,
    kind: str | None = None,
    years: tuple[int, int] | None = None,
) -> Evaluation:
    """The evaluation for these municipalities, without a scope check (system jobs).

    ``years`` (first, last) keeps the trajectories that started in those years;
    the total then counts the distinct clients of those years only.
    """
    ids = list(municipality_ids)
    trajectories: QuerySet[Trajectory] = Trajectory.objects.filter(
        client__municipality_id__in=ids
    ).order_by()
    if kind:
        trajectories = trajectories.filter(kind=kind)
    if years is not None:
        trajectories = trajectories.filter(
            start_date__gte=date(years[0], 1, 1), start_date__lte=date(years[1], 12, 31)
        )
    by_year = trajectories.annotate(year=ExtractYear("start_date"))
    per_year = {
        row["year"]: _year(row["year"], row)
        for row in by_year.values("year").annotate(**_counts()).order_by("year")
    }
    total = _year(None, trajectories.aggregate(**_counts()))
    reasons = by_year.values(
        "year",
        code=F("end_reason__code"),
        label=F("end_reason__label"),
        sort=F("end_reason__sort_order"),
        success=F("end_reason__success"),
        to_work=F("end_reason__outflow_to_work"),
    ).annotate(n=Count("pk"))
    rows = sorted(reasons, key=_reason_order)
    for row in rows:
        per_year[row["year"]].end_reasons.append(_reason(row))
    for row in sorted(rows, key=lambda r: _reason_order(r)[1:]):
        _add(total.end_reasons, _reason(row))
    codes = Municipality.objects.filter(pk__in=ids).order_by("cbs_code")
    return Evaluation(
        kind=kind or None,
        years=[per_year[y] for y in sorted(per_year)],
        total=total,
        municipality_codes=list(codes.values_list("cbs_code", flat=True)),
    )


def _reason_order(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["year"], row["code"] is None, row["sort"] or 0, row["label"] or "")


def _reason(row: dict[str, Any]) -> EndReasonRow:
    if row["code"] is None:
        return EndReasonRow(RUNNING, _("Nog lopend"), False, False, row["n"])
    return EndReasonRow(
        row["code"], row["label"], row["success"], row["to_work"], row["n"]
    )


def _add(rows: list[EndReasonRow], row: EndReasonRow) -> None:
    for existing in rows:
        if existing.code == row.code:
            existing.count += row.count
            return
    rows.append(
        EndReasonRow(row.code, row.label, row.success, row.outflow_to_work, row.count)
    )
