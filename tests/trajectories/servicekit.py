"""Helpers the service tests share: the clock, a client per municipality, the audit trail."""

from __future__ import annotations

from typing import Any

import pytest

from django.core.exceptions import ValidationError

from clients.models import Client
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit.models import AuditEvent
from tests.clients.factories import ClientFactory

# Every date in these tests is in 2026; "today" is 1 September 2026.
TODAY = "2026-09-01T10:00:00+02:00"


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to(TODAY, tick=False)


def make_client(
    klantmanager: User, municipality: Municipality | None = None, **fields: Any
) -> Client:
    if municipality is not None:
        fields["municipality"] = municipality
    fields.setdefault("target_group", 2)
    return ClientFactory.create(klantmanager=klantmanager, **fields)


def events(action: str | None = None, app: str = "trajectories") -> list[AuditEvent]:
    """The audit events of ``app``'s rows (not the personas' accounts)."""
    rows = AuditEvent.objects.filter(content_type__app_label=app).order_by("pk")
    if action is not None:
        rows = rows.filter(action=action)
    return list(rows)


def refused(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict
