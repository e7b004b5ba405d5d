"""Factories for the trajectories app. Fixed values; code lists from the seed migration.

They build rows directly (as the other apps' factories do); tests of rules
go through ``trajectories.services``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from trajectories.models import (
    AssessmentMethod,
    CostUnit,
    Deployment,
    DeploymentStatus,
    FollowUp,
    FundingStream,
    Instrument,
    InstrumentCategory,
    Placement,
    PlacementEndReason,
    PlacementKind,
    Provider,
    ProviderKind,
    SubsidyParameter,
    Trajectory,
    TrajectoryEndReason,
    TrajectoryKind,
    WageValueAssessment,
    placement_follow_up_dates,
)


def _seeded(model: Any, code: str) -> Any:
    """A code-list row seeded by the data migration."""
    return model.objects.get(code=code)


def category(code: str = "training") -> InstrumentCategory:
    return _seeded(InstrumentCategory, code)


def placement_kind(code: str = "regulier") -> PlacementKind:
    return _seeded(PlacementKind, code)


def trajectory_end_reason(code: str = "plaatsing-regulier-werk") -> TrajectoryEndReason:
    return _seeded(TrajectoryEndReason, code)


def placement_end_reason(code: str = "einde-contract") -> PlacementEndReason:
    return _seeded(PlacementEndReason, code)


def assessment_method(code: str = "werkplekmethode") -> AssessmentMethod:
    return _seeded(AssessmentMethod, code)


def instrument(code: str) -> Instrument:
    """A seeded catalogue instrument (e.g. "functiegerichte-scholing")."""
    return Instrument.objects.get(code=code)


class ProviderFactory(DjangoModelFactory[Provider]):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Re-integratiebureau {n} B.V.")
    kind = ProviderKind.REINTEGRATION
    kvk_number = factory.Sequence(lambda n: f"{70_000_000 + n:08d}")
    city = "Haarlem"


class InstrumentFactory(DjangoModelFactory[Instrument]):
    """A participation-budget training for groups 1–3, at most 6 months."""

    class Meta:
        model = Instrument

    code = factory.Sequence(lambda n: f"voorziening-{n}")
    name = factory.Sequence(lambda n: f"Voorziening {n}")
    category = factory.LazyFunction(category)
    funding_stream = FundingStream.PARTICIPATION
    default_cost = Decimal("1000.00")
    cost_unit = CostUnit.PER_TRAJECTORY
    target_groups = factory.LazyFunction(lambda: [1, 2, 3])
    requires_trajectory = False
    max_duration_months = 6
    provision_code = "2"
    provider_kinds = factory.LazyFunction(lambda: [ProviderKind.REINTEGRATION.value])

    class Params:
        needs_trajectory = factory.Trait(requires_trajectory=True)
        monthly = factory.Trait(
            cost_unit=CostUnit.PER_MONTH, default_cost=Decimal("250.00")
        )


class TrajectoryFactory(DjangoModelFactory[Trajectory]):
    class Meta:
        model = Trajectory

    client = factory.SubFactory("tests.clients.factories.ClientFactory")
    kind = TrajectoryKind.REINTEGRATION
    start_date = date(2026, 1, 5)
    planned_end_date = date(2026, 12, 31)
    klantmanager = factory.SelfAttribute("client.klantmanager")

    class Params:
        ended = factory.Trait(
            end_date=date(2026, 6, 30),
            end_reason=factory.LazyFunction(trajectory_end_reason),
        )


class DeploymentFactory(DjangoModelFactory[Deployment]):
    class Meta:
        model = Deployment

    client = factory.SubFactory("tests.clients.factories.ClientFactory")
    instrument = factory.SubFactory(InstrumentFactory)
    start_date = date(2026, 2, 1)
    end_date = date(2026, 4, 30)
    cost_unit = factory.SelfAttribute("instrument.cost_unit")
    rate = factory.SelfAttribute("instrument.default_cost")
    units = Decimal("1")
    total_cost = factory.LazyAttribute(
        lambda o: (Decimal(o.rate) * Decimal(o.units)).quantize(Decimal("0.01"))
    )
    status = DeploymentStatus.RUNNING


class PlacementFactory(DjangoModelFactory[Placement]):
    """A regular placement of 36 hours from 1 January 2026, with its follow-ups."""

    class Meta:
        model = Placement
        skip_postgeneration_save = True

    client = factory.SubFactory("tests.clients.factories.ClientFactory")
    employer = factory.SubFactory("tests.employers.factories.EmployerFactory")
    kind = factory.LazyFunction(placement_kind)
    job_title = "Productiemedewerker"
    start_date = date(2026, 1, 1)
    hours_per_week = Decimal("36")
    wage_per_hour = Decimal("15.00")
    registered_by = factory.SelfAttribute("client.klantmanager")

    class Params:
        subsidised = factory.Trait(
            wage_cost_subsidy=True,
            kind=factory.LazyFunction(lambda: placement_kind("garantiebaan")),
        )
        trial = factory.Trait(
            kind=factory.LazyFunction(lambda: placement_kind("proefplaatsing")),
            trial_end_date=date(2026, 2, 28),
        )
        ended = factory.Trait(
            end_date=date(2026, 6, 30),
            end_reason=factory.LazyFunction(placement_end_reason),
        )

    @factory.post_generation
    def follow_ups(obj: Placement, create: bool, extracted: Any) -> None:
        """The four follow-up moments, as ``placement_create`` plans them."""
        if create and extracted is not False:
            FollowUp.objects.bulk_create(
                [
                    FollowUp(placement=obj, months=m, due_date=due)
                    for m, due in placement_follow_up_dates(obj.start_date)
                ]
            )


class WageValueAssessmentFactory(DjangoModelFactory[WageValueAssessment]):
    """Loonwaarde 60 % from 1 January 2026 for a year."""

    class Meta:
        model = WageValueAssessment

    placement = factory.SubFactory(PlacementFactory, subsidised=True)
    client = factory.SelfAttribute("placement.client")
    assessed_on = date(2026, 1, 1)
    method = factory.LazyFunction(assessment_method)
    assessor = "A. de Vries, arbeidsdeskundige"
    wage_value = 60
    next_due_date = factory.LazyAttribute(
        lambda o: WageValueAssessment.default_next_due(o.assessed_on)
    )


class SubsidyParameterFactory(DjangoModelFactory[SubsidyParameter]):
    class Meta:
        model = SubsidyParameter
        django_get_or_create = ("valid_from",)

    valid_from = date(2026, 1, 1)
    wml_per_hour = Decimal("14.71")
