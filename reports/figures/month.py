"""The monthly report: every section for each municipality and their total."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ijmondwerkt.accounts.models import Municipality
from reports.figures import casework
from reports.figures.caseload import caseload, month_end_counts
from reports.figures.common import TOTAL, Period
from reports.figures.employers import employers
from reports.figures.flows import flows
from reports.figures.intake import intake
from reports.figures.ladder import ladder
from reports.figures.money import budget, subsidy
from reports.figures.scope import served
from reports.figures.types import Figures, MonthReport


def previous_month(today: date | None = None) -> date:
    """The first day of the month before ``today`` (Europe/Amsterdam by default).

    The scheduled job runs on the 1st for the month before; at 00:30 on
    1 March in Amsterdam (23:30 UTC on 28 February) that is February.
    """
    today = today or timezone.localdate()
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def month_report(
    principal: Any,
    month: date,
    *,
    municipalities: Iterable[Any] | None = None,
    today: date | None = None,
) -> MonthReport:
    """The month's figures for the municipalities ``principal`` gets reports for.

    A principal without the reports roles (``REPORT_ROLES``) or municipalities
    gets a report without municipalities and a total of zeros.
    """
    return month_report_for(served(principal, municipalities), month, today=today)


def month_report_for(
    municipality_ids: Iterable[int], month: date, *, today: date | None = None
) -> MonthReport:
    """The month's figures for these municipalities, without a scope check.

    For the system's own job (the monthly archive) and for ``month_report``
    after it narrowed the ids. A fixed number of queries whatever the data.
    ``month`` is any day of the month; a month not yet started is refused
    (ValueError). The running month's figures are taken on ``today``.
    """
    period = Period.of(month, today or timezone.localdate())
    rows = list(
        Municipality.objects.filter(pk__in=list(municipality_ids))
        .order_by("name")
        .values_list("pk", "cbs_code", "name")
    )
    ids = [pk for pk, _code, _name in rows]
    columns = {pk: Figures(code, name) for pk, code, name in rows}
    columns[TOTAL] = Figures("", _("Totaal"))
    if ids:
        _fill(columns, ids, period)
    return MonthReport(
        month=period.start,
        as_of=period.as_of,
        municipalities=[columns[pk] for pk in ids],
        total=columns[TOTAL],
    )


def _fill(columns: dict[int, Figures], ids: list[int], period: Period) -> None:
    days = [period.previous_end, *(day for _m, day in period.trend())]
    month_ends = month_end_counts(ids, days)
    sections: dict[str, dict[int, Any]] = {
        "caseload": caseload(ids, period, month_ends),
        "flows": flows(ids, period, month_ends),
        "intake": intake(ids, period),
        "trajectories": casework.trajectories(ids, period),
        "placements": casework.placements(ids, period),
        "ladder": ladder(ids, period),
        "employers": employers(ids, period),
        "subsidy": subsidy(ids, period),
        "budget": budget(ids, period),
    }
    for pk, figures in columns.items():
        for name, section in sections.items():
            setattr(figures, name, section[pk])
        figures.intake.registrations = figures.flows.inflow
