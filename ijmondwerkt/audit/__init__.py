"""One audit trail for every write: ``record``, ``acting_as``, ``current_actor``, ``diff``.

    from ijmondwerkt.audit import record, acting_as, current_actor

Imported lazily, so this package can be named in INSTALLED_APPS.
See docs/audit.md.
"""

from __future__ import annotations

from typing import Any

from ijmondwerkt.audit.context import acting_as, current_actor

__all__ = [
    "AuditedManager",
    "AuditedQuerySet",
    "acting_as",
    "current_actor",
    "diff",
    "display",
    "last_event_for",
    "record",
    "snapshot",
]

_LAZY = {
    "AuditedManager",
    "AuditedQuerySet",
    "diff",
    "display",
    "last_event_for",
    "record",
    "snapshot",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from ijmondwerkt.audit import services

        return getattr(services, name)
    raise AttributeError(name)
