from __future__ import annotations

import re

import pytest
import yaml
from openapi_spec_validator import validate

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

NOT_RESOURCES = {
    "/api/v1/openapi.yaml",
    "/api/v1/openapi.json",
    "/api/v1/docs",
    "/api/v1/oauth/token",
}


def api_routes() -> set[str]:
    """Every route of the URLconf under /api/v1, in OpenAPI path notation."""
    routes: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            else:
                routes.add(prefix + str(p.pattern))

    walk(get_resolver().url_patterns, "/")
    api = set()
    for route in routes:
        if not route.startswith("/api/v1/"):
            continue
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", route)
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)
        path = path.replace("^", "").replace("$", "").replace("\\", "")
        api.add(path)
    return api - NOT_RESOURCES


def test_openapi_document_is_valid_and_complete(client: Client) -> None:
    response = client.get("/api/v1/openapi.yaml")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    validate(document)
    assert document["openapi"].startswith("3.")
    # Paths are relative to the server URL, which carries /api/v1.
    assert [server["url"] for server in document["servers"]] == [
        "http://testserver/api/v1"
    ]
    assert {"/api/v1" + path for path in document["paths"]} == api_routes()
    assert api_routes()  # the comparison above is not vacuous


def test_every_operation_documents_scope_and_problems(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    flows = document["components"]["securitySchemes"]["oauth2"]["flows"]
    assert "gemeenten.lezen" in flows["clientCredentials"]["scopes"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert "Vereiste scope" in operation["description"], (path, method)
            for code in ("401", "403", "404", "429", "500"):
                content = operation["responses"][code]["content"]
                assert "application/problem+json" in content, (path, method, code)


def test_interactive_docs_are_served_without_cdn(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()


def test_docs_page_leads_back_to_the_app_and_to_the_document(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert '<a href="/" class="api-docs-home">' in html
    assert 'href="/api/v1/openapi.yaml"' in html
    assert "docs/api.md" not in html


def test_served_document_tells_partners_how_to_get_access(client: Client) -> None:
    """What a partner needs is in the document, not in a file of the repository."""
    from ijmondwerkt.rest.scopes import all_scopes

    info = client.get("/api/v1/openapi.json").json()["info"]
    text = info["description"]
    assert "docs/api.md" not in text
    assert "/api/v1/oauth/token" in text
    assert "grant_type=client_credentials" in text
    assert "Authorization: Bearer" in text
    for name in all_scopes():
        assert f"`{name}`" in text
    assert "gemeenten.schrijven" not in text
    assert info["contact"]["email"] in text or "Contact" in text
