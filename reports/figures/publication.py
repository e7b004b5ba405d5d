"""The publication form of a report: counts under 5 shown as "<5" (domain guide §9).

A copy: the raw report stays as it is. Every field marked ``count()`` in
``reports.figures.types`` under ``THRESHOLD`` becomes ``SUPPRESSED``; a
figure marked ``derived(...)`` (a percentage, an average, a difference) is
hidden (None) when one of the counts it is computed from is under the
threshold, so it cannot give the suppressed count away. Money amounts stay.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

from reports.figures.types import Evaluation, MonthReport

THRESHOLD = 5
SUPPRESSED = "<5"

R = TypeVar("R", MonthReport, Evaluation)


def suppress(value: Any) -> Any:
    return SUPPRESSED if isinstance(value, int) and value < THRESHOLD else value


def _published(value: Any) -> Any:
    if isinstance(value, list):
        return [_published(item) for item in value]
    if not is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for f in fields(value):
        current = getattr(value, f.name)
        if f.metadata.get("count"):
            changes[f.name] = suppress(current)
        elif "of" in f.metadata:
            small = any(getattr(value, name) < THRESHOLD for name in f.metadata["of"])
            changes[f.name] = None if small else current
        else:
            changes[f.name] = _published(current)
    return replace(value, **changes)


def publication(report: R) -> R:
    """A copy of ``report`` (monthly report or evaluation) fit for publication."""
    published: R = _published(report)
    published.publication = True
    return published
