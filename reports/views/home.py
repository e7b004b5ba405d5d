"""The manager's start page: this month's headline figures so far, next to
last month's report from the archive (templates/reports/_home.html).

A fixed number of queries: the month's figures (``month_report``, a fixed
number whatever the data) and one query for last month's archived report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from reports.figures import month_report, previous_month
from reports.figures.types import MonthReport
from reports.models import Report, ReportStatus, scope_key_of
from reports.rendering.formats import COUNT, long_date, month_name, text

# (label, path in the figures): the four figures a manager looks at first.
HEADLINE = (
    ("Bestand", ("caseload", "total")),
    ("Instroom", ("flows", "inflow")),
    ("Uitstroom", ("flows", "outflow")),
    ("Uitstroom naar werk", ("flows", "outflow_to_work")),
)


@dataclass
class HeadlineRow:
    label: str
    current: str
    last: str


def _get(figures: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if figures is None:
            return None
        figures = (
            figures.get(name) if isinstance(figures, dict) else getattr(figures, name)
        )
    return figures


def _last_report(user: Any, current: MonthReport) -> Report | None:
    """Last month's finished internal report of exactly the user's municipalities."""
    key = scope_key_of(m.code for m in current.municipalities)
    return (
        Report.objects.for_user(user)
        .defer("pdf", "csv", "xlsx")
        .filter(
            scope_key=key,
            month=previous_month(current.as_of),
            publication=False,
            status=ReportStatus.DONE,
        )
        .first()
    )


def manager_reports(user: Any) -> dict[str, Any]:
    """The context of the start page's reports section."""
    today = timezone.localdate()
    current = month_report(user, today)
    if not current.municipalities:
        return {"report_headline": None}
    last = _last_report(user, current)
    last_total = (last.figures or {}).get("total") if last else None
    rows = [
        HeadlineRow(
            label,
            text(_get(current.total, path), COUNT),
            text(_get(last_total, path), COUNT) if last_total else "–",
        )
        for label, path in HEADLINE
    ]
    return {
        "report_headline": {
            "rows": rows,
            "current_period": month_name(current.month),
            "as_of": long_date(current.as_of),
            "last_period": month_name(previous_month(today)),
            "last_report": last,
            "places": [m.name for m in current.municipalities],
        }
    }
