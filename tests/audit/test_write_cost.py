"""Query cost of one ordinary write, measured with the audit in place.

The figures go into benchmarks/RESULTS.md (before the audit: client_update 10,
employer_update 6, vacancy_update 8 statements, savepoints not counted; the
audit adds one INSERT). The bounds keep a later change from quietly
multiplying the cost of a save.
"""

from __future__ import annotations

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clients import services as client_services
from clients.models import Client
from employers import services
from employers.models import Employer, Vacancy
from tests.clients.factories import ClientFactory
from tests.employers.factories import EmployerFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def _count(write) -> int:
    # Content types are cached per process; a running server has them warm.
    for model in (Client, Employer, Vacancy):
        ContentType.objects.get_for_model(model)
    with CaptureQueriesContext(connection) as ctx:
        write()
    statements = [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]
    print(
        f"\n{write.__name__}: {len(ctx.captured_queries)} queries, "
        f"{len(statements)} without savepoints"
    )
    return len(statements)


def test_client_update_cost(klantmanager_velsen, velsen) -> None:
    client = ClientFactory.create(municipality=velsen, klantmanager=klantmanager_velsen)

    def client_update() -> None:
        client_services.client_update(
            client=client,
            expected_version=client.version,
            user=klantmanager_velsen,
            phone="0612345678",
        )

    assert _count(client_update) <= 11


def test_employer_update_cost(werkmakelaar) -> None:
    employer = EmployerFactory.create()

    def employer_update() -> None:
        services.employer_update(
            employer=employer, expected_version=employer.version, city="Velsen"
        )

    assert _count(employer_update) <= 7


def test_vacancy_update_cost(werkmakelaar) -> None:
    vacancy = VacancyFactory.create()

    def vacancy_update() -> None:
        services.vacancy_update(
            vacancy=vacancy, expected_version=vacancy.version, title="Lasser"
        )

    assert _count(vacancy_update) <= 9
