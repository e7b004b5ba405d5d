"""Property-based fuzzing of the whole API against its own OpenAPI document.

Schemathesis generates requests from /api/v1/openapi.json and sends them to a
live server: no response may be a 5xx or differ from what the document says.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import DataGenerationMethod, GenerationConfig
from schemathesis.specs.openapi.checks import negative_data_rejection

from django.core.cache import cache

from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.partners.services import partner_create
from ijmondwerkt.rest.scopes import all_scopes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "150"))
REQUESTS_SENT = {"count": 0}


@pytest.fixture
def api_schema(live_server: Any) -> Iterator[Any]:
    yield schemathesis.from_uri(
        f"{live_server.url}/api/v1/openapi.json",
        base_url=live_server.url,
        data_generation_methods=[
            DataGenerationMethod.positive,
            DataGenerationMethod.negative,
        ],
        # Credentials come from PartnerApiKey below, not from generated data.
        generation_config=GenerationConfig(with_security_parameters=False),
    )


CURRENT_KEY = {"value": ""}


@schemathesis.auth()
class PartnerApiKey:
    """Known to schemathesis as the real credential, so its auth checks can vary it."""

    def get(self, case: Any, context: Any) -> str:
        return CURRENT_KEY["value"]

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def api_key(live_server: Any) -> str:
    cache.clear()
    _, credentials = partner_create(
        name="Fuzzer",
        municipalities=Municipality.objects.all(),
        scopes=list(all_scopes()),
        throttle_rate="100000/minute",
    )
    CURRENT_KEY["value"] = credentials.api_key
    return credentials.api_key


schema = schemathesis.from_pytest_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_document(case: Any, api_key: str) -> None:
    REQUESTS_SENT["count"] += 1
    # Every check runs except negative_data_rejection: in a query string a
    # "negative" boolean and a valid one serialise to the same text (false),
    # so that check reports requests the API rightly accepts.
    case.call_and_validate(excluded_checks=(negative_data_rejection,))
