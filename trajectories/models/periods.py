"""Checks every period with an end and an end reason shares (trajectories, placements)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def ended_with_reason_checks(prefix: str) -> list[models.CheckConstraint]:
    """The end is not before the start; an end date and an end reason go together."""
    return [
        models.CheckConstraint(
            condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
            name=f"{prefix}_end_after_start",
            violation_error_message=_("De einddatum ligt vóór de startdatum."),
        ),
        models.CheckConstraint(
            condition=Q(end_date__isnull=True, end_reason__isnull=True)
            | Q(end_date__isnull=False, end_reason__isnull=False),
            name=f"{prefix}_end_has_reason",
            violation_error_message=_(
                "Een einddatum en een reden einde horen bij elkaar: vul beide "
                "in of geen van beide."
            ),
        ),
    ]
