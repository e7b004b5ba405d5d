"""Dutch identifiers: BSN, KvK number, establishment number and postcode.

One home for reading an identifier typed by a person or sent by a system. Every
channel (model validators, forms, API serializers, searches, demo data) uses
these functions, so "the same number" means the same thing everywhere.

Normalising strips spaces, dots and dashes and lets python-stdnum fold the
forms it knows (fullwidth digits from an Asian input method, Unicode dashes and
spaces) to ASCII. What is left must be ASCII digits: a digit from another
script (Arabic-Indic, Devanagari, ...) or a superscript is refused with a
Dutch message, so a look-alike copy of a BSN can never open a second file, and
``int()`` never sees a character it cannot read. Messages never repeat the
value: an identifier does not belong in an error text or a log line.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote

from stdnum import exceptions as stdnum_errors
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode
from stdnum.util import clean, isdigits

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

SEPARATORS = " .-"

BSN_FORMAT = _("Een BSN bestaat uit precies 9 cijfers.")
BSN_CHECKSUM = _("Dit BSN is ongeldig (het voldoet niet aan de elfproef).")
KVK_FORMAT = _("Het KvK-nummer moet uit precies 8 cijfers bestaan.")
ESTABLISHMENT_FORMAT = _("Het vestigingsnummer moet uit precies 12 cijfers bestaan.")
POSTCODE_FORMAT = _("Vul een geldige Nederlandse postcode in, zoals 1971 AB.")
FOREIGN_DIGITS = _(
    "Gebruik alleen de cijfers 0 tot en met 9 (geen cijfers uit een ander schrift "
    "en geen superscript)."
)


def has_foreign_digits(value: str) -> bool:
    """A numeric character that is not one of the ASCII digits 0-9."""
    return any(
        unicodedata.category(char).startswith("N") and char not in "0123456789"
        for char in value
    )


def _compact(value: Any, message: Any, code: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(message, code=code)
    try:
        compact = clean(value, SEPARATORS).strip()
    except stdnum_errors.ValidationError as exc:
        raise ValidationError(message, code=code) from exc
    compact = "".join(char for char in compact if not char.isspace())
    if has_foreign_digits(compact):
        raise ValidationError(FOREIGN_DIGITS, code="non_ascii_digits")
    return compact


def _digits(value: Any, length: int, message: Any, code: str) -> str:
    compact = _compact(value, message, code)
    if len(compact) != length or not isdigits(compact):
        raise ValidationError(message, code=code)
    return compact


def normalise_bsn(value: Any) -> str:
    """'1234.56.782' -> '123456782'; exactly 9 ASCII digits passing the elfproef.

    An 8-digit number is refused rather than padded with a leading zero: a
    dropped digit is a common typing error, and padding would let one in
    eleven of those through as somebody else's valid BSN.
    """
    compact = _digits(value, 9, BSN_FORMAT, "bsn_format")
    try:
        return str(stdnum_bsn.validate(compact))
    except stdnum_errors.ValidationError as exc:
        raise ValidationError(BSN_CHECKSUM, code="bsn_elfproef") from exc


def bsn_is_normal(value: Any) -> bool:
    """A valid BSN already in normal form (9 ASCII digits, elfproef)."""
    try:
        return normalise_bsn(value) == value
    except ValidationError:
        return False


def normalise_kvk(value: Any) -> str:
    """8 ASCII digits. KvK numbers have no check digit since 2016."""
    return _digits(value, 8, KVK_FORMAT, "kvk_format")


def normalise_establishment_number(value: Any) -> str:
    """12 ASCII digits, or '' when none was given (it is optional)."""
    if value in (None, ""):
        return ""
    return _digits(value, 12, ESTABLISHMENT_FORMAT, "establishment_format")


def normalise_postcode(value: Any) -> str:
    """'1971ab' -> '1971 AB' (python-stdnum; SA, SD and SS are not issued)."""
    if value in (None, ""):
        return ""
    compact = _compact(value, POSTCODE_FORMAT, "postcode")
    try:
        return str(stdnum_postcode.validate(compact))
    except stdnum_errors.ValidationError as exc:
        raise ValidationError(POSTCODE_FORMAT, code="postcode") from exc


def digits_prefix(value: str) -> str:
    """The ASCII digits of a search term made only of digits and separators
    ('1234 56' -> '123456'), else ''. For a prefix search on KvK numbers."""
    try:
        compact = _compact(value, "", "")
    except ValidationError:
        return ""
    return compact if compact and isdigits(compact) else ""


def _validator(normalise: Callable[[Any], str]) -> Callable[[Any], None]:
    """A model validator: the stored value must already be in normal form."""

    def validate(value: Any) -> None:
        if value in (None, ""):
            return
        if normalise(value) != value:
            raise ValidationError(_("Dit nummer is niet in de standaardvorm."))

    return validate


validate_bsn = _validator(normalise_bsn)
validate_kvk = _validator(normalise_kvk)
validate_establishment_number = _validator(normalise_establishment_number)
validate_postcode = _validator(normalise_postcode)


def make_bsn(number: int) -> str:
    """A valid, distinct BSN for each ``number`` below 8,999,999 (demo and tests)."""
    for k in range(10):
        prefix = f"{10_000_000 + number * 10 + k:08d}"
        for check in range(10):
            if stdnum_bsn.is_valid(prefix + str(check)):
                return prefix + str(check)
    raise AssertionError("unreachable: one of ten prefixes always has a check digit")


def bsn_lock_key(bsn: str) -> int:
    """A 63-bit lock key for a BSN, keyed with SECRET_KEY.

    The key goes into SQL (``pg_advisory_xact_lock``) and so may end up in a
    statement log; without the secret it cannot be traced back to the BSN.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"bsn:{bsn}".encode(), hashlib.sha256
    ).digest()
    return int.from_bytes(digest[:8], "big") >> 1


