"""Builders for the report tests: rows made directly, dates chosen by hand."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from clients.models import (
    BenefitKind,
    Client,
    InflowReason,
    Intake,
    LadderMeasurement,
    Outflow,
    OutflowReason,
    Status,
)
from clients.services import ladder_steps_refresh
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from tests.clients.factories import ClientFactory
from tests.conftest import make_staff
from tests.trajectories.factories import TrajectoryFactory, trajectory_end_reason
from trajectories.models import Trajectory, TrajectoryKind


@pytest.fixture
def manager_velsen(velsen: Municipality) -> User:
    return make_staff("manager_velsen", Role.MANAGER, [velsen])


@pytest.fixture
def manager_beverwijk(beverwijk: Municipality) -> User:
    return make_staff("manager_beverwijk", Role.MANAGER, [beverwijk])


def register(
    municipality: Municipality,
    on: date,
    *,
    klantmanager: User | None = None,
    inflow: str | None = None,
    benefit: str | None = None,
    **fields: Any,
) -> Client:
    return ClientFactory.create(
        municipality=municipality,
        registration_date=on,
        klantmanager=klantmanager,
        inflow_reason=InflowReason.objects.get(code=inflow) if inflow else None,
        benefit_kind=BenefitKind.objects.get(code=benefit) if benefit else None,
        status=Status.ACTIVE,
        **fields,
    )


def outflow(client: Client, on: date, reason: str, by: User) -> Outflow:
    row = Outflow.objects.create(
        client=client,
        date=on,
        reason=OutflowReason.objects.get(code=reason),
        recorded_by=by,
    )
    Client.objects.filter(pk=client.pk).update(status=Status.OUTFLOWED)
    return row


def reregister(client: Client, on: date) -> None:
    """Reopen the file as ``client_reregister`` does: a new registration date."""
    Client.objects.filter(pk=client.pk).update(
        registration_date=on, status=Status.REGISTERED
    )


def intake(client: Client, deadline: date, held: date | None = None) -> Intake:
    return Intake.objects.create(client=client, deadline=deadline, held_date=held)


def measure(client: Client, on: date, step: int, by: User) -> None:
    LadderMeasurement.objects.create(
        client=client, measured_on=on, step=step, measured_by=by
    )
    ladder_steps_refresh([client.pk])


def trajectory(
    client: Client,
    start: date,
    end: date | None = None,
    reason: str = "plaatsing-regulier-werk",
    kind: str = TrajectoryKind.REINTEGRATION,
) -> Trajectory:
    return TrajectoryFactory.create(
        client=client,
        kind=kind,
        start_date=start,
        planned_end_date=None,
        end_date=end,
        end_reason=trajectory_end_reason(reason) if end else None,
    )
