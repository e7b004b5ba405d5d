from __future__ import annotations

from collections.abc import Callable

import pytest

from rest_framework.test import APIClient

from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.partners.models import PartnerSystem
from ijmondwerkt.partners.services import Credentials, partner_create

PartnerFactory = Callable[..., tuple[PartnerSystem, Credentials]]


@pytest.fixture
def make_partner(db: None) -> PartnerFactory:
    counter = iter(range(1, 1000))

    def make(
        *,
        scopes: list[str],
        municipalities: list[Municipality],
        throttle_rate: str = "",
    ) -> tuple[PartnerSystem, Credentials]:
        return partner_create(
            name=f"Ketenpartner {next(counter)}",
            municipalities=municipalities,
            scopes=scopes,
            throttle_rate=throttle_rate,
        )

    return make


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def uwv_velsen(
    make_partner: PartnerFactory, velsen: Municipality
) -> tuple[PartnerSystem, Credentials]:
    """A partner system that may read gemeenten of Velsen only."""
    return make_partner(scopes=["gemeenten.lezen"], municipalities=[velsen])


@pytest.fixture
def uwv_client(uwv_velsen: tuple[PartnerSystem, Credentials]) -> APIClient:
    return bearer(uwv_velsen[1].api_key)
