"""Renderings of the monthly report: PDF, CSV, XLSX and the HTML sections.

All read the same ``MonthReport`` (reports.figures.types) through one table
model (``reports.rendering.tables``), so the PDF, the HTML preview
(templates/reports/_sections.html) and the exports never disagree.

- ``render_month_pdf(report, title=...)``: A4 PDF bytes (WeasyPrint, no network).
- ``render_month_csv(report)``: UTF-8 with BOM, ";" separated (Dutch Excel).
- ``render_month_xlsx(report)``: one sheet, number formats.
- ``month_report_from_dict(data)``: the MonthReport of a stored ``to_dict()``.
"""

from reports.rendering.exports import render_month_csv, render_month_xlsx
from reports.rendering.pdf import local_only_fetcher, render_month_pdf
from reports.rendering.serialise import month_report_from_dict

__all__ = [
    "local_only_fetcher",
    "month_report_from_dict",
    "render_month_csv",
    "render_month_pdf",
    "render_month_xlsx",
]
