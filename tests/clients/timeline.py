"""The client's timeline as the file page shows it, for assertions."""

from __future__ import annotations

from clients.models import Client


def timeline(client: Client) -> list[tuple[str, str]]:
    """(action, summary) of every event on the file, oldest first."""
    return list(
        client.audit_events.order_by("at", "pk").values_list("action", "summary")
    )
