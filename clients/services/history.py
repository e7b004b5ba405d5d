"""The file's history: every write is an audit event about the client.

Services call ``ijmondwerkt.audit.record(obj, ..., client=client)``; the
client's timeline is ``clients.timeline.events(client)``. Values are stored
plain (``display``: ISO dates, names of related objects) and shown in Dutch by
``clients.timeline``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model

from ijmondwerkt.audit import display


def new_values(obj: Model, fields: Iterable[str]) -> dict[str, list[Any]]:
    """``{field: [None, value]}`` for the fields a new object has filled in."""
    return {
        f: [None, display(getattr(obj, f))]
        for f in fields
        if getattr(obj, f) not in (None, "")
    }


__all__ = ["display", "new_values"]
