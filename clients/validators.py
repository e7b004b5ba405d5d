"""Validators for client fields. Identifiers (BSN, postcode) live in
``ijmondwerkt.identifiers``; these names stay because migrations refer to them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ijmondwerkt import identifiers

MAX_LANGUAGES = 30
LANGUAGE_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2", "moedertaal")

make_bsn = identifiers.make_bsn


def bsn_is_valid(value: str) -> bool:
    """Elfproef on exactly 9 ASCII digits."""
    return identifiers.bsn_is_normal(value)


def validate_bsn(value: str) -> None:
    identifiers.validate_bsn(value)


def normalize_postcode(value: str) -> str:
    """'1234ab' -> '1234 AB'; anything else is returned stripped and upper-cased
    (for a prefix search, or for the validator to refuse with its message)."""
    try:
        return identifiers.normalise_postcode(value or "")
    except ValidationError:
        return (value or "").strip().upper()


def validate_postcode(value: str) -> None:
    identifiers.validate_postcode(value)


def validate_languages(value: object) -> None:
    """A list of {"language": str, "level": A1..C2 or moedertaal}."""
    message = _("Talen moeten een lijst zijn van taal en niveau (A1 tot en met C2).")
    if not isinstance(value, list) or len(value) > MAX_LANGUAGES:
        raise ValidationError(message, code="languages")
    for item in value:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("language"), str)
            and item["language"].strip()
            and len(item["language"]) <= 50
            and item.get("level") in LANGUAGE_LEVELS
        ):
            raise ValidationError(message, code="languages")
