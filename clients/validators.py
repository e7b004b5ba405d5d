"""Validators for Dutch identifiers: BSN (elfproef) and postcode."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

POSTCODE_RE = re.compile(r"^[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}$")
LANGUAGE_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2", "moedertaal")


def bsn_is_valid(value: str) -> bool:
    """Elfproef: 9 digits, weights 9..2 and -1, sum divisible by 11 (and not 0)."""
    if not (isinstance(value, str) and len(value) == 9 and value.isdigit()):
        return False
    total = sum(int(d) * w for d, w in zip(value[:8], range(9, 1, -1), strict=True))
    total -= int(value[8])
    return total % 11 == 0 and value != "000000000"


def validate_bsn(value: str) -> None:
    if not (isinstance(value, str) and len(value) == 9 and value.isdigit()):
        raise ValidationError(
            _("Een BSN bestaat uit precies 9 cijfers."), code="bsn_format"
        )
    if not bsn_is_valid(value):
        raise ValidationError(
            _("Dit BSN is ongeldig (het voldoet niet aan de elfproef)."),
            code="bsn_elfproef",
        )


def make_bsn(number: int) -> str:
    """A valid, distinct BSN for each ``number`` below 8,999,999 (demo and tests)."""
    for k in range(10):
        prefix = f"{10_000_000 + number * 10 + k:08d}"
        total = sum(int(d) * w for d, w in zip(prefix, range(9, 1, -1), strict=True))
        if total % 11 < 10:
            return f"{prefix}{total % 11}"
    raise AssertionError("unreachable: one of ten prefixes always has a check digit")


def normalize_postcode(value: str) -> str:
    """'1234ab' -> '1234 AB'; anything else is returned stripped and upper-cased."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if len(compact) == 6:
        return f"{compact[:4]} {compact[4:]}"
    return (value or "").strip().upper()


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match(value or ""):
        raise ValidationError(
            _("Vul een geldige Nederlandse postcode in, zoals 1971 AB."),
            code="postcode",
        )


def validate_languages(value: object) -> None:
    """A list of {"language": str, "level": A1..C2 or moedertaal}."""
    message = _("Talen moeten een lijst zijn van taal en niveau (A1 tot en met C2).")
    if not isinstance(value, list):
        raise ValidationError(message, code="languages")
    for item in value:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("language"), str)
            and item["language"].strip()
            and item.get("level") in LANGUAGE_LEVELS
        ):
            raise ValidationError(message, code="languages")
