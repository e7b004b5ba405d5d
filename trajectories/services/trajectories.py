"""Writes for trajectories (trajecten): register, change, end."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit import record
from ijmondwerkt.inbox.services import task_create
from ijmondwerkt.versioning import lock_for_update, versioned_update
from trajectories.events import announce_costs_changed
from trajectories.models import (
    Deployment,
    DeploymentStatus,
    Provider,
    Trajectory,
    TrajectoryEndReason,
)

from .common import (
    check_active,
    check_casework_scope,
    check_client_open,
    check_end,
    check_order,
    created,
    not_in_future,
    only,
    require,
    visible,
)

# The fields a klantmanager edits, in the order the forms show them.
TRAJECTORY_FIELD_ORDER = [
    "kind",
    "provider",
    "lead_organisation",
    "start_date",
    "planned_end_date",
    "goals",
    "klantmanager",
]
# Corrections of a registered end (the end itself: ``trajectory_end``).
TRAJECTORY_END_FIELDS = ["end_date", "end_reason"]
TRAJECTORY_FIELDS = frozenset(TRAJECTORY_FIELD_ORDER + TRAJECTORY_END_FIELDS)

LADDER_TASK_KIND = "ladder_na_traject"


def _check_klantmanager(person: Any, client: Client) -> None:
    if person is None:
        return
    require(
        person.is_active
        and person.has_role(Role.KLANTMANAGER)
        and client.municipality_id in person.municipality_ids,
        "klantmanager",
        _("%(name)s is geen klantmanager voor de gemeente van deze werkzoekende.")
        % {"name": person.audit_name},
    )


def _check_history_or_open(client: Client, end_date: date | None) -> None:
    """A closed file takes no new running trajectory; ended history it does."""
    if end_date is None:
        check_client_open(client, _("een traject"))


def _check_deployments_inside(trajectory: Trajectory) -> None:
    """A later start must still hold the trajectory's (uncancelled) deployments.

    An earlier end stops them instead (``_stop_deployments``).
    """
    if trajectory.pk is None:
        return
    deployments = Deployment.objects.committing().filter(trajectory=trajectory)
    require(
        not deployments.filter(start_date__lt=trajectory.start_date).exists(),
        "start_date",
        _("Er is een inzet in dit traject die vóór deze startdatum begint."),
    )


def _check(trajectory: Trajectory, *, provider_changed: bool = True) -> None:
    check_order(trajectory.start_date, trajectory.planned_end_date, "planned_end_date")
    check_end(trajectory.start_date, trajectory.end_date, trajectory.end_reason)
    not_in_future(trajectory.end_date, "end_date")
    if provider_changed and trajectory.provider_id is not None:
        provider: Provider = trajectory.provider  # type: ignore[assignment]
        check_active(provider, "provider", _("Deze aanbieder"))


@transaction.atomic
def trajectory_create(
    *,
    user: Any,
    client: Client,
    kind: str,
    start_date: date,
    provider: Provider | None = None,
    lead_organisation: str = "",
    planned_end_date: date | None = None,
    goals: str = "",
    end_date: date | None = None,
    end_reason: TrajectoryEndReason | None = None,
    klantmanager: Any = None,
) -> Trajectory:
    """Start a trajectory for a client, or register one from the past with its end.

    Several may run at once. The trajectory's klantmanager is the given one,
    else the acting klantmanager, else the client's.
    """
    check_casework_scope(user, client)
    client = Client.objects.select_for_update().get(pk=client.pk)
    _check_history_or_open(client, end_date)
    if klantmanager is None:
        is_staff_km = getattr(user, "has_role", None) and user.has_role(
            Role.KLANTMANAGER
        )
        klantmanager = user if is_staff_km else client.klantmanager
    else:
        _check_klantmanager(klantmanager, client)
    trajectory = Trajectory(
        client=client,
        kind=kind,
        provider=provider,
        lead_organisation=lead_organisation.strip(),
        start_date=start_date,
        planned_end_date=planned_end_date,
        end_date=end_date,
        end_reason=end_reason,
        goals=goals.strip(),
        klantmanager=klantmanager,
    )
    _check(trajectory)
    trajectory.full_clean()
    trajectory.save()
    record(
        trajectory,
        action="trajectory_created",
        summary=_("Traject %(kind)s gestart") % {"kind": trajectory.get_kind_display()}
        if end_date is None
        else _("Traject %(kind)s geregistreerd (afgesloten)")
        % {"kind": trajectory.get_kind_display()},
        changes=created(trajectory, [*TRAJECTORY_FIELD_ORDER, *TRAJECTORY_END_FIELDS]),
        actor=user,
        client=client,
    )
    return trajectory


def _locked(user: Any, trajectory: Trajectory, expected_version: int | None) -> Any:
    visible(Trajectory.objects, user, trajectory, _("traject"))
    return lock_for_update(
        Trajectory.objects.select_related("client"),
        trajectory.pk,
        expected_version=expected_version,
        what=_("traject"),
    )


@transaction.atomic
def trajectory_update(
    *, user: Any, trajectory: Trajectory, expected_version: int, **changes: Any
) -> Trajectory:
    """Change a trajectory; refused when a colleague saved it since ``expected_version``."""
    changes = only(changes, TRAJECTORY_FIELDS)
    locked = _locked(user, trajectory, expected_version)
    if "lead_organisation" in changes:
        changes["lead_organisation"] = (changes["lead_organisation"] or "").strip()
    changes = {k: v for k, v in changes.items() if getattr(locked, k) != v}
    if not changes:
        return locked
    _check_history_or_open(locked.client, locked.end_date)
    if "klantmanager" in changes:
        _check_klantmanager(changes["klantmanager"], locked.client)
    original = {name: getattr(locked, name) for name in changes}
    for name, value in changes.items():
        setattr(locked, name, value)
    _check(locked, provider_changed="provider" in changes)
    _check_deployments_inside(locked)
    for name, value in original.items():  # versioned_update records old → new
        setattr(locked, name, value)
    updated = versioned_update(
        locked, changes, summary=_("Traject gewijzigd"), actor=user
    )
    if updated.end_date is not None and "end_date" in changes:
        _stop_deployments(updated, updated.end_date, user)
    if original.get("end_date", updated.end_date) is None and updated.end_date:
        _ask_ladder_measurement(updated)
    return updated


@transaction.atomic
def trajectory_end(
    *,
    user: Any,
    trajectory: Trajectory,
    expected_version: int,
    end_date: date,
    end_reason: TrajectoryEndReason | None,
) -> Trajectory:
    """End a trajectory with a reason; ask the klantmanager for a ladder measurement.

    Its deployments still running after the end stop on that day (those that
    had not started yet are cancelled).
    """
    locked = _locked(user, trajectory, expected_version)
    require(
        locked.end_date is None,
        "end_date",
        _("Dit traject is al beëindigd op %(day)s.")
        % {"day": f"{locked.end_date:%d-%m-%Y}" if locked.end_date else ""},
    )
    require(end_date is not None, "end_date", _("Vul de einddatum in."))
    require(end_reason is not None, "end_reason", _("Kies een reden einde."))
    locked.end_date, locked.end_reason = end_date, end_reason
    _check(locked, provider_changed=False)
    stopped = _stop_deployments(locked, end_date, user)
    locked.end_date, locked.end_reason = None, None
    ended = versioned_update(
        locked,
        {"end_date": end_date, "end_reason": end_reason},
        summary=_("Traject beëindigd: %(reason)s") % {"reason": end_reason},
        actor=user,
        action="trajectory_ended",
    )
    if stopped:
        record(
            ended,
            action="trajectory_deployments_stopped",
            summary=_("%(n)s inzet(ten) gestopt met het traject") % {"n": stopped},
            changes={"deployments_stopped": [None, stopped]},
            actor=user,
        )
    _ask_ladder_measurement(ended)
    return ended


def _stop_deployments(trajectory: Trajectory, end: date, user: Any) -> int:
    running = list(
        Deployment.objects.committing()
        .filter(trajectory=trajectory, end_date__gt=end)
        .select_for_update()
    )
    for deployment in running:
        status = (
            DeploymentStatus.CANCELLED
            if deployment.start_date > end
            else DeploymentStatus.ENDED
        )
        changes: dict[str, Any] = {"status": status}
        if status == DeploymentStatus.ENDED:
            changes["end_date"] = end
        versioned_update(
            deployment,
            changes,
            summary=_("Inzet gestopt: traject beëindigd"),
            actor=user,
        )
    announce_costs_changed(deployments=running)
    return len(running)


def _ask_ladder_measurement(trajectory: Trajectory) -> None:
    client = trajectory.client
    assignee = trajectory.klantmanager or client.klantmanager
    if assignee is None:
        return
    task_create(
        assignee=assignee,
        kind=LADDER_TASK_KIND,
        title=(
            _("Traject beëindigd: meet de participatieladder van %(name)s")
            % {"name": client.full_name}
        )[:255],
        link=client.get_absolute_url(),
        due_date=timezone.localdate(),
        client=client,
        dedupe_key=f"traject-einde:{trajectory.uuid}",
    )