# --- BSN-like values where none belongs (URLs) ------------------------------------

_SEPARATOR_CHARS = frozenset(" .-\u00a0\u2009\u202f")
_RUN = re.compile(r"[0-9](?:[ .\-]*[0-9])*", re.ASCII)


def _ascii_digits(value: str) -> str:
    """Every digit form (fullwidth, Arabic-Indic, superscript) as its ASCII digit;
    Unicode dashes and spaces as '-' and ' '."""
    result = []
    for char in value:
        digit = unicodedata.digit(char, None)
        if digit is not None:
            result.append(str(digit))
        elif unicodedata.category(char) == "Pd":
            result.append("-")
        elif char.isspace() or unicodedata.category(char) in ("Zs", "Cf"):
            result.append(" ")
        else:
            result.append(char)
    return "".join(result)


def _digit_runs(value: str) -> Iterator[str]:
    """Runs of digits with only spaces, dots or dashes between them, that are not
    part of a longer code (a UUID, '2024-01-01T10:00', 'A123456789')."""
    text = _ascii_digits(value)
    for match in _RUN.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if before.isalnum() or after.isalnum():
            continue
        yield re.sub(r"[^0-9]", "", match.group())


def contains_bsn_like(value: str) -> bool:
    """Does the text carry 9 digits that could be a BSN, in any digit form?

    Any 9-digit run counts, valid elfproef or not: a mistyped BSN is still
    personal data. Percent-encoded copies (a ``next`` link inside a link) are
    decoded and checked too. 8 digits do not count: that is a KvK number.
    """
    seen = set()
    for _depth in range(4):
        if value in seen:
            break
        seen.add(value)
        if any(len(run) == 9 for run in _digit_runs(value)):
            return True
        value = unquote(value)
    return False


def looks_like_bsn(value: str) -> bool:
    """The whole value is 9 digits (after spaces, dots and dashes)."""
    text = "".join(
        char for char in _ascii_digits(value) if char not in _SEPARATOR_CHARS
    )
    return len(text) == 9 and text.isascii() and text.isdigit()


# --- fields for forms and serializers ---------------------------------------------


class IdentifierFormField(forms.CharField):
    """A form field that normalises an identifier, so its error comes back with
    every other field's error in the same response."""

    def __init__(self, *, normalise: Callable[[Any], str], **kwargs: Any) -> None:
        self.normalise = normalise
        kwargs.setdefault("max_length", 30)  # input, with spaces and dots
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if value in self.empty_values:
            return str(self.empty_value)
        return self.normalise(value)


class IdentifierSerializerField(serializers.CharField):
    """The same for the API: errors land in ``invalidParams`` with the rest."""

    def __init__(self, *, normalise: Callable[[Any], str], **kwargs: Any) -> None:
        self.normalise = normalise
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if value == "":
            return value
        try:
            return self.normalise(value)
        except ValidationError as exc:
            raise serializers.ValidationError(
                [str(m) for m in exc.messages], code=exc.code or "invalid"
            ) from None
