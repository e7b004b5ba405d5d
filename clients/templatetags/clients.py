from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from clients.dashboard import caseload_summary as summarise

register = template.Library()


@register.simple_tag(takes_context=True)
def caseload_summary(context: dict[str, Any]) -> dict[str, int]:
    """The start page's counts for the klantmanager who is logged in."""
    return summarise(context["request"].user, timezone.localdate())
