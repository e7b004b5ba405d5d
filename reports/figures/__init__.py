"""Report figures, computed in the database (docs/reports.md).

One structure every rendering reads (PDF, HTML preview, CSV/XLSX, API):

- ``month_report(principal, month)``: the monthly report for the
  municipalities the principal gets reports for (``REPORT_ROLES``), each
  municipality and their total; ``month_report_for(ids, month)`` for the
  system's own job.
- ``evaluation(principal, kind=...)`` / ``evaluation_for(ids, kind=...)``:
  the yearly evaluation of trajectories by start year.
- ``publication(report)``: a copy with counts under 5 shown as "<5".
"""

from reports.figures.evaluation import evaluation, evaluation_for
from reports.figures.month import month_report, month_report_for, previous_month
from reports.figures.publication import SUPPRESSED, publication
from reports.figures.scope import REPORT_ROLES, served
from reports.figures.types import Evaluation, EvaluationYear, Figures, MonthReport

__all__ = [
    "REPORT_ROLES",
    "SUPPRESSED",
    "Evaluation",
    "EvaluationYear",
    "Figures",
    "MonthReport",
    "evaluation",
    "evaluation_for",
    "month_report",
    "month_report_for",
    "previous_month",
    "publication",
    "served",
]
