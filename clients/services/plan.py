"""The plan van aanpak, its goals, and the participation ladder."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client, Goal, LadderMeasurement, Plan
from clients.services.common import (
    _check_not_closed,
    _check_open,
    _lock,
    _not_in_future,
    _require,
)
from clients.services.history import new_values
from ijmondwerkt.accounts.models import User
from ijmondwerkt.audit import record


@transaction.atomic
def goal_add(
    *,
    client: Client,
    user: User,
    description: str,
    owner: str,
    due_date: date,
    target_ladder_step: int | None = None,
) -> Goal:
    """Add a goal to the plan van aanpak (made on the first goal).

    A goal aiming above the target group's ladder ceiling is stored, and
    ``goal.exceeds_ceiling`` is true so pages and the API can warn.
    """
    client = _lock(client)
    _check_open(client)
    plan, _created = Plan.objects.get_or_create(
        client=client, defaults={"established_on": timezone.localdate()}
    )
    goal = Goal(
        plan=plan,
        description=description.strip(),
        owner=owner,
        due_date=due_date,
        target_ladder_step=target_ladder_step,
    )
    goal.full_clean()
    goal.save()
    record(
        goal,
        actor=user,
        action="goal_added",
        summary=_("Doel toegevoegd: %(goal)s") % {"goal": goal.description},
        changes=new_values(
            goal, ["description", "owner", "due_date", "target_ladder_step"]
        ),
        client=client,
    )
    return goal


def ladder_ceiling_warning(*, client: Client, step: int | None) -> str | None:
    """A Dutch warning when ``step`` is above what the target group can reach (§5)."""
    if step is None or client.target_group is None or step <= client.ladder_ceiling:
        return None
    return _(
        "Trede %(step)s ligt boven het plafond van doelgroep %(group)s "
        "(hoogst haalbaar: trede %(ceiling)s)."
    ) % {"step": step, "group": client.target_group, "ceiling": client.ladder_ceiling}


@transaction.atomic
def goal_set_status(*, goal: Goal, user: User, status: str) -> Goal:
    _require(status in Goal.Status.values, "status", _("Onbekende status."))
    old = goal.status
    goal.status = status
    goal.closed_on = None if status == Goal.Status.OPEN else timezone.localdate()
    goal.full_clean()
    goal.save(update_fields=["status", "closed_on"])
    record(
        goal,
        actor=user,
        action="goal_status",
        summary=_("Doel %(goal)s: %(status)s")
        % {"goal": goal.description, "status": goal.get_status_display()},
        changes={"status": [old, status]},
        client=goal.plan.client,
    )
    return goal


def ladder_steps_refresh(client_ids: Iterable[int] | None = None) -> int:
    """Store each client's current ladder step: the step of the latest measurement.

    Set-based (one UPDATE); ``None`` refreshes every file. Any code that writes
    ``LadderMeasurement`` rows without ``ladder_measure`` (bulk loads) calls this.
    """
    latest = LadderMeasurement.objects.filter(client=OuterRef("pk")).order_by(
        "-measured_on", "-pk"
    )
    # A stored copy of the history, not a write of its own: the measurement
    # is the audited event, so the plain manager updates the copy.
    clients = Client._base_manager.all()
    if client_ids is not None:
        clients = clients.filter(pk__in=list(client_ids))
    return clients.update(ladder_step=Subquery(latest.values("step")[:1]))


@transaction.atomic
def ladder_measure(
    *, client: Client, user: User, measured_on: date, step: int, note: str = ""
) -> LadderMeasurement:
    """Record a participation-ladder measurement; the latest one is the current step.

    Refused on a closed (outflowed) file.
    """
    client = _lock(client)
    _check_not_closed(client, "status", _("een meting op de participatieladder"))
    _not_in_future(measured_on, "measured_on")
    _require(
        measured_on >= client.date_of_birth,
        "measured_on",
        _("De meetdatum ligt vóór de geboortedatum."),
    )
    measurement = LadderMeasurement(
        client=client, measured_on=measured_on, step=step, measured_by=user, note=note
    )
    measurement.full_clean()
    measurement.save()
    ladder_steps_refresh([client.pk])
    client.refresh_from_db(fields=["ladder_step"])
    record(
        measurement,
        actor=user,
        action="ladder_measured",
        summary=_("Participatieladder: trede %(step)s") % {"step": step},
        changes={"step": [None, step], "measured_on": [None, measured_on.isoformat()]},
        client=client,
    )
    return measurement
