"""Template tags for the report's sections (templates/reports/_sections.html)."""

from __future__ import annotations

from typing import Any

from django import template

from reports.figures.types import MonthReport
from reports.rendering.definitions import GENERAL, SECTIONS
from reports.rendering.serialise import month_report_from_dict
from reports.rendering.tables import ReportView
from reports.rendering.view import report_view

register = template.Library()


@register.simple_tag(name="report_view")
def report_view_tag(report: Any) -> ReportView:
    """A ReportView of a MonthReport, of its dict form, or the view itself."""
    if isinstance(report, ReportView):
        return report
    if not isinstance(report, MonthReport):
        report = month_report_from_dict(report)
    return report_view(report)


@register.simple_tag
def report_definitions() -> dict[str, Any]:
    return {"general": GENERAL, "sections": SECTIONS}
