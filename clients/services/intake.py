"""The intake: planning the conversation and recording its outcome."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from clients.models import Client, Intake, Status
from clients.services.common import (
    _check_open,
    _lock,
    _not_in_future,
    _require,
    _save_client,
)
from clients.services.history import display, new_values
from clients.services.plan import ladder_measure
from ijmondwerkt.accounts.models import User
from ijmondwerkt.audit import record


def _open_intake(client: Client) -> Intake:
    intake = client.intakes.filter(held_date__isnull=True).first()
    _require(
        intake is not None, "intake", _("Er staat geen intake open voor dit dossier.")
    )
    assert intake is not None
    return intake


@transaction.atomic
def intake_plan(*, client: Client, user: User, planned_date: date) -> Intake:
    """Plan the intake conversation; the file moves to status intake."""
    client = _lock(client)
    _check_open(client)
    intake = _open_intake(client)
    _require(
        planned_date >= client.registration_date,
        "planned_date",
        _("De intake kan niet vóór de aanmelding (%(date)s) liggen.")
        % {"date": f"{client.registration_date:%d-%m-%Y}"},
    )
    old = intake.planned_date
    intake.planned_date = planned_date
    intake.full_clean()
    intake.save(update_fields=["planned_date"])
    if client.status == Status.REGISTERED:
        client.status = Status.INTAKE
        _save_client(client, ["status"])
    late = planned_date > intake.deadline
    summary = _("Intake gepland op %(date)s") % {"date": f"{planned_date:%d-%m-%Y}"}
    if late:
        summary += " " + _("(na de termijn)")
    record(
        intake,
        actor=user,
        action="intake_planned",
        summary=summary,
        changes={"planned_date": [display(old), planned_date.isoformat()]},
        client=client,
    )
    return intake


# In the order the forms show them.
INTAKE_OUTCOME_FIELD_ORDER = (
    "possibilities",
    "barriers_summary",
    "distance_to_labour_market",
    "preferred_sector",
    "earning_capacity",
    "route",
    "agreements",
    "lead_organisation",
    "review_date",
)
INTAKE_OUTCOME_FIELDS = frozenset(INTAKE_OUTCOME_FIELD_ORDER)


@transaction.atomic
def intake_record(
    *,
    client: Client,
    user: User,
    held_date: date,
    target_group: int | None,
    target_group_reason: str = "",
    ladder_step: int | None = None,
    **outcome: Any,
) -> Intake:
    """Record the held intake and diagnosis: target group, route, plan dates.

    The file becomes active; the target group is set on the file; with a
    ``ladder_step`` the first ladder measurement is made (domain guide §5).
    """
    unknown = set(outcome) - INTAKE_OUTCOME_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    client = _lock(client)
    _check_open(client)
    intake = _open_intake(client)
    _not_in_future(held_date, "held_date")
    _require(
        held_date >= client.registration_date,
        "held_date",
        _("De intake kan niet vóór de aanmelding (%(date)s) zijn gehouden.")
        % {"date": f"{client.registration_date:%d-%m-%Y}"},
    )
    _require(target_group is not None, "target_group", _("Kies de doelgroep."))
    intake.held_date = held_date
    intake.target_group = target_group
    intake.held_by = user
    for name, value in outcome.items():
        setattr(intake, name, value)
    intake.full_clean()
    if outcome.get("review_date"):
        _require(
            outcome["review_date"] >= held_date,
            "review_date",
            _("De evaluatiedatum ligt vóór de intake."),
        )
    intake.save()
    old_group = client.target_group
    client.target_group = target_group
    client.target_group_date = held_date
    client.target_group_reason = target_group_reason or intake.earning_capacity
    client.status = Status.ACTIVE
    _save_client(
        client, ["target_group", "target_group_date", "target_group_reason", "status"]
    )
    changes = {
        "target_group": [old_group, target_group],
        **new_values(intake, sorted(INTAKE_OUTCOME_FIELDS)),
    }
    record(
        intake,
        actor=user,
        action="intake_recorded",
        summary=_("Intake gehouden op %(date)s; doelgroep %(group)s")
        % {"date": f"{held_date:%d-%m-%Y}", "group": target_group},
        changes=changes,
        client=client,
    )
    if ladder_step is not None:
        ladder_measure(
            client=client,
            user=user,
            measured_on=held_date,
            step=ladder_step,
            note=_("Meting bij intake"),
        )
    return intake
