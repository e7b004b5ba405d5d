"""Checking the bookings row by row, every problem with its row and column."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from budgets.imports.parsing import (
    DATE_FORMATS,
    MAX_ROWS,
    PERIOD_FORMATS,
    STREAM_NAMES,
    Report,
    Row,
    delimiter,
    header_index,
    parse_amount,
    parse_date,
)
from ijmondwerkt.accounts.models import Municipality
from trajectories.models.choices import FundingStream


def _parse_row(
    line: int,
    cells: dict[str, str],
    *,
    year: int,
    today: date,
    municipalities: dict[str, Municipality],
    served: frozenset[int],
    report: Report,
) -> Row | None:
    before = len(report.errors)

    code = cells.get("gemeente", "")
    municipality = None
    if not code:
        report.error(line, "gemeente", _("Vul de CBS-code van de gemeente in."))
    elif not code.isdigit() or len(code) > 4:
        report.error(line, "gemeente", _("Een CBS-code bestaat uit 4 cijfers."), code)
    else:
        municipality = municipalities.get(code.zfill(4))
        if municipality is None:
            report.error(
                line,
                "gemeente",
                _("Er is geen gemeente met CBS-code %(code)s.")
                % {"code": code.zfill(4)},
                code,
            )
        elif municipality.pk not in served:
            report.error(
                line,
                "gemeente",
                _("U beheert geen budgetten van %(name)s.")
                % {"name": municipality.name},
                code,
            )

    stream_text = cells.get("stroom", "")
    stream = STREAM_NAMES.get(stream_text.strip().lower())
    if stream is None:
        report.error(
            line,
            "stroom",
            _("Onbekende financieringsstroom; kies uit %(choices)s.")
            % {"choices": ", ".join(FundingStream.values)}
            if stream_text
            else _("Vul de financieringsstroom in."),
            stream_text,
        )

    booked_on: date | None = None
    month: int | None = None
    if cells.get("datum"):
        booked_on = parse_date(cells["datum"], DATE_FORMATS)
        if booked_on is None:
            report.error(
                line,
                "datum",
                _("Geen geldige datum; schrijf hem als 15-10-%(year)s.")
                % {"year": year},
                cells["datum"],
            )
        elif booked_on.year != year:
            report.error(
                line,
                "datum",
                _("De datum ligt niet in %(year)s, het jaar van deze import.")
                % {"year": year},
                cells["datum"],
            )
        elif booked_on > today:
            report.error(
                line,
                "datum",
                _(
                    "De datum ligt in de toekomst; een realisatie is al uitgegeven geld."
                ),
                cells["datum"],
            )
        else:
            month = booked_on.month
    elif cells.get("periode"):
        period = parse_date(cells["periode"], PERIOD_FORMATS)
        if period is None:
            report.error(
                line,
                "periode",
                _("Geen geldige periode; schrijf hem als 10-%(year)s.")
                % {"year": year},
                cells["periode"],
            )
        elif period.year != year:
            report.error(
                line,
                "periode",
                _("De periode ligt niet in %(year)s, het jaar van deze import.")
                % {"year": year},
                cells["periode"],
            )
        elif (period.year, period.month) > (today.year, today.month):
            report.error(
                line,
                "periode",
                _(
                    "De periode ligt in de toekomst; een realisatie is al uitgegeven geld."
                ),
                cells["periode"],
            )
        else:
            month = period.month
    else:
        column = "datum" if "datum" in cells else "periode"
        report.error(line, column, _("Vul de datum of de periode in."))

    amount: Decimal | None = None
    if not cells.get("bedrag"):
        report.error(line, "bedrag", _("Vul het bedrag in."))
    else:
        try:
            amount = parse_amount(cells["bedrag"])
        except ValueError as exc:
            report.error(line, "bedrag", str(exc), cells["bedrag"])

    reference = cells.get("boekingskenmerk", "").strip()
    if not reference:
        report.error(line, "boekingskenmerk", _("Vul het boekingskenmerk in."))
    elif len(reference) > 100:
        report.error(
            line, "boekingskenmerk", _("Het boekingskenmerk is langer dan 100 tekens.")
        )

    description = cells.get("omschrijving", "").strip()
    if len(description) > 255:
        report.error(
            line, "omschrijving", _("De omschrijving is langer dan 255 tekens.")
        )

    if len(report.errors) > before:
        return None
    assert municipality is not None and stream is not None and amount is not None
    assert month is not None
    return Row(
        line, municipality, stream, month, booked_on, amount, reference, description
    )


def parse_rows(
    text: str, *, year: int, today: date, served: frozenset[int], report: Report
) -> list[Row]:
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        report.error(None, None, _("Het bestand is leeg."))
        return []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter(lines[0]))
    header = next(reader)
    index = header_index(header, report)
    if index is None:
        return []
    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    rows: list[Row] = []
    seen: dict[tuple[int, str], int] = {}
    count = 0
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            report.error(
                None,
                None,
                _("Het bestand heeft meer dan %(max)s regels; splits het.")
                % {"max": MAX_ROWS},
            )
            return []
        if len(cells) != len(header):
            report.error(
                line,
                None,
                _("Deze regel heeft %(n)s kolommen, de kopregel %(m)s.")
                % {"n": len(cells), "m": len(header)},
            )
            continue
        values = {name: cells[i].strip() for name, i in index.items()}
        row = _parse_row(
            line,
            values,
            year=year,
            today=today,
            municipalities=municipalities,
            served=served,
            report=report,
        )
        if row is None:
            continue
        key = (row.municipality.pk, row.reference)
        if key in seen:
            report.error(
                line,
                "boekingskenmerk",
                _("Dit boekingskenmerk staat ook op regel %(other)s.")
                % {"other": seen[key]},
                row.reference,
            )
            continue
        seen[key] = line
        rows.append(row)
    report.data_rows = count
    if not count:
        report.error(
            None, None, _("Het bestand bevat geen boekingen, alleen een kopregel.")
        )
    return rows
