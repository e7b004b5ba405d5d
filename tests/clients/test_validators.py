from __future__ import annotations

import pytest

from django.core.exceptions import ValidationError

from clients.validators import (
    bsn_is_valid,
    make_bsn,
    normalize_postcode,
    validate_bsn,
    validate_postcode,
)


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999990019"])
def test_elfproef_accepts_valid_bsns(bsn: str) -> None:
    assert bsn_is_valid(bsn)
    validate_bsn(bsn)


@pytest.mark.parametrize(
    ("bsn", "message"),
    [
        ("123456789", "elfproef"),
        ("12345678", "9 cijfers"),
        ("12345678a", "9 cijfers"),
        ("000000000", "elfproef"),
    ],
)
def test_elfproef_rejects_invalid_bsns(bsn: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_bsn(bsn)


def test_generated_bsns_are_valid_and_distinct() -> None:
    numbers = [make_bsn(n) for n in range(20_000)]
    assert len(set(numbers)) == len(numbers)
    assert all(bsn_is_valid(n) for n in numbers)


@pytest.mark.parametrize("raw", ["1971ab", "1971 AB", " 1971  ab "])
def test_postcode_is_normalised(raw: str) -> None:
    assert normalize_postcode(raw) == "1971 AB"
    validate_postcode(normalize_postcode(raw))


@pytest.mark.parametrize(
    "postcode", ["0971 AB", "1971 SA", "197 AB", "ABCD 12", "1971"]
)
def test_invalid_postcodes_are_refused(postcode: str) -> None:
    with pytest.raises(ValidationError, match="postcode"):
        validate_postcode(postcode)
