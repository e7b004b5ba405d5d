from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from django.utils import timezone

from clients import services
from clients.models import Client
from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.factories import ClientFactory

VALID_BSN = "111222333"
OTHER_VALID_BSN = "123456782"


def register(user: User, municipality: Municipality, **overrides: Any) -> Client:
    data: dict[str, Any] = {
        "bsn": VALID_BSN,
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "date_of_birth": date(1980, 5, 17),
        "postcode": "1971ab",
        "registration_date": timezone.localdate() - timedelta(days=3),
        "municipality": municipality,
        "klantmanager": user,
    }
    data.update(overrides)
    return services.client_register(registered_by=user, **data)


@pytest.fixture
def velsen_client(klantmanager_velsen: User) -> Client:
    return ClientFactory.create(
        klantmanager=klantmanager_velsen, first_name="Piet", last_name="Velser"
    )


@pytest.fixture
def beverwijk_client(klantmanager_beverwijk: User, beverwijk: Municipality) -> Client:
    return ClientFactory.create(
        klantmanager=klantmanager_beverwijk,
        municipality=beverwijk,
        first_name="Bea",
        last_name="Beverwijker",
        postcode="1941 AA",
    )
