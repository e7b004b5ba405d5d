"""A MonthReport back from its ``to_dict()`` form, as stored in ``Report.figures``.

The stored JSON (``DjangoJSONEncoder``) has dates as "2026-10-01" and
Decimals as "1234.56"; the plain dict of ``to_dict()`` still has them as
objects. Both come back as the dataclasses of ``reports.figures.types``; a
suppressed count ("<5") stays a string. Fields missing from older stored
reports take the structure's defaults.
"""

from __future__ import annotations

import types
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from reports.figures.publication import SUPPRESSED
from reports.figures.types import MonthReport


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _value(kind: Any, value: Any) -> Any:
    if value is None or value == SUPPRESSED:
        return value
    origin = get_origin(kind)
    if origin is list:
        (item,) = get_args(kind)
        return [_value(item, v) for v in value]
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(kind) if a is not type(None)]
        return _value(options[0], value)
    if isinstance(kind, type) and is_dataclass(kind):
        return _build(kind, value)
    if kind is date:
        return value if isinstance(value, date) else date.fromisoformat(value)
    if kind is Decimal:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    if kind is bool:
        return bool(value)
    if kind is int:
        return int(value)
    return value


def _build(cls: type, data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    values = {
        f.name: _value(hints[f.name], data[f.name])
        for f in fields(cls)
        if f.name in data
    }
    return cls(**values)


def month_report_from_dict(data: dict[str, Any]) -> MonthReport:
    """The MonthReport whose ``to_dict()`` (or its stored JSON) is ``data``."""
    report: MonthReport = _build(MonthReport, data)
    return report
