from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from django.utils import timezone

from clients.models import Client, EducationLevel, LadderMeasurement
from employers.models import Vacancy
from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.factories import ClientFactory
from tests.employers.factories import EmployerFactory, VacancyFactory, cluster


def education(code: str) -> EducationLevel:
    return EducationLevel.objects.get_or_create(code=code, defaults={"label": code})[0]


def make_client(
    municipality: Municipality,
    measurer: User,
    *,
    step: int | None = None,
    **fields: Any,
) -> Client:
    # The stored current step, as the ladder service keeps it with the history.
    client = ClientFactory.create(municipality=municipality, ladder_step=step, **fields)
    if step is not None:
        LadderMeasurement.objects.create(
            client=client,
            step=step,
            measured_on=timezone.localdate() - timedelta(days=5),
            measured_by=measurer,
        )
    return client


@pytest.fixture
def welder_vacancy(db: None) -> Vacancy:
    """Lasser, 32 hours, mbo 2, driving licence and Dutch B1 required."""
    employer = EmployerFactory.create(name="Staalbouw IJmond B.V.")
    return VacancyFactory.create(
        employer=employer,
        title="Lasser",
        occupation="Lasser",
        sector_cluster=cluster("techniek-industrie"),
        hours_per_week=Decimal("32"),
        education_level=education("mbo2"),
        driving_licence_required=True,
        language_level="B1",
        close_date=None,
    )


@pytest.fixture
def hand_made(
    velsen: Municipality, beverwijk: Municipality, klantmanager_velsen: User
) -> dict[str, Client]:
    """Clients with known scores for ``welder_vacancy`` (default weights)."""
    km = klantmanager_velsen
    dutch = lambda level: [{"language": "Nederlands", "level": level}]  # noqa: E731
    return {
        # sector 30 + occupation 20 + hours 20 + education 15 + language 10 + ready 15
        "ideal": make_client(
            velsen,
            km,
            step=4,
            first_name="Ideaal",
            wish_sectors="Techniek",
            wish_occupations="lasser, monteur",
            wish_hours_per_week=32,
            education_level=education("mbo3"),
            driving_licence=True,
            languages=dutch("B2"),
            barriers_note="GEHEIM-BELEMMERING",
        ),
        # sector 30 + hours mismatch −10 + education below −20 + language 10
        "partial": make_client(
            velsen,
            km,
            step=3,
            first_name="Deels",
            wish_sectors="techniek, bouw",
            wish_hours_per_week=16,
            education_level=education("vmbo"),
            driving_licence=True,
            languages=dutch("moedertaal"),
        ),
        # hours 20 − education 20 − licence 25 − language 15
        "poor": make_client(
            velsen,
            km,
            step=2,
            first_name="Weinig",
            wish_sectors="zorg",
            wish_hours_per_week=36,
            education_level=education("mbo1"),
            driving_licence=False,
            languages=dutch("A2"),
        ),
        "group_4": make_client(
            velsen,
            km,
            step=4,
            first_name="Beschut",
            wish_sectors="techniek",
            target_group=4,
            target_group_date=timezone.localdate(),
            driving_licence=True,
        ),
        "outflowed": make_client(
            velsen,
            km,
            first_name="Weg",
            wish_sectors="techniek",
            status=Client.Status.OUTFLOWED,
        ),
        "beverwijk": make_client(
            beverwijk,
            km,
            first_name="Elders",
            wish_sectors="techniek",
            driving_licence=True,
        ),
    }
