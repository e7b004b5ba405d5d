"""Trajectories started and ended, placements and sustainable outflow. Four queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q

from reports.figures.common import TOTAL, AddMonths, Period, add_counts, columns, pct
from reports.figures.types import EndReasonRow, KindRow, Placements, Trajectories
from trajectories.models import (
    Placement,
    Trajectory,
    TrajectoryKind,
    sustainable_months,
)


def _period_counts(period: Period) -> dict[str, Any]:
    """started / ended in the month, running at its end (trajectories, placements)."""
    return {
        "started": Count(
            "pk", filter=Q(start_date__range=(period.start, period.as_of))
        ),
        "ended": Count("pk", filter=Q(end_date__range=(period.start, period.as_of))),
        "running": Count(
            "pk",
            filter=Q(start_date__lte=period.as_of)
            & (Q(end_date__isnull=True) | Q(end_date__gte=period.as_of)),
        ),
    }


def _touching(period: Period) -> Q:
    # Every row counted above starts by the month's end and ends in it or later.
    return Q(start_date__lte=period.as_of) & (
        Q(end_date__isnull=True) | Q(end_date__gte=period.start)
    )


def _add_kind(rows: list[KindRow], row: KindRow) -> None:
    for existing in rows:
        if existing.code == row.code:
            existing.started += row.started
            existing.ended += row.ended
            existing.running += row.running
            return
    rows.append(KindRow(row.code, row.label, row.started, row.ended, row.running))


def _add_reason(rows: list[EndReasonRow], row: EndReasonRow) -> None:
    for existing in rows:
        if existing.code == row.code:
            existing.count += row.count
            return
    rows.append(
        EndReasonRow(row.code, row.label, row.success, row.outflow_to_work, row.count)
    )


def trajectories(ids: list[int], period: Period) -> dict[int, Trajectories]:
    result = columns(ids, Trajectories)
    base = Trajectory.objects.filter(client__municipality_id__in=ids).order_by()
    kinds = dict(TrajectoryKind.choices)
    by_kind = (
        base.filter(_touching(period))
        .values(m=F("client__municipality_id"), code=F("kind"))
        .annotate(**_period_counts(period))
    )
    order = {code: i for i, code in enumerate(kinds)}
    for row in sorted(by_kind, key=lambda r: (order.get(r["code"], 99), r["code"])):
        kind = KindRow(
            row["code"],
            str(kinds.get(row["code"], row["code"])),
            row["started"],
            row["ended"],
            row["running"],
        )
        for pk in (row["m"], TOTAL):
            add_counts(result[pk], row, "started", "ended", "running")
            _add_kind(result[pk].by_kind, kind)
    reasons = (
        base.filter(end_date__range=(period.start, period.as_of))
        .values(
            m=F("client__municipality_id"),
            code=F("end_reason__code"),
            label=F("end_reason__label"),
            sort=F("end_reason__sort_order"),
            success=F("end_reason__success"),
            to_work=F("end_reason__outflow_to_work"),
        )
        .annotate(n=Count("pk"))
    )
    for row in sorted(reasons, key=lambda r: (r["sort"], r["label"])):
        reason = EndReasonRow(
            row["code"], row["label"], row["success"], row["to_work"], row["n"]
        )
        for pk in (row["m"], TOTAL):
            _add_reason(result[pk].by_end_reason, reason)
            if reason.success:
                result[pk].ended_successfully += reason.count
    for figures in result.values():
        figures.success_pct = pct(figures.ended_successfully, figures.ended)
    return result


def placements(ids: list[int], period: Period) -> dict[int, Placements]:
    result = columns(ids, Placements)
    base = Placement.objects.filter(client__municipality_id__in=ids).order_by()
    by_kind = (
        base.filter(_touching(period))
        .values(
            m=F("client__municipality_id"),
            code=F("kind__code"),
            label=F("kind__label"),
            sort=F("kind__sort_order"),
        )
        .annotate(**_period_counts(period))
    )
    for row in sorted(by_kind, key=lambda r: (r["sort"], r["label"])):
        kind = KindRow(
            row["code"], row["label"], row["started"], row["ended"], row["running"]
        )
        for pk in (row["m"], TOTAL):
            add_counts(result[pk], row, "started", "ended", "running")
            _add_kind(result[pk].by_kind, kind)
    months = sustainable_months()
    marks = (
        base.annotate(mark=AddMonths(F("start_date"), months))
        .filter(mark__range=(period.start, period.as_of))
        .values(m=F("client__municipality_id"))
        .annotate(
            reaching_mark=Count("pk"),
            sustainable=Count(
                "pk", filter=Q(end_date__isnull=True) | Q(end_date__gte=F("mark"))
            ),
        )
    )
    for row in marks:
        for pk in (row["m"], TOTAL):
            add_counts(result[pk], row, "reaching_mark", "sustainable")
    for figures in result.values():
        figures.sustainable_pct = pct(figures.sustainable, figures.reaching_mark)
    return result
