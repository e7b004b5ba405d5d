"""Realisation import: a CSV export of the financial system, all rows or none.

The columns and their formats are documented in docs/budgets.md. In short:
one header row, then one booking per row, separated by ``;`` (or ``,`` or a
tab: the separator the header uses most), in UTF-8 (with or without BOM) or
Windows-1252, with the columns

    gemeente         CBS code ("0453"; "453" as a spreadsheet writes it is read too)
    stroom           participatiebudget, buig, beschut-werk, wsw or overig (or the label)
    datum | periode  booking date "15-10-2026", or the period "10-2026"
    bedrag           "1.234,56" (Dutch notation, not negative, at most two decimals)
    boekingskenmerk  the booking's key in the financial system
    omschrijving     optional

Amounts are read with Babel (``parse_decimal``, locale nl_NL, strict), dates
with ``datetime.strptime``. The import is all-or-nothing: one wrong row and
nothing is stored, with a report of every rejected row, its column and why
(in Dutch). An accepted file is not read a second time (its SHA-256), and a
booking whose key is already stored for the municipality is skipped, so
overlapping exports do not double either.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from babel.numbers import NumberFormatError, parse_decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.models import BUDGET_ROLES, Realisation, RealisationImport
from budgets.services import euro
from ijmondwerkt import scoping
from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.audit import record
from trajectories.models.choices import FundingStream

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_AMOUNT = Decimal("999999999999.99")

REQUIRED = ("gemeente", "stroom", "bedrag", "boekingskenmerk")
DATE_COLUMNS = ("datum", "periode")
OPTIONAL = ("omschrijving",)
COLUMNS = (*REQUIRED, *DATE_COLUMNS, *OPTIONAL)
# Other names financial systems give the same columns.
ALIASES = {
    "cbs-code": "gemeente",
    "gemeentecode": "gemeente",
    "financieringsstroom": "stroom",
    "boekdatum": "datum",
    "kenmerk": "boekingskenmerk",
    "boekingsnummer": "boekingskenmerk",
}
STREAM_NAMES = {
    **{value: value for value in FundingStream.values},
    **{str(label).lower(): value for value, label in FundingStream.choices},
    "inkomensdeel": FundingStream.BENEFITS.value,
    "i-deel": FundingStream.BENEFITS.value,
    "w-deel": FundingStream.PARTICIPATION.value,
    "beschut werk": FundingStream.BESCHUT.value,
}
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d")
PERIOD_FORMATS = ("%m-%Y", "%Y-%m", "%m/%Y")
EXPECTED = "gemeente; stroom; datum of periode; bedrag; boekingskenmerk; omschrijving (niet verplicht)"


@dataclass
class Row:
    line: int
    municipality: Municipality
    funding_stream: str
    month: int
    booked_on: date | None
    amount: Decimal
    reference: str
    description: str


class Report:
    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []
        self.skipped: list[dict[str, Any]] = []
        self.data_rows = 0  # bookings read, good or bad

    def error(
        self, row: int | None, column: str | None, message: str, value: str = ""
    ) -> None:
        if row is None:
            text = message
        elif column is None:
            text = _("Regel %(row)s: %(message)s") % {"row": row, "message": message}
        else:
            text = _("Regel %(row)s, kolom %(column)s: %(message)s") % {
                "row": row,
                "column": column,
                "message": message,
            }
        self.errors.append(
            {
                "row": row,
                "column": column,
                "value": value,
                "message": message,
                "text": text,
            }
        )

    def as_json(self) -> dict[str, Any]:
        return {"errors": self.errors, "skipped": self.skipped}


def decode(raw: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (a BOM dropped), else Windows-1252."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "windows-1252"  # may raise: caller reports


def delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", "\t", ",")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"


def parse_amount(value: str) -> Decimal:
    """A Dutch amount ("1.234,56", "€ 12,50") with Babel; ValueError with a reason."""
    text = value.replace("€", "").replace("\u00a0", " ").strip()
    try:
        amount = parse_decimal(text, locale="nl_NL", strict=True)
    except NumberFormatError:
        raise ValueError(
            _('"%(value)s" is geen bedrag; schrijf het als 1.234,56.')
            % {"value": value}
        ) from None
    if not amount.is_finite():
        raise ValueError(_('"%(value)s" is geen bedrag.') % {"value": value})
    if amount < 0:
        raise ValueError(
            _(
                "Het bedrag is negatief; een realisatie is uitgegeven geld, lever "
                "een correctie als aparte boeking in het financiële systeem aan."
            )
        )
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(_("Een bedrag heeft hoogstens twee cijfers achter de komma."))
    if amount > MAX_AMOUNT:
        raise ValueError(_("Het bedrag is te groot."))
    return amount.quantize(Decimal("0.01"))


def _strptime(value: str, formats: tuple[str, ...]) -> date | None:
    for fmt in formats:
        try:
            # Only the calendar date is used: no time zone is involved.
            return datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _read(file: Any) -> tuple[bytes, str]:
    """The bytes and the name of an upload, a file object, bytes or a path-less buffer."""
    if isinstance(file, bytes | bytearray):
        return bytes(file), ""
    name = str(getattr(file, "name", "") or "")
    data = b"".join(file.chunks()) if hasattr(file, "chunks") else file.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, name.rsplit("/", 1)[-1]


def _header(names: list[str], report: Report) -> dict[str, int] | None:
    """Column name → index; every problem with the header reported at once."""
    index: dict[str, int] = {}
    for position, raw in enumerate(names):
        name = raw.strip().lstrip("\ufeff").strip().lower()
        name = ALIASES.get(name, name)
        if not name:
            report.error(
                1, None, _("Kolom %(n)s heeft geen naam.") % {"n": position + 1}
            )
        elif name not in COLUMNS:
            report.error(
                1,
                raw.strip(),
                _("Onbekende kolom. Verwacht: %(expected)s.") % {"expected": EXPECTED},
            )
        elif name in index:
            report.error(1, name, _("Deze kolom staat twee keer in de kopregel."))
        else:
            index[name] = position
    for name in REQUIRED:
        if name not in index:
            report.error(
                1,
                name,
                _("Deze kolom ontbreekt. Verwacht: %(expected)s.")
                % {"expected": EXPECTED},
            )
    if not any(name in index for name in DATE_COLUMNS):
        report.error(
            1,
            "datum",
            _("Een kolom datum of periode ontbreekt. Verwacht: %(expected)s.")
            % {"expected": EXPECTED},
        )
    return None if report.errors else index


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
        booked_on = _strptime(cells["datum"], DATE_FORMATS)
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
        period = _strptime(cells["periode"], PERIOD_FORMATS)
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


def _parse(
    text: str, *, year: int, today: date, served: frozenset[int], report: Report
) -> list[Row]:
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        report.error(None, None, _("Het bestand is leeg."))
        return []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter(lines[0]))
    header = next(reader)
    index = _header(header, report)
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


def _already_stored(rows: list[Row], report: Report) -> list[Row]:
    """Drop bookings stored before (same municipality and key); a changed amount is an error."""
    if not rows:
        return rows
    stored = {
        (m, ref): amount
        for m, ref, amount in Realisation.objects.filter(
            municipality_id__in={r.municipality.pk for r in rows},
            reference__in={r.reference for r in rows},
        ).values_list("municipality_id", "reference", "amount")
    }
    fresh = []
    for row in rows:
        key = (row.municipality.pk, row.reference)
        if key not in stored:
            fresh.append(row)
        elif stored[key] != row.amount:
            report.error(
                row.line,
                "boekingskenmerk",
                _(
                    "Deze boeking is al ingelezen met een ander bedrag (%(old)s); "
                    "lever een correctie als aparte boeking aan."
                )
                % {"old": euro(stored[key])},
                row.reference,
            )
        else:
            report.skipped.append({"row": row.line, "reference": row.reference})
    return fresh


@transaction.atomic
def realisation_import(
    *,
    user: Any,
    file: bytes | IO[bytes] | Any,
    year: int | None = None,
    file_name: str = "",
    today: date | None = None,
) -> RealisationImport:
    """Read a realisation export: all rows stored, or none with the reasons.

    Returns the import: ``accepted`` with its counts, or rejected with
    ``report["errors"]`` naming every wrong row and column (an error without
    a row is about the whole file, e.g. the same file a second time). ``year``
    is the year the bookings must lie in (default: this year).
    """
    today = today or timezone.localdate()
    year = year or today.year
    raw, name = _read(file)
    report = Report()
    entry = RealisationImport(
        file_name=(file_name or name)[:255],
        file_hash=hashlib.sha256(raw).hexdigest(),
        year=year,
        uploaded_by=user,
        status=RealisationImport.Status.REJECTED,
    )
    served = scoping.served_municipalities(user, BUDGET_ROLES)
    rows: list[Row] = []
    previous = (
        RealisationImport.objects.filter(
            file_hash=entry.file_hash, status=RealisationImport.Status.ACCEPTED
        )
        .select_related("uploaded_by")
        .first()
    )
    if previous is not None:
        report.error(None, None, _duplicate_message(previous))
    elif len(raw) > MAX_BYTES:
        report.error(None, None, _("Het bestand is groter dan 10 MB; splits het."))
    else:
        try:
            text, entry.encoding = decode(raw)
        except UnicodeDecodeError:
            report.error(
                None,
                None,
                _("Het bestand is geen tekst in UTF-8 of Windows-1252 (CSV)."),
            )
        else:
            try:
                rows = _parse(
                    text, year=year, today=today, served=served, report=report
                )
            except csv.Error as exc:
                report.error(None, None, _("Het bestand is geen geldige CSV: %s") % exc)
            rows = _already_stored(rows, report) if not report.errors else []
    entry.row_count = report.data_rows
    if report.errors:
        return _reject(entry, report, user)
    entry.status = RealisationImport.Status.ACCEPTED
    entry.imported_count = len(rows)
    entry.skipped_count = len(report.skipped)
    entry.total_amount = sum((r.amount for r in rows), Decimal("0.00"))
    entry.report = report.as_json()
    entry.full_clean()
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:  # the same file accepted at this very moment
        entry.pk = None
        entry.status = RealisationImport.Status.REJECTED
        report.error(None, None, _("Dit bestand is al ingelezen."))
        return _reject(entry, report, user)
    Realisation.objects.bulk_create(
        [
            Realisation(
                municipality=r.municipality,
                funding_stream=r.funding_stream,
                year=year,
                month=r.month,
                booked_on=r.booked_on,
                amount=r.amount,
                description=r.description,
                reference=r.reference,
                source=Realisation.Source.IMPORT,
                source_import=entry,
                created_by=user,
            )
            for r in rows
        ],
        batch_size=2000,
    )
    entry.municipalities.set({r.municipality.pk for r in rows})
    record(
        entry,
        action="realisation_imported",
        summary=_(
            "Realisatie ingelezen uit %(file)s: %(n)s boekingen, %(total)s "
            "(%(skipped)s al eerder ingelezen)"
        )
        % {
            "file": entry.file_name or _("een bestand"),
            "n": entry.imported_count,
            "total": euro(entry.total_amount),
            "skipped": entry.skipped_count,
        },
        actor=user,
    )
    return entry


def _duplicate_message(previous: RealisationImport) -> str:
    uploaded = timezone.localtime(previous.uploaded_at)
    return _(
        "Dit bestand is al ingelezen op %(day)s door %(who)s; er is niets "
        "opnieuw geboekt."
    ) % {
        "day": f"{uploaded:%d-%m-%Y %H:%M}",
        "who": previous.uploaded_by.get_full_name() or previous.uploaded_by.username,
    }


def _reject(entry: RealisationImport, report: Report, user: Any) -> RealisationImport:
    """Keep the attempt and its report (no realisation is stored)."""
    entry.status = RealisationImport.Status.REJECTED
    entry.imported_count = 0
    entry.skipped_count = 0
    entry.total_amount = Decimal("0.00")
    entry.report = report.as_json()
    entry.save()
    record(
        entry,
        action="realisation_import_rejected",
        summary=_("Import realisatie afgewezen: %(n)s fouten")
        % {"n": len(report.errors)},
        actor=user,
    )
    return entry
