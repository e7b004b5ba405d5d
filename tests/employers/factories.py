"""Factories for employers, contacts and vacancies. Fixed values, traits for states."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import factory

from django.utils import timezone

from employers.models import (
    ContactPerson,
    Employer,
    EmployerContact,
    EmployerContactKind,
    Proposal,
    SectorCluster,
    Vacancy,
)


def _seeded(model: Any, code: str) -> Any:
    """A code list row seeded by the data migration."""
    return model.objects.get(code=code)


def cluster(code: str = "techniek-industrie") -> SectorCluster:
    return _seeded(SectorCluster, code)


def contact_kind(code: str = "telefoon") -> EmployerContactKind:
    return _seeded(EmployerContactKind, code)


class EmployerFactory(factory.django.DjangoModelFactory[Employer]):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Metaalbedrijf {n} B.V.")
    kvk_number = factory.Sequence(lambda n: f"{60_000_000 + n:08d}")
    sector_cluster = factory.LazyFunction(cluster)
    city = "IJmuiden"

    class Params:
        archived = factory.Trait(archived_at=factory.LazyFunction(timezone.now))


class ContactPersonFactory(factory.django.DjangoModelFactory[ContactPerson]):
    class Meta:
        model = ContactPerson

    employer = factory.SubFactory(EmployerFactory)
    name = "Sanne de Boer"
    job_title = "HR-adviseur"
    email = "sanne@example.org"


class EmployerContactFactory(factory.django.DjangoModelFactory[EmployerContact]):
    class Meta:
        model = EmployerContact

    employer = factory.SubFactory(EmployerFactory)
    contact_date = date(2026, 3, 2)
    kind = factory.LazyFunction(contact_kind)
    subject = "Kennismaking"


class VacancyFactory(factory.django.DjangoModelFactory[Vacancy]):
    class Meta:
        model = Vacancy

    employer = factory.SubFactory(EmployerFactory)
    title = "Productiemedewerker"
    hours_per_week = Decimal("32")
    places = 1
    open_date = date(2026, 3, 1)
    close_date = date(2026, 4, 30)

    class Params:
        filled = factory.Trait(status=Vacancy.Status.FILLED)
        withdrawn = factory.Trait(status=Vacancy.Status.WITHDRAWN)


class ProposalFactory(factory.django.DjangoModelFactory[Proposal]):
    class Meta:
        model = Proposal

    vacancy = factory.SubFactory(VacancyFactory)
    client = factory.SubFactory("tests.clients.factories.ClientFactory")
    proposed_on = date(2026, 3, 10)
