"""The monthly report as CSV and XLSX: one row per figure, a column per report column."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from reports.figures import publication
from reports.figures.types import Figures, MonthReport
from reports.rendering import render_month_csv, render_month_xlsx
from reports.rendering.exports import HEADINGS
from tests.reports.report_samples import (
    AS_OF,
    MONTH,
    municipality_report,
    region_report,
)


def csv_rows(data: bytes) -> dict[str, list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    header = next(reader)
    rows = {row[4]: row for row in reader}
    rows["header"] = header
    return rows


def test_csv_has_a_row_per_figure_and_a_column_per_municipality_and_the_total() -> None:
    rows = csv_rows(render_month_csv(region_report()))
    assert rows["header"] == [*HEADINGS, "Beverwijk", "Heemskerk", "Velsen", "Totaal"]
    assert rows["caseload.total"] == [
        "1. Bestand",
        "Bestand aan het einde van de maand",
        "",
        "Bestand einde maand",
        "caseload.total",
        "1234",
        "2468",
        "3702",
        "7404",
    ]
    # Dutch Excel: decimal comma, no thousands separator; the cents stay
    assert rows["subsidy.month_amount"][5:] == [
        "1234,56",
        "2469,12",
        "3703,68",
        "7407,36",
    ]
    assert rows["budget.streams.re-integratie.budget"][5:] == [
        "500000,00",
        "1000000,00",
        "1500000,00",
        "3000000,00",
    ]
    assert rows["subsidy.average_wage_value"][5:] == ["52,5"] * 4
    assert rows["intake.within_deadline_pct"][5:] == ["83"] * 4
    assert rows["caseload.by_benefit_kind.-"][3] == "Geen uitkering"
    # the trend per municipality (the PDF shows the total's beside the chart)
    assert rows["flows.trend.2026-10.caseload"][5:] == ["1222"] * 4
    assert rows["flows.trend.2025-11.inflow"][2:4] == ["Instroom", "november 2025"]
    assert "flows.trend.2026-10" not in rows


def test_csv_of_a_municipality_has_its_column_only() -> None:
    rows = csv_rows(render_month_csv(municipality_report()))
    assert rows["header"][len(HEADINGS) :] == ["Velsen"]
    assert rows["trajectories.by_end_reason.werk"][3:] == [
        "Plaatsing regulier werk (s, w)",
        "trajectories.by_end_reason.werk",
        "6",
    ]


def test_csv_of_the_publication_form_suppresses_and_leaves_out_staff() -> None:
    rows = csv_rows(render_month_csv(publication(municipality_report())))
    assert rows["flows.outflow"][5:] == ["<5"]
    assert rows["caseload.by_target_group.1"][5:] == ["<5"]
    assert rows["caseload.total"][5:] == ["1234"]
    # a percentage computed from a suppressed count is not shown
    assert rows["ladder.month.up"][5:] == ["7"]
    assert rows["placements.sustainable_pct"][5:] == [""]
    assert not [key for key in rows if "klantmanager" in key]
    assert rows["subsidy.month_amount"][5:] == ["1234,56"]


def test_a_breakdown_code_missing_in_one_column_counts_zero_there() -> None:
    report = region_report()
    report.municipalities[0].caseload.by_benefit_kind = []
    rows = csv_rows(render_month_csv(report))
    assert rows["caseload.by_benefit_kind.PW"][5:] == ["0", "2000", "3000", "6000"]
    published = csv_rows(render_month_csv(publication(report)))
    assert published["caseload.by_benefit_kind.PW"][5:] == [
        "<5",
        "2000",
        "3000",
        "6000",
    ]


def test_an_empty_report_has_the_total_only() -> None:
    report = MonthReport(MONTH, AS_OF, [], Figures("", "Totaal"))
    rows = csv_rows(render_month_csv(report))
    assert rows["header"][len(HEADINGS) :] == ["Totaal"]
    assert rows["caseload.total"][5:] == ["0"]


def test_xlsx_has_the_same_rows_with_numbers_and_number_formats() -> None:
    report = region_report()
    book = load_workbook(io.BytesIO(render_month_xlsx(report)))
    sheet = book["Maandrapportage"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == [*HEADINGS, "Beverwijk", "Heemskerk", "Velsen", "Totaal"]
    by_key = {row[4]: (index, row) for index, row in enumerate(values, start=1)}
    line, row = by_key["caseload.total"]
    assert row[5:] == [1234, 2468, 3702, 7404]
    assert sheet.cell(line, 6).number_format == "#,##0"
    line, row = by_key["subsidy.month_amount"]
    assert [Decimal(str(v)) for v in row[5:]] == [
        Decimal("1234.56"),
        Decimal("2469.12"),
        Decimal("3703.68"),
        Decimal("7407.36"),
    ]
    assert sheet.cell(line, 9).number_format == '"€" #,##0.00'
    line, row = by_key["intake.within_deadline_pct"]
    assert list(row[5:]) == [83] * 4
    assert sheet.cell(line, 6).number_format == '0" %"'
    # the same rows as the CSV, in the same order
    csv_keys = [k for k in csv_rows(render_month_csv(report)) if k != "header"]
    assert [row[4] for row in values[1:]] == csv_keys
    about = list(book["Toelichting"].iter_rows(values_only=True))
    assert ("Periode", "oktober 2026") in [tuple(r[:2]) for r in about]
    assert any(r[0] == "Bestand einde maand" and r[1] for r in about)


def test_xlsx_of_the_publication_form_keeps_under_5_as_text() -> None:
    book = load_workbook(
        io.BytesIO(render_month_xlsx(publication(municipality_report())))
    )
    rows = {row[4]: row for row in book["Maandrapportage"].iter_rows(values_only=True)}
    assert rows["flows.outflow"][5] == "<5"
    assert rows["caseload.total"][5] == 1234
    assert rows["placements.sustainable_pct"][5] is None
