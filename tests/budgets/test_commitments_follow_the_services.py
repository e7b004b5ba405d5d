"""Every write of a deployment, placement or assessment keeps its commitment current."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from budgets.models import Commitment
from ijmondwerkt.accounts.models import User
from tests.employers.factories import EmployerFactory
from tests.trajectories.factories import (
    assessment_method,
    instrument,
    placement_end_reason,
    placement_kind,
)
from tests.trajectories.servicekit import _today, make_client  # noqa: F401
from trajectories import services

pytestmark = pytest.mark.django_db


def committed(**source: object) -> Decimal:
    return sum((c.amount for c in Commitment.objects.filter(**source)), Decimal("0.00"))


def test_a_deployment_commits_when_made_and_releases_when_cancelled(
    klantmanager_velsen: User,
) -> None:
    client = make_client(klantmanager_velsen, target_group=2)
    deployment = services.deployment_create(
        user=klantmanager_velsen,
        client=client,
        instrument=instrument("sollicitatietraining"),
        start_date=date(2026, 9, 1),
        end_date=date(2026, 10, 31),
    )
    assert committed(deployment=deployment) == Decimal("650.00")

    services.deployment_update(
        user=klantmanager_velsen,
        deployment=deployment,
        expected_version=deployment.version,
        status="geannuleerd",
    )
    assert committed(deployment=deployment) == Decimal("0.00")


def test_a_subsidy_placement_commits_from_its_assessment_and_releases_on_end(
    klantmanager_velsen: User,
) -> None:
    client = make_client(klantmanager_velsen, target_group=3)
    placement = services.placement_create(
        user=klantmanager_velsen,
        client=client,
        employer=EmployerFactory.create(),
        kind=placement_kind("garantiebaan"),
        job_title="Inpakker",
        start_date=date(2026, 8, 1),
        end_date=None,
        hours_per_week=Decimal("36"),
        wage_cost_subsidy=True,
    )
    assert committed(placement=placement) == Decimal("0.00")  # no loonwaarde yet

    services.assessment_create(
        user=klantmanager_velsen,
        client=client,
        placement=placement,
        assessed_on=date(2026, 8, 1),
        method=assessment_method(),
        assessor="A. Deskundige",
        wage_value=60,
    )
    september = Commitment.objects.get(placement=placement, year=2026, month=9)
    assert september.amount == Decimal("1219.34")

    placement.refresh_from_db()
    services.placement_end(
        user=klantmanager_velsen,
        placement=placement,
        expected_version=placement.version,
        end_date=date(2026, 9, 15),
        end_reason=placement_end_reason(),
    )
    months = {
        (c.year, c.month): c.amount
        for c in Commitment.objects.filter(placement=placement)
    }
    assert set(months) == {(2026, 8), (2026, 9)}
    assert months[(2026, 9)] == (Decimal("1219.3436736") * 15 / 30).quantize(
        Decimal("0.01")
    )
