"""Writes for deployments (inzetten) of instruments, and who may get which instrument."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from ijmondwerkt.audit import record
from ijmondwerkt.versioning import lock_for_update, versioned_update
from trajectories.events import announce_costs_changed
from trajectories.models import (
    Deployment,
    DeploymentStatus,
    Instrument,
    Provider,
    Trajectory,
)

from .common import (
    check_active,
    check_casework_scope,
    check_client_open,
    created,
    last_day_within,
    only,
    require,
    visible,
)

# The fields of a deployment a klantmanager edits, in form order (the
# instrument is chosen once: another instrument is another deployment).
DEPLOYMENT_FIELD_ORDER = [
    "trajectory",
    "provider",
    "start_date",
    "end_date",
    "rate",
    "units",
    "status",
    "note",
]
DEPLOYMENT_FIELDS = frozenset(DEPLOYMENT_FIELD_ORDER)

# Where a deployment's status may go; a final status stays.
NEXT_STATUSES: dict[str, frozenset[str]] = {
    DeploymentStatus.REQUESTED: frozenset(
        {DeploymentStatus.RUNNING, DeploymentStatus.CANCELLED}
    ),
    DeploymentStatus.RUNNING: frozenset(
        {DeploymentStatus.ENDED, DeploymentStatus.CANCELLED}
    ),
    DeploymentStatus.ENDED: frozenset(),
    DeploymentStatus.CANCELLED: frozenset(),
}
CLOSING_STATUSES = frozenset({DeploymentStatus.ENDED, DeploymentStatus.CANCELLED})


def _d(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def group_reasons(client: Client, instrument: Instrument) -> dict[str, str]:
    """Why the client's target group may not get ``instrument`` ({} = it may)."""
    group = client.target_group
    if not instrument.active:
        return {"instrument": _("Deze voorziening is niet meer actief.")}
    if instrument.is_participation_funded and group == 4:
        return {
            "instrument": _(
                "%(instrument)s wordt betaald uit het participatiebudget; dat is "
                "niet toegestaan voor een werkzoekende in doelgroep 4. Denk aan "
                "zorg, dagbesteding, sociale participatie (Wmo) of beschut werk."
            )
            % {"instrument": instrument.name}
        }
    if not instrument.allows_group(group):
        allowed = ", ".join(str(g) for g in sorted(instrument.target_groups)) or "-"
        return {
            "instrument": _(
                "%(instrument)s is niet bedoeld voor doelgroep %(group)s "
                "(wel voor doelgroep %(allowed)s)."
            )
            % {"instrument": instrument.name, "group": group, "allowed": allowed}
        }
    return {}


def period_reasons(
    *,
    client: Client,
    instrument: Instrument,
    trajectory: Trajectory | None,
    start_date: date | None,
    end_date: date | None,
) -> dict[str, str]:
    """Why this trajectory or period is not allowed for ``instrument`` ({} = it is)."""
    reasons: dict[str, str] = {}
    if trajectory is not None and trajectory.client_id != client.pk:
        reasons["trajectory"] = _("Dit traject hoort bij een andere werkzoekende.")
        return reasons
    if instrument.requires_trajectory:
        running = trajectory is not None and (
            trajectory.runs_on(start_date) if start_date else trajectory.is_open
        )
        if not running:
            reasons["trajectory"] = _(
                "%(instrument)s kan alleen binnen een traject dat loopt op de "
                "startdatum. Start eerst een traject of kies het lopende traject."
            ) % {"instrument": instrument.name}
    if start_date and end_date and end_date < start_date:
        reasons["end_date"] = _("De einddatum ligt vóór de startdatum.")
    elif start_date and end_date and instrument.max_duration_months:
        last = last_day_within(start_date, instrument.max_duration_months)
        if end_date > last:
            reasons["end_date"] = _(
                "%(instrument)s duurt hoogstens %(months)s maanden: uiterlijk tot "
                "en met %(last)s."
            ) % {
                "instrument": instrument.name,
                "months": instrument.max_duration_months,
                "last": _d(last),
            }
    if trajectory is not None and "trajectory" not in reasons:
        if start_date and start_date < trajectory.start_date:
            reasons["start_date"] = _(
                "De inzet begint vóór het traject (start %(start)s)."
            ) % {"start": _d(trajectory.start_date)}
        if trajectory.end_date is not None:
            if start_date and start_date > trajectory.end_date:
                reasons.setdefault(
                    "start_date",
                    _("De inzet begint na het einde van het traject (%(end)s).")
                    % {"end": _d(trajectory.end_date)},
                )
            if end_date and end_date > trajectory.end_date:
                reasons.setdefault(
                    "end_date",
                    _("De inzet loopt door na het einde van het traject (%(end)s).")
                    % {"end": _d(trajectory.end_date)},
                )
    return reasons


def deployment_eligibility(
    *,
    client: Client,
    instrument: Instrument,
    trajectory: Trajectory | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
) -> dict[str, str]:
    """Every reason this deployment is not allowed, by field; {} when it is.

    The one home of the instrument rules: the form's live feedback, the API
    and ``deployment_create`` all ask this.
    """
    reasons = group_reasons(client, instrument)
    for field, message in period_reasons(
        client=client,
        instrument=instrument,
        trajectory=trajectory,
        start_date=start_date,
        end_date=end_date,
    ).items():
        reasons.setdefault(field, message)
    return reasons


