"""Caseload (bestand) at the end of the month: total, change, four breakdowns.

Five queries. The 12-month trend's caseload comes from the first one (one
conditional count per month end).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from clients.models import Client, LadderMeasurement, LadderStep, TargetGroup
from reports.figures.common import (
    TOTAL,
    Period,
    columns,
    count_rows,
    episode_end,
    episode_ends,
    in_caseload,
)
from reports.figures.types import Caseload


def _clients(ids: list[int], day: date) -> QuerySet[Client]:
    return (
        Client.objects.filter(municipality_id__in=ids)
        .annotate(episode_end=episode_end())
        .filter(in_caseload(day))
        .order_by()
    )


def step_on(day: date, *, before: bool = False, client_ref: str = "pk") -> Subquery:
    """The step of the client's latest measurement on (or, ``before``, before) ``day``."""
    lookup = "measured_on__lt" if before else "measured_on__lte"
    return Subquery(
        LadderMeasurement.objects.filter(
            client_id=OuterRef(client_ref), **{lookup: day}
        )
        .order_by("-measured_on", "-pk")
        .values("step")[:1]
    )


def _klantmanager_name(row: Mapping[str, Any]) -> str:
    first, last = row["km_first"], row["km_last"]
    return " ".join(filter(None, [first, last])) or str(row["code"])


def month_end_counts(ids: list[int], days: list[date]) -> dict[int, list[int]]:
    """Caseload per municipality (and ``TOTAL``) on each of ``days``: one query.

    The end of each client's registration is computed once per client (a
    ``GROUP BY`` client with the latest outflow joined, see ``episode_ends``);
    the counts are taken over that derived table. Counting on the client
    queryset itself would repeat the ``episode_end`` subquery in every
    ``Count(filter=...)``, and the database runs every copy.
    """
    counts = episode_ends(ids).aggregate(
        **{
            f"m{m}_d{i}": Count("pk", filter=Q(municipality_id=m) & in_caseload(day))
            for m in ids
            for i, day in enumerate(days)
        }
    )
    result = columns(ids, lambda: [0] * len(days))
    for m in ids:
        for i in range(len(days)):
            result[m][i] = counts[f"m{m}_d{i}"]
            result[TOTAL][i] += counts[f"m{m}_d{i}"]
    return result


def caseload(
    ids: list[int], period: Period, trend: dict[int, list[int]]
) -> dict[int, Caseload]:
    """``trend`` is ``month_end_counts`` for the previous month end and the trend."""
    day = period.as_of
    clients = _clients(ids, day)
    benefit = count_rows(
        clients.values(
            m=F("municipality_id"),
            code=F("benefit_kind__code"),
            label=F("benefit_kind__label"),
            sort=F("benefit_kind__sort_order"),
        ).annotate(n=Count("pk")),
        ids,
        unknown=_("Geen uitkering vastgelegd"),
    )
    groups = dict(TargetGroup.choices)
    group = count_rows(
        clients.values(m=F("municipality_id"), code=F("target_group"))
        .annotate(n=Count("pk"))
        .values("m", "code", "n"),
        ids,
        unknown=_("Nog geen doelgroep"),
        label=lambda r: str(groups[r["code"]]),
    )
    steps = dict(LadderStep.choices)
    ladder = count_rows(
        clients.annotate(step=step_on(day))
        .values(m=F("municipality_id"), code=F("step"))
        .annotate(n=Count("pk"))
        .values("m", "code", "n"),
        ids,
        unknown=_("Nog niet gemeten"),
        label=lambda r: str(steps[r["code"]]),
    )
    klantmanager = count_rows(
        clients.values(
            m=F("municipality_id"),
            code=F("klantmanager__username"),
            km_first=F("klantmanager__first_name"),
            km_last=F("klantmanager__last_name"),
        ).annotate(n=Count("pk")),
        ids,
        unknown=_("Geen klantmanager"),
        label=_klantmanager_name,
    )
    result = columns(ids, Caseload)
    for pk, figures in result.items():
        figures.previous, figures.total = trend[pk][0], trend[pk][-1]
        figures.change = figures.total - figures.previous
        figures.by_benefit_kind = benefit[pk]
        figures.by_target_group = group[pk]
        figures.by_ladder_step = ladder[pk]
        figures.by_klantmanager = klantmanager[pk]
    return result
