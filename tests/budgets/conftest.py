"""Personas and builders for the budgets tests: rows built directly via the ORM."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from budgets.commitments import commitments_refresh
from budgets.models import Budget
from clients.models import Client
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from tests.clients.factories import ClientFactory
from tests.conftest import make_staff
from tests.trajectories.factories import (
    DeploymentFactory,
    InstrumentFactory,
    PlacementFactory,
    WageValueAssessmentFactory,
    placement_end_reason,
)
from trajectories.models import CostUnit, Deployment, FundingStream, Placement


@pytest.fixture
def manager_velsen(velsen: Municipality) -> User:
    return make_staff("manager_velsen", Role.MANAGER, [velsen])


@pytest.fixture
def manager_beverwijk(beverwijk: Municipality) -> User:
    return make_staff("manager_beverwijk", Role.MANAGER, [beverwijk])


@pytest.fixture
def beheerder_velsen(velsen: Municipality) -> User:
    return make_staff("beheerder_velsen", Role.BEHEERDER, [velsen])


def client_in(municipality: Municipality) -> Client:
    return ClientFactory.create(municipality=municipality)


def subsidy_placement(
    municipality: Municipality,
    start: date,
    end: date | None = None,
    *,
    wage_value: int = 60,
    assessed_on: date | None = None,
    next_due: date | None = None,
    **fields: Any,
) -> Placement:
    """36 hours a week, loonwaarde 60 %: 1,219.34 a whole month at WML 14.71."""
    if end is not None:
        fields["end_reason"] = placement_end_reason()
    placement = PlacementFactory.create(
        client=client_in(municipality),
        subsidised=True,
        start_date=start,
        end_date=end,
        follow_ups=False,
        **fields,
    )
    assessment: dict[str, Any] = {
        "placement": placement,
        "client": placement.client,
        "assessed_on": assessed_on or start,
        "wage_value": wage_value,
    }
    if next_due is not None:
        assessment["next_due_date"] = next_due
    WageValueAssessmentFactory.create(**assessment)
    commitments_refresh(placements=[placement])
    return placement


def deployment(
    municipality: Municipality,
    start: date,
    end: date,
    *,
    rate: str = "1000.00",
    units: str = "1",
    cost_unit: str = CostUnit.PER_TRAJECTORY,
    stream: str = FundingStream.PARTICIPATION,
    refresh: bool = True,
    **fields: Any,
) -> Deployment:
    instrument = InstrumentFactory.create(
        funding_stream=stream, cost_unit=cost_unit, default_cost=Decimal(rate)
    )
    row = DeploymentFactory.create(
        client=client_in(municipality),
        instrument=instrument,
        start_date=start,
        end_date=end,
        rate=Decimal(rate),
        units=Decimal(units),
        **fields,
    )
    if refresh:
        commitments_refresh(deployments=[row])
    return row


def budget(
    municipality: Municipality,
    amount: str,
    *,
    year: int = 2026,
    stream: str = FundingStream.PARTICIPATION,
) -> Budget:
    return Budget.objects.create(
        municipality=municipality,
        year=year,
        funding_stream=stream,
        amount=Decimal(amount),
    )