def _check_provider(provider: Provider | None) -> None:
    check_active(provider, "provider", _("Deze aanbieder"))


@transaction.atomic
def deployment_create(
    *,
    user: Any,
    client: Client,
    instrument: Instrument,
    start_date: date,
    end_date: date,
    trajectory: Trajectory | None = None,
    provider: Provider | None = None,
    rate: Decimal | None = None,
    units: Decimal | None = None,
    status: str = DeploymentStatus.RUNNING,
    note: str = "",
) -> Deployment:
    """Deploy an instrument for a client: the rules of ``deployment_eligibility``
    hold, the rate defaults to the catalogue's cost, total = rate × units."""
    check_casework_scope(user, client)
    client = Client.objects.select_for_update().get(pk=client.pk)
    history = status in CLOSING_STATUSES and end_date <= timezone.localdate()
    if not history:  # a closed file takes past, finished deployments only
        check_client_open(client, _("een inzet"))
    if trajectory is not None:
        trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    reasons = deployment_eligibility(
        client=client,
        instrument=instrument,
        trajectory=trajectory,
        start_date=start_date,
        end_date=end_date,
    )
    if reasons:
        raise ValidationError(reasons)
    _check_provider(provider)
    deployment = Deployment(
        client=client,
        trajectory=trajectory,
        instrument=instrument,
        provider=provider,
        start_date=start_date,
        end_date=end_date,
        cost_unit=instrument.cost_unit,
        rate=instrument.default_cost if rate is None else rate,
        units=Decimal("1") if units is None else units,
        status=status,
        note=note.strip(),
    )
    require(
        deployment.rate is not None and Decimal(deployment.rate) >= 0,
        "rate",
        _("Kosten zijn niet negatief."),
    )
    require(Decimal(deployment.units) >= 0, "units", _("Het aantal is niet negatief."))
    deployment.total_cost = deployment.compute_total_cost()
    deployment.full_clean()
    deployment.save()
    record(
        deployment,
        action="deployment_created",
        summary=_("Inzet %(instrument)s vastgelegd") % {"instrument": instrument.name},
        changes=created(
            deployment,
            ["instrument", *DEPLOYMENT_FIELD_ORDER, "cost_unit", "total_cost"],
        ),
        actor=user,
        client=client,
    )
    announce_costs_changed(deployments=[deployment])
    return deployment


@transaction.atomic
def deployment_update(
    *, user: Any, deployment: Deployment, expected_version: int, **changes: Any
) -> Deployment:
    """Change a deployment, stop it early (beeindigd, with the actual end date) or
    cancel it (geannuleerd: it commits no budget). On a closed file only the
    stop, the cancellation and the note change."""
    changes = only(changes, DEPLOYMENT_FIELDS)
    visible(Deployment.objects, user, deployment, _("inzet"))
    locked = lock_for_update(
        Deployment.objects.select_related("client", "instrument", "trajectory"),
        deployment.pk,
        expected_version=expected_version,
        what=_("inzet"),
    )
    changes = {k: v for k, v in changes.items() if getattr(locked, k) != v}
    if not locked.client.is_open:
        closing = {"end_date", "note"} | (
            {"status"} if changes.get("status") in CLOSING_STATUSES else set()
        )
        if set(changes) - closing:
            check_client_open(locked.client, _("deze wijziging"))
    if "status" in changes:
        require(
            changes["status"] in NEXT_STATUSES.get(locked.status, frozenset()),
            "status",
            _("Een inzet met status %(current)s kan niet naar %(new)s.")
            % {
                "current": locked.get_status_display().lower(),
                "new": DeploymentStatus(changes["status"]).label.lower()
                if changes["status"] in DeploymentStatus.values
                else changes["status"],
            },
        )
    if "provider" in changes:
        _check_provider(changes["provider"])
    if {"trajectory", "start_date", "end_date"} & set(changes):
        trajectory = changes.get("trajectory", locked.trajectory)
        reasons = period_reasons(
            client=locked.client,
            instrument=locked.instrument,
            trajectory=trajectory,
            start_date=changes.get("start_date", locked.start_date),
            end_date=changes.get("end_date", locked.end_date),
        )
        if reasons:
            raise ValidationError(reasons)
    if {"rate", "units"} & set(changes):
        rate = Decimal(changes.get("rate", locked.rate))
        units = Decimal(changes.get("units", locked.units))
        require(rate >= 0, "rate", _("Kosten zijn niet negatief."))
        require(units >= 0, "units", _("Het aantal is niet negatief."))
        changes["total_cost"] = (rate * units).quantize(Decimal("0.01"))
    if not changes:
        return locked
    summary = _("Inzet gewijzigd")
    if changes.get("status") == DeploymentStatus.CANCELLED:
        summary = _("Inzet geannuleerd")
    elif changes.get("status") == DeploymentStatus.ENDED:
        summary = _("Inzet beëindigd")
    updated = versioned_update(locked, changes, summary=summary, actor=user)
    announce_costs_changed(deployments=[updated])
    return updated
