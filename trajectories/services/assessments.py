"""Writes for wage-value assessments (loonwaardebepalingen)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from clients.models import Client
from ijmondwerkt.audit import record
from ijmondwerkt.versioning import lock_for_update, versioned_update
from trajectories.events import announce_costs_changed
from trajectories.models import AssessmentMethod, Placement, WageValueAssessment

from .common import (
    check_active,
    check_casework_scope,
    check_client_open,
    created,
    not_in_future,
    only,
    require,
    visible,
)

# The fields of an assessment, in the order the forms show them.
ASSESSMENT_FIELD_ORDER = [
    "placement",
    "job_description",
    "assessed_on",
    "method",
    "assessor",
    "wage_value",
    "next_due_date",
    "note",
]
ASSESSMENT_FIELDS = frozenset(ASSESSMENT_FIELD_ORDER)

WAGE_VALUE_RANGE = _("De loonwaarde is een heel percentage van 0 tot en met 100.")


def _check_open_or_subsidised(client: Client, placement: Placement | None) -> None:
    """A closed file takes assessments only for a placement that still runs:
    the subsidy goes on after outflow to work, and needs its reassessment."""
    if placement is not None and placement.end_date is None:
        return
    check_client_open(client, _("een loonwaardebepaling"))


def _check(assessment: WageValueAssessment) -> None:
    value = assessment.wage_value
    require(
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100,
        "wage_value",
        WAGE_VALUE_RANGE,
    )
    placement = assessment.placement
    if placement is not None:
        require(
            placement.client_id == assessment.client_id,
            "placement",
            _("Deze plaatsing hoort bij een andere werkzoekende."),
        )
    require(
        placement is not None or bool(assessment.job_description.strip()),
        "job_description",
        _("Kies de plaatsing of beschrijf de beoordeelde functie."),
    )
    not_in_future(assessment.assessed_on, "assessed_on")
    require(
        assessment.next_due_date > assessment.assessed_on,
        "next_due_date",
        _("De volgende bepaling ligt na de datum van deze bepaling."),
    )


@transaction.atomic
def assessment_create(
    *,
    user: Any,
    client: Client,
    assessed_on: date,
    method: AssessmentMethod,
    assessor: str,
    wage_value: int,
    placement: Placement | None = None,
    job_description: str = "",
    next_due_date: date | None = None,
    note: str = "",
) -> WageValueAssessment:
    """Record a wage-value assessment; the next is due after
    ``WAGE_VALUE_REASSESSMENT_MONTHS`` unless given."""
    check_casework_scope(user, client)
    client = Client.objects.select_for_update().get(pk=client.pk)
    _check_open_or_subsidised(client, placement)
    check_active(method, "method", _("Deze methode"))
    assessment = WageValueAssessment(
        client=client,
        placement=placement,
        job_description=(job_description or "").strip(),
        assessed_on=assessed_on,
        method=method,
        assessor=(assessor or "").strip(),
        wage_value=wage_value,
        next_due_date=next_due_date
        or WageValueAssessment.default_next_due(assessed_on),
        note=(note or "").strip(),
    )
    _check(assessment)
    assessment.full_clean()
    assessment.save()
    record(
        assessment,
        action="assessment_created",
        summary=_("Loonwaarde bepaald: %(pct)s%%") % {"pct": wage_value},
        changes=created(assessment, ASSESSMENT_FIELD_ORDER),
        actor=user,
        client=client,
    )
    # The subsidy (and so the budget's commitment) follows the loonwaarde.
    if assessment.placement_id is not None:
        announce_costs_changed(placements=[assessment.placement_id])
    return assessment


@transaction.atomic
def assessment_update(
    *,
    user: Any,
    assessment: WageValueAssessment,
    expected_version: int,
    **changes: Any,
) -> WageValueAssessment:
    """Correct an assessment; refused when a colleague saved it in between."""
    changes = only(changes, ASSESSMENT_FIELDS)
    visible(WageValueAssessment.objects, user, assessment, _("loonwaardebepaling"))
    locked = lock_for_update(
        WageValueAssessment.objects.select_related("client", "placement"),
        assessment.pk,
        expected_version=expected_version,
        what=_("loonwaardebepaling"),
    )
    changes = {k: v for k, v in changes.items() if getattr(locked, k) != v}
    for text in ("job_description", "assessor", "note"):
        if text in changes:
            changes[text] = (changes[text] or "").strip()
    original = {name: getattr(locked, name) for name in changes}
    for name, value in changes.items():
        setattr(locked, name, value)
    _check_open_or_subsidised(locked.client, locked.placement)
    if "method" in changes:
        check_active(locked.method, "method", _("Deze methode"))
    _check(locked)
    for name, value in original.items():
        setattr(locked, name, value)
    if not changes:
        return locked
    updated = versioned_update(
        locked, changes, summary=_("Loonwaardebepaling gewijzigd"), actor=user
    )
    announce_costs_changed(
        placements={p.pk for p in (original.get("placement"), updated.placement) if p}
    )
    return updated
