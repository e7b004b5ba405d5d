"""The 12-month trend of the report as charts (ijmondwerkt.charts, inline SVG).

Drawn for the report's total (for a municipality's report the same as its
column). A suppressed count ("<5") is left out of the chart (a gap in the
line), so the chart gives away no more than the table beside it.
"""

from __future__ import annotations

from typing import Any

from ijmondwerkt.charts import MONTHS_SHORT, Series, line_chart
from reports.figures.types import MonthReport
from reports.rendering.formats import month_name, short_month
from reports.rendering.tables import place_of


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def trend_charts(report: MonthReport) -> list[tuple[str, Any]]:
    """(caption, SVG) of the trend's two charts; none without a trend."""
    trend = report.total.flows.trend
    if not trend:
        return []
    # The year only on the first month and on January, so the labels do not crowd.
    labels = [
        short_month(t.month)
        if i == 0 or t.month.month == 1
        else MONTHS_SHORT[t.month.month - 1]
        for i, t in enumerate(trend)
    ]
    span = f"{month_name(trend[0].month)} tot en met {month_name(trend[-1].month)}"
    place = place_of(report)
    flows = line_chart(
        labels,
        [
            Series("Instroom", [_number(t.inflow) for t in trend]),
            Series("Uitstroom", [_number(t.outflow) for t in trend]),
        ],
        title=f"Instroom en uitstroom per maand, {place}",
        description=f"Instroom en uitstroom per maand van {span}. "
        "De aantallen staan in de tabel Verloop over twaalf maanden.",
        chart_id="trend-stromen",
    )
    caseload = line_chart(
        labels,
        [Series("Bestand einde maand", [_number(t.caseload) for t in trend])],
        title=f"Bestand aan het einde van elke maand, {place}",
        description=f"Het bestand aan het einde van elke maand van {span}. "
        "De aantallen staan in de tabel Verloop over twaalf maanden.",
        chart_id="trend-bestand",
    )
    return [
        (f"Instroom en uitstroom per maand, {place}", flows),
        (f"Bestand einde maand, {place}", caseload),
    ]
