"""Fixtures for the trajectories API: a frozen clock, Velsen's clients, callers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.core.cache import cache
from rest_framework.test import APIClient

from clients.models import Client
from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.factories import ClientFactory
from tests.conftest import PartnerFactory, bearer, verify_second_factor

# Every test here runs on 15 June 2026: "lopend", "duurzaam", the default
# subsidy months and "not in the future" all read today.
TODAY = datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))

CASEWORK_SCOPES = [
    f"{resource}.{action}"
    for resource in ("trajecten", "inzetten", "plaatsingen", "loonwaardebepalingen")
    for action in ("lezen", "schrijven")
] + ["voorzieningen.lezen", "aanbieders.lezen"]


@pytest.fixture(autouse=True)
def _frozen_clock() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


@pytest.fixture
def partner(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    """A re-integration provider's system for Velsen with every casework scope."""
    _, credentials = make_partner(scopes=CASEWORK_SCOPES, municipalities=[velsen])
    return bearer(credentials.api_key)


@pytest.fixture
def client_velsen(velsen: Municipality, klantmanager_velsen: User) -> Client:
    return ClientFactory.create(
        municipality=velsen,
        klantmanager=klantmanager_velsen,
        target_group=2,
        first_name="Fatima",
    )


def session(user: User) -> APIClient:
    """A staff member calling the API from a browser session."""
    client = APIClient()
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def invalid_names(response: Any) -> list[str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return [p["name"] for p in response.json()["invalidParams"]]
