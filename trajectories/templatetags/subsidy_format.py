"""Dutch notation for the numbers in a subsidy formula ("14.71 × 36.0" → "14,71 × 36")."""

from __future__ import annotations

import re

from django import template

register = template.Library()

_DECIMAL = re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?![\d.,])")


def _dutch(match: re.Match[str]) -> str:
    whole, fraction = match[1], match[2]
    return whole if set(fraction) == {"0"} else f"{whole},{fraction}"


@register.filter
def dutch_numbers(text: str) -> str:
    """Decimal points in a formula's numbers become commas; "36.0" is "36"."""
    return _DECIMAL.sub(_dutch, str(text))
