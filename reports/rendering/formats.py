"""Dutch notation for the report: "1.234", "€ 1.234,56", "45 %", "oktober 2026"."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "nl_NL"
NONE = "–"  # not computable (nothing to divide by) or hidden in the publication form

# How a row's values are written: in the tables (text) and the exports (raw).
COUNT = "count"
DELTA = "delta"  # a signed count: "+12", "-3"
PERCENT = "percent"
AVERAGE = "average"  # one decimal
MONEY = "money"
EUROS = "euros"  # money shown in whole euros (half up); the exports keep the cents
TEXT = "text"


def month_name(day: date) -> str:
    """ "oktober 2026"."""
    return str(format_date(day, "MMMM y", locale=LOCALE))


def long_date(day: date) -> str:
    """ "31 oktober 2026"."""
    return str(format_date(day, "d MMMM y", locale=LOCALE))


def short_month(day: date) -> str:
    """ "okt '26": a chart's axis label."""
    return str(format_date(day, "MMM ''yy", locale=LOCALE)).replace(".", "")


def text(value: Any, kind: str) -> str:
    """The value as the tables show it."""
    if value is None:
        return NONE
    if isinstance(value, str):
        return value or NONE
    if kind == MONEY:
        return f"€ {format_decimal(Decimal(value), '#,##0.00', locale=LOCALE)}"
    if kind == EUROS:
        whole = Decimal(value).quantize(Decimal(1), ROUND_HALF_UP)
        return f"€ {format_decimal(whole, '#,##0', locale=LOCALE)}"
    if kind == PERCENT:
        return f"{format_decimal(value, '#,##0', locale=LOCALE)} %"
    if kind == AVERAGE:
        return str(format_decimal(Decimal(value), "#,##0.0", locale=LOCALE))
    if kind == DELTA:
        sign = "+" if value > 0 else ""
        return f"{sign}{format_decimal(value, '#,##0', locale=LOCALE)}"
    return str(format_decimal(value, "#,##0", locale=LOCALE))


def plain(value: Any, kind: str) -> str:
    """The value for a Dutch spreadsheet: no thousands separator, decimal comma."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if kind in (MONEY, EUROS):
        return f"{Decimal(value):.2f}".replace(".", ",")
    if kind == AVERAGE:
        return f"{Decimal(value):.1f}".replace(".", ",")
    return str(value)
