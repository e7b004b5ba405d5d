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

from budgets.imports.parsing import (
    MAX_BYTES,
    MAX_ROWS,
    Report,
    Row,
    decode,
    delimiter,
    parse_amount,
)
from budgets.imports.service import realisation_import

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "Report",
    "Row",
    "decode",
    "delimiter",
    "parse_amount",
    "realisation_import",
]
