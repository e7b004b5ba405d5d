"""The yearly evaluation (/rapportages/evaluatie/): trajectories by start year.

Filters: ``van`` and ``tot`` (start years, inclusive), ``gemeente`` (a CBS
code the user serves; empty: all of them) and ``soort`` (a trajectory kind).
Bad input (``van`` after ``tot``, a year that is no year) is answered on the
form with a Dutch message (422). The figures come from
``reports.figures.evaluation``: a few queries whatever the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from ijmondwerkt.web import render_form
from reports.figures import Evaluation, EvaluationYear, evaluation
from reports.figures.evaluation import RUNNING
from reports.forms import EvaluationForm
from reports.views.common import reads_reports
from trajectories.models.choices import TrajectoryKind


@dataclass
class ReasonColumn:
    code: str
    label: str
    success: bool
    outflow_to_work: bool


@dataclass
class ReasonRow:
    """One start year (or the total) with its trajectories per end reason."""

    year: EvaluationYear
    counts: list[int]


def reason_table(result: Evaluation) -> tuple[list[ReasonColumn], list[ReasonRow]]:
    """End reasons as columns (in the total's order, "nog lopend" last), years as rows."""
    columns = [
        ReasonColumn(r.code, r.label, r.success, r.outflow_to_work)
        for r in result.total.end_reasons
    ]
    columns.sort(key=lambda c: c.code == RUNNING)
    rows = []
    for year in [*result.years, result.total]:
        counts = {r.code: r.count for r in year.end_reasons}
        rows.append(ReasonRow(year, [counts.get(c.code, 0) for c in columns]))
    return columns, rows


@reads_reports
def evaluation_page(request: HttpRequest) -> HttpResponse:
    form = EvaluationForm(request.GET or None, user=request.user)
    context: dict[str, Any] = {"form": form, "result": None}
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        municipality = form.municipality() if form.is_bound else None
        result = evaluation(
            request.user,
            kind=data.get("soort") or None,
            municipalities=[municipality] if municipality else None,
            years=form.years() if form.is_bound else None,
        )
        columns, rows = reason_table(result)
        kinds = dict(TrajectoryKind.choices)
        context.update(
            result=result,
            reason_columns=columns,
            reason_rows=rows[:-1],
            reason_total=rows[-1],
            kind_label=kinds.get(result.kind or "", ""),
            municipality=municipality,
            municipalities=form.municipalities,
        )
    return render_form(request, "reports/evaluation.html", context)


urlpatterns: list[URLPattern] = [
    path("evaluatie/", evaluation_page, name="evaluation"),
]
