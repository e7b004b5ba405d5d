"""Writes for the follow-up moments (nazorg) of a placement."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ijmondwerkt.audit import diff, record, snapshot
from ijmondwerkt.versioning import lock_for_update, save_versioned
from trajectories.models import FollowUp, FollowUpOutcome

from .common import not_in_future, require, staff, visible

# The fields a follow-up moment records, in form order.
FOLLOW_UP_FIELD_ORDER = ["held_on", "outcome", "note"]


@transaction.atomic
def follow_up_record(
    *,
    user: Any,
    follow_up: FollowUp,
    expected_version: int,
    held_on: date,
    outcome: str,
    note: str = "",
) -> FollowUp:
    """Record a follow-up moment with the employer (also after the file closed)."""
    visible(FollowUp.objects, user, follow_up, _("nazorgmoment"))
    locked = lock_for_update(
        FollowUp.objects.select_related("placement"),
        follow_up.pk,
        expected_version=expected_version,
        what=_("nazorgmoment"),
    )
    require(held_on is not None, "held_on", _("Vul de datum van het gesprek in."))
    not_in_future(held_on, "held_on")
    require(
        held_on >= locked.placement.start_date,
        "held_on",
        _("Het nazorgmoment ligt vóór de start van de plaatsing (%(day)s).")
        % {"day": f"{locked.placement.start_date:%d-%m-%Y}"},
    )
    require(
        outcome in FollowUpOutcome.values,
        "outcome",
        _("Kies de uitkomst van het nazorgmoment."),
    )
    fields = ["held_on", "outcome", "note", "recorded_by"]
    before = snapshot(locked, fields)
    locked.held_on = held_on
    locked.outcome = outcome
    locked.note = (note or "").strip()
    locked.recorded_by = staff(user)
    locked.full_clean()
    save_versioned(locked)
    record(
        locked,
        action="follow_up_recorded",
        summary=_("Nazorg na %(m)s maanden: %(outcome)s")
        % {"m": locked.months, "outcome": locked.get_outcome_display().lower()},
        changes=diff(before, locked),
        actor=user,
        client=locked.placement.client_id,
    )
    return locked
