"""The OpenAPI document against the NL API Design Rules, as their Spectral linter checks.

The ruleset published with the standard (ADR core, Spectral) cannot be fetched
in CI, so its rules are written out here, each named after the linter's rule,
against the document the server serves. Errors of the linter and its warnings
(kebab-case paths, PascalCase schemas, camelCase properties, problem+json on
errors, https servers) both count here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from django.test import Client

pytestmark = pytest.mark.django_db

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
    r"(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
# paths-kebab-case: lowercase words with hyphens, lowercase parameters, an
# optional trailing _action (``/werkzoekenden/_zoek``).
KEBAB_PATH = re.compile(
    r"^(\/|(\/_[a-z]+|\/(([a-z\-]+|{[a-z]+})(\/([a-z\-\.]+|{[a-z]+}))*)(\/_[a-z]+)?))$"
)
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
PASCAL = re.compile(r"^[A-Z][a-zA-Z0-9]*$")
METHODS = {"get", "put", "post", "delete", "patch", "parameters"}
ALSO_ALLOWED = {"head", "options", "summary", "description", "servers"}


@pytest.fixture
def document(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.yaml")
    assert response.status_code == 200
    return dict(yaml.safe_load(response.content))


def _responses(document: dict[str, Any]) -> Iterator[tuple[str, str, str, Any]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS - {"parameters"}:
                continue
            for code, response in operation["responses"].items():
                yield path, method, code, response


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every property name anywhere in the document, with where it is."""
    if isinstance(node, dict):
        for name in (
            node.get("properties", {})
            if isinstance(node.get("properties"), dict)
            else {}
        ):
            yield where, name
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{where}/{index}")


def test_openapi3(document: dict[str, Any]) -> None:
    """openapi3: the linter reads OpenAPI 3.0 documents."""
    assert re.match(r"^3\.0\.", document["openapi"])


def test_info_version_is_semver(document: dict[str, Any]) -> None:
    """info-version, semver."""
    assert SEMVER.match(document["info"]["version"])


def test_info_contact_names_email_name_and_url(document: dict[str, Any]) -> None:
    """info-contact, info-contact-fields-exist."""
    contact = document["info"]["contact"]
    assert {"email", "name", "url"} <= set(contact)
    assert all(contact[key] for key in ("email", "name", "url"))
    assert "@" in contact["email"] and contact["url"].startswith("https://")


def test_servers_carry_the_major_version(document: dict[str, Any]) -> None:
    """include-major-version-in-uri; servers-use-https where the request was https."""
    servers = document["servers"]
    assert servers
    for server in servers:
        assert re.search(r"\/v[\d+]", server["url"]), server
        assert server["url"].endswith("/api/v1")
        assert server["url"] == "http://testserver/api/v1"


def test_servers_use_https_behind_https(client: Client) -> None:
    """servers-use-https: the document read over https names an https server."""
    response = client.get("/api/v1/openapi.yaml", secure=True)
    servers = yaml.safe_load(response.content)["servers"]
    assert [s["url"] for s in servers] == ["https://testserver/api/v1"]


def test_paths_have_no_trailing_slash(document: dict[str, Any]) -> None:
    """paths-no-trailing-slash."""
    assert not [p for p in document["paths"] if re.match(r".+\/$", p)]


def test_paths_are_kebab_case(document: dict[str, Any]) -> None:
    """paths-kebab-case: also no version or prefix in the path (it is in servers)."""
    wrong = [p for p in document["paths"] if not KEBAB_PATH.match(p)]
    assert wrong == []
    assert not [p for p in document["paths"] if p.startswith("/api")]


def test_only_standard_http_methods(document: dict[str, Any]) -> None:
    """http-methods."""
    for path, item in document["paths"].items():
        assert set(item) <= METHODS | ALSO_ALLOWED, path


def test_every_success_response_has_the_api_version_header(
    document: dict[str, Any],
) -> None:
    """missing-header, missing-version-header (2xx and 3xx)."""
    checked = 0
    for path, method, code, response in _responses(document):
        if code[0] in "23":
            assert "API-Version" in response.get("headers", {}), (path, method, code)
            checked += 1
    assert checked


def test_every_error_response_is_problem_json(document: dict[str, Any]) -> None:
    """use-problem-schema (4xx and 5xx)."""
    for path, method, code, response in _responses(document):
        if code[0] in "45":
            content = response.get("content", {})
            assert "application/problem+json" in content, (path, method, code)


def test_schema_names_are_pascal_case(document: dict[str, Any]) -> None:
    """schema-camel-case (PascalCase without separators)."""
    wrong = [n for n in document["components"]["schemas"] if not PASCAL.match(n)]
    assert wrong == []


def test_property_names_are_lower_camel_case(document: dict[str, Any]) -> None:
    """property-casing."""
    wrong = [
        (where, name) for where, name in _properties(document) if not CAMEL.match(name)
    ]
    assert wrong == []


def test_parameter_names_are_lower_camel_case(document: dict[str, Any]) -> None:
    """Query and path parameters like properties; headers as HTTP writes them."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for parameter in operation.get("parameters", []):
                if parameter["in"] in {"query", "path"}:
                    assert CAMEL.match(parameter["name"]), (path, parameter["name"])


def test_openapi_document_is_served_as_json(
    client: Client,
) -> None:
    """/core/doc-openapi: the document at openapi.json, with the version header."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert response["API-Version"]


@pytest.mark.parametrize(
    "path", ["/api/v1/gemeenten/", "/api/v1/werkzoekenden/", "/api/v1/openapi.json/"]
)
def test_a_trailing_slash_is_not_an_alias(client: Client, path: str) -> None:
    """/core/no-trailing-slash: the address with a slash does not exist."""
    response = client.get(path)
    assert response.status_code == 404
