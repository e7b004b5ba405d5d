"""The client timeline's field changes, in Dutch labels and formatted values."""

from __future__ import annotations

from django import template

from clients import timeline
from ijmondwerkt.audit.models import AuditEvent

register = template.Library()


@register.filter
def timeline_changes(event: AuditEvent) -> list[timeline.Change]:
    return timeline.changes(event)
