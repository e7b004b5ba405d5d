"""Property-based fuzzing of the whole API against its own OpenAPI document.

Schemathesis generates requests from /api/v1/openapi.json and sends them to a
live server: no response may be a 5xx or differ from what the document says.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import DataGenerationMethod, GenerationConfig
from schemathesis.specs.openapi.checks import negative_data_rejection

from django.core.cache import cache
from rest_framework.test import APIClient

from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.partners.services import partner_create
from ijmondwerkt.rest.scopes import all_scopes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Generated examples per operation: a quick run by default (bin/test on a
# laptop), the full 150 in CI (.ci/run sets API_FUZZ_EXAMPLES).
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "25"))
REQUESTS_SENT = {"count": 0}


@pytest.fixture
def api_schema(live_server: Any) -> Iterator[Any]:
    yield schemathesis.from_uri(
        f"{live_server.url}/api/v1/openapi.json",
        base_url=f"{live_server.url}/api/v1",
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


# Classes of hostile input generated data rarely reaches, sent to every operation
# of the document with a partner key that holds every scope: deep nesting, NUL
# and control characters, oversized bodies and optional keys left out. Each is
# answered with a 4xx problem (or success for a valid subset), never a 5xx.

HOSTILE_TEXT = ["\x00", "a\x00b", "\x1b[31m", "\ud800", "9999-12-31", "0001-01-01"]


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "patch", "put", "delete"}
    ]


def _request_properties(schema: dict[str, Any], operation: dict[str, Any]) -> list[str]:
    body = operation.get("requestBody", {}).get("content", {})
    ref = body.get("application/json", {}).get("schema", {}).get("$ref", "")
    component = schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
    return sorted(component.get("properties", {}))


def _hostile_requests(
    path: str, method: str, properties: list[str], query: list[str]
) -> Iterator[tuple[str, str, str]]:
    """(method, url, JSON body) for each class of hostile input."""
    url = "/api/v1" + re.sub(r"\{[^}]+\}", "00000000-0000-4000-8000-000000000000", path)
    for name in query:
        yield "get", f"{url}?{name}=a%00b", ""
        yield "get", f"{url}?{name}=%1b%5b31m", ""
    if method == "get":
        return
    yield method, url, "[" * 5_000 + "]" * 5_000
    yield method, url, '{"a":' * 100_000 + "1" + "}" * 100_000
    yield method, url, json.dumps({"x": "y" * 3_000_000})
    for value in HOSTILE_TEXT:
        yield method, url, json.dumps(dict.fromkeys(properties, value))
    for left_out in properties:
        yield method, url, json.dumps({p: "1" for p in properties if p != left_out})


def test_hostile_input_classes_never_reach_a_server_error(db: None) -> None:
    cache.clear()
    _, credentials = partner_create(
        name="Vijandig",
        municipalities=Municipality.objects.all(),
        scopes=list(all_scopes()),
        throttle_rate="100000/minute",
    )
    client = APIClient(HTTP_AUTHORIZATION=f"Bearer {credentials.api_key}")
    schema = client.get("/api/v1/openapi.json").json()
    sent = 0
    for path, method, operation in _operations(schema):
        query = [
            p["name"] for p in operation.get("parameters", []) if p["in"] == "query"
        ]
        properties = _request_properties(schema, operation)
        for verb, url, body in _hostile_requests(path, method, properties, query):
            response = client.generic(
                verb.upper(), url, body, content_type="application/json"
            )
            sent += 1
            assert response.status_code < 500, (verb, url, body[:80])
            if response.status_code >= 400:
                assert response["Content-Type"] == "application/problem+json", url
    assert sent > 100
