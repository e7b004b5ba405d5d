"""The monthly report as data: CSV for Dutch Excel and XLSX.

One row per figure, in the order of the PDF: the section, the table, the
group within it, the figure's name and its key (the structure's path, stable
for machine readers), then a column per report column (the municipality of a
municipality's report; each municipality and the total of a region report).

CSV: UTF-8 with a byte order mark and ";" as separator, numbers without
thousands separator and with a decimal comma, so Dutch Excel opens it as it
is. XLSX: numbers as numbers with a number format, a suppressed count as the
text "<5", and a second sheet with the report's period and the definitions.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from reports.figures.types import MonthReport
from reports.rendering import formats
from reports.rendering.definitions import GENERAL, SECTIONS
from reports.rendering.tables import ReportView, Row
from reports.rendering.view import report_view

HEADINGS = ["Sectie", "Tabel", "Groep", "Cijfer", "Sleutel"]
NUMBER_FORMATS = {
    formats.COUNT: "#,##0",
    formats.DELTA: "+#,##0;-#,##0;0",
    formats.PERCENT: '0" %"',
    formats.AVERAGE: "0.0",
    formats.MONEY: '"€" #,##0.00',
    formats.EUROS: '"€" #,##0.00',
}


def _rows(view: ReportView) -> Iterator[tuple[list[str], Row]]:
    for section in view.sections:
        for table in section.tables:
            if table.purpose == "display":
                continue
            for group in table.groups:
                for row in group.rows:
                    title = f"{section.number}. {section.title}"
                    yield [title, table.caption, group.title, row.label, row.key], row


def render_month_csv(report: MonthReport) -> bytes:
    view = report_view(report, charts=False)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([*HEADINGS, *view.columns])
    for names, row in _rows(view):
        writer.writerow(
            [*names, *(formats.plain(c.value, row.kind) for c in row.cells)]
        )
    return buffer.getvalue().encode("utf-8-sig")


def _cell_value(value: Any) -> Any:
    return "" if value is None else value


def render_month_xlsx(report: MonthReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    view = report_view(report, charts=False)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Maandrapportage"
    bold = Font(bold=True)
    sheet.append([*HEADINGS, *view.columns])
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="E8EEF5")
    first_value = len(HEADINGS) + 1
    for names, row in _rows(view):
        sheet.append([*names, *(_cell_value(c.value) for c in row.cells)])
        line = sheet.max_row
        for offset, cell in enumerate(row.cells):
            target = sheet.cell(line, first_value + offset)
            if isinstance(cell.value, str):
                target.alignment = Alignment(horizontal="right")
            elif row.kind in NUMBER_FORMATS:
                target.number_format = NUMBER_FORMATS[row.kind]
            if view.has_total and offset == len(row.cells) - 1:
                target.font = bold
    widths = [24, 34, 22, 40, 36] + [16] * len(view.columns)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(2, first_value)
    sheet.auto_filter.ref = sheet.dimensions

    about = book.create_sheet("Toelichting")
    about.append(["Maandrapportage", view.place])
    about.append(["Periode", view.period])
    about.append(["Cijfers per", view.as_of])
    about.append(["Publicatieversie", "ja" if view.publication else "nee"])
    about.append([])
    for line in GENERAL:
        about.append(["", line])
    about.append([])
    about.append(["Cijfer", "Definitie"])
    for section in SECTIONS:
        about.append([f"{section.number}. {section.title}"])
        about.cell(about.max_row, 1).font = bold
        for definition in section.definitions:
            about.append([definition.label, definition.text])
    about.column_dimensions["A"].width = 34
    about.column_dimensions["B"].width = 110
    for cell in about["A"]:
        if cell.value in {
            "Maandrapportage",
            "Periode",
            "Cijfers per",
            "Publicatieversie",
            "Cijfer",
        }:
            cell.font = bold

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
