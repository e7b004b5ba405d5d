from __future__ import annotations

import pytest

from rest_framework.test import APIClient

from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.partners.models import PartnerSystem
from ijmondwerkt.partners.services import Credentials
from tests.conftest import PartnerFactory, bearer

__all__ = ["PartnerFactory", "bearer"]


@pytest.fixture
def uwv_velsen(
    make_partner: PartnerFactory, velsen: Municipality
) -> tuple[PartnerSystem, Credentials]:
    """A partner system that may read gemeenten of Velsen only."""
    return make_partner(scopes=["gemeenten.lezen"], municipalities=[velsen])


@pytest.fixture
def uwv_client(uwv_velsen: tuple[PartnerSystem, Credentials]) -> APIClient:
    return bearer(uwv_velsen[1].api_key)
