"""Reading the file: columns, encoding, separator, amounts, dates; the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal

from django.utils.translation import gettext as _

from ijmondwerkt.accounts.models import Municipality
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


def parse_date(value: str, formats: tuple[str, ...]) -> date | None:
    for fmt in formats:
        try:
            # Only the calendar date is used: no time zone is involved.
            return datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def read_upload(file: Any) -> tuple[bytes, str]:
    """The bytes and the name of an upload, a file object, bytes or a path-less buffer."""
    if isinstance(file, bytes | bytearray):
        return bytes(file), ""
    name = str(getattr(file, "name", "") or "")
    data = b"".join(file.chunks()) if hasattr(file, "chunks") else file.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, name.rsplit("/", 1)[-1]


def header_index(names: list[str], report: Report) -> dict[str, int] | None:
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
