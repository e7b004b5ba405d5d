"""Factories for client files. Fixed values; states as Traits."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from clients.models import (
    Client,
    Contact,
    ContactChannel,
    Goal,
    Intake,
    LadderMeasurement,
    Plan,
    Status,
)
from clients.services import ladder_steps_refresh
from clients.validators import make_bsn
from ijmondwerkt.accounts.models import Municipality


def _today() -> date:
    return timezone.localdate()


class ClientFactory(DjangoModelFactory[Client]):
    class Meta:
        model = Client

    bsn = factory.Sequence(lambda n: make_bsn(1000 + n))
    first_name = "Jan"
    last_name = factory.Sequence(lambda n: f"Jansen{n}")
    date_of_birth = date(1985, 3, 14)
    postcode = "1971 AB"
    city = "IJmuiden"
    municipality = factory.LazyFunction(
        lambda: Municipality.objects.get_or_create(
            cbs_code="0453", defaults={"name": "Velsen"}
        )[0]
    )
    registration_date = factory.LazyFunction(lambda: _today() - timedelta(days=60))
    status = Status.ACTIVE

    class Params:
        registered = factory.Trait(status=Status.REGISTERED)
        outflowed = factory.Trait(status=Status.OUTFLOWED)
        group_3 = factory.Trait(
            target_group=3,
            target_group_date=factory.LazyFunction(
                lambda: _today() - timedelta(days=360)
            ),
        )
        group_4 = factory.Trait(
            target_group=4, target_group_date=factory.LazyFunction(_today)
        )


class IntakeFactory(DjangoModelFactory[Intake]):
    class Meta:
        model = Intake

    client = factory.SubFactory(ClientFactory, registered=True)
    deadline = factory.LazyFunction(lambda: _today() + timedelta(days=7))


class PlanFactory(DjangoModelFactory[Plan]):
    class Meta:
        model = Plan
        django_get_or_create = ("client",)

    client = factory.SubFactory(ClientFactory)
    established_on = factory.LazyFunction(lambda: _today() - timedelta(days=30))


class GoalFactory(DjangoModelFactory[Goal]):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    description = "Cv op orde"
    owner = Goal.Owner.CLIENT
    due_date = factory.LazyFunction(lambda: _today() + timedelta(days=30))


class LadderMeasurementFactory(DjangoModelFactory[LadderMeasurement]):
    class Meta:
        model = LadderMeasurement
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    measured_on = factory.LazyFunction(lambda: _today() - timedelta(days=10))
    step = 3
    measured_by = factory.SelfAttribute("client.klantmanager")

    @factory.post_generation
    def current_step(obj: LadderMeasurement, create: bool, extracted: object) -> None:
        """Keep the file's stored step equal to its history, as the service does."""
        if create:
            ladder_steps_refresh([obj.client_id])
            obj.client.refresh_from_db(fields=["ladder_step"])


class ContactFactory(DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    client = factory.SubFactory(ClientFactory)
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=5))
    channel = factory.LazyFunction(lambda: ContactChannel.objects.get(code="telefoon"))
    subject = "Voortgang"
    recorded_by = factory.SelfAttribute("client.klantmanager")
