"""OpenAPI: security schemes with scopes, and the problem+json errors on every operation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from ijmondwerkt.rest.exceptions import PROBLEM_CONTENT_TYPE
from ijmondwerkt.rest.permissions import required_scope
from ijmondwerkt.rest.scopes import all_scopes

OAUTH2 = "oauth2"
API_KEY = "apiSleutel"


class PartnerAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "ijmondwerkt.partners.authentication.PartnerAuthentication"
    name = [OAUTH2, API_KEY]

    def get_security_definition(self, auto_schema: AutoSchema) -> list[dict[str, Any]]:
        return [
            {
                "type": "oauth2",
                "description": "OAuth2 client credentials: haal met client-id en geheim "
                "een toegangstoken op en stuur het mee als `Authorization: Bearer <token>`.",
                "flows": {
                    "clientCredentials": {
                        "tokenUrl": "/api/v1/oauth/token",
                        "scopes": all_scopes(),
                    }
                },
            },
            {
                "type": "http",
                "scheme": "bearer",
                "description": "API-sleutel (`iw_...`) als `Authorization: Bearer <sleutel>`; "
                "geeft dezelfde scopes als de OAuth2-client van de ketenpartner.",
            },
        ]

    def get_security_requirement(
        self, auto_schema: AutoSchema
    ) -> list[dict[str, list[str]]]:
        needed = required_scope(auto_schema.view, auto_schema.method)
        return [{OAUTH2: [needed] if needed else []}, {API_KEY: []}]


class Schema(AutoSchema):
    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        needed = required_scope(self.view, self.method)
        if operation is not None and needed:
            description = operation.get("description", "")
            operation["description"] = (
                f"{description}\n\nVereiste scope: `{needed}`.".strip()
            )
        return operation


PROBLEM = {
    "type": "object",
    "description": "Foutbericht volgens RFC 7807 (application/problem+json).",
    "required": ["type", "code", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "description": "URI die het soort fout aanduidt."},
        "code": {"type": "string", "description": "Systeemcode van de fout."},
        "title": {
            "type": "string",
            "description": "Korte omschrijving van het soort fout.",
        },
        "status": {"type": "integer", "description": "De HTTP-statuscode."},
        "detail": {"type": "string", "description": "Uitleg bij deze fout."},
        "instance": {"type": "string", "description": "Pad en query van het verzoek."},
    },
}
VALIDATION_PROBLEM = {
    "allOf": [
        {"$ref": "#/components/schemas/Fout"},
        {
            "type": "object",
            "required": ["invalidParams"],
            "properties": {
                "invalidParams": {
                    "type": "array",
                    "description": "Per ongeldig veld of parameter: naam (camelCase), code en reden.",
                    "items": {
                        "type": "object",
                        "required": ["name", "code", "reason"],
                        "properties": {
                            "name": {"type": "string"},
                            "code": {"type": "string"},
                            "reason": {"type": "string"},
                        },
                    },
                }
            },
        },
    ]
}

ERRORS = {
    "400": ("ValidatieFout", "Ongeldige invoer of parameters."),
    "401": ("Fout", "Niet geauthenticeerd: geen, een verlopen of een ongeldig token."),
    "403": ("Fout", "De aanroeper mist de vereiste scope."),
    "404": ("Fout", "Niet gevonden, of buiten de gemeenten van de aanroeper."),
    "405": ("Fout", "Deze methode is op dit pad niet toegestaan."),
    "406": ("Fout", "Het gevraagde formaat (Accept) is niet beschikbaar."),
    "415": ("Fout", "Het mediatype van de invoer wordt niet ondersteund."),
    "429": ("Fout", "Te veel verzoeken; probeer het na Retry-After seconden opnieuw."),
    "500": ("Fout", "Interne serverfout."),
}
WRITE_ONLY_ERRORS = {"415"}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Aantal seconden tot een nieuw verzoek wordt toegestaan.",
        "schema": {"type": "integer"},
    }
}
API_VERSION_HEADER = {
    "API-Version": {"description": "Versie van de API.", "schema": {"type": "string"}}
}


def add_problem_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: document the problem+json errors of every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Fout"] = PROBLEM
    schemas["ValidatieFout"] = VALIDATION_PROBLEM
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            for code, (schema, description) in ERRORS.items():
                if code in WRITE_ONLY_ERRORS and method in {"get", "head", "delete"}:
                    continue
                if code in responses and code != "400":
                    continue
                response: dict[str, Any] = {
                    "description": description,
                    "content": {
                        PROBLEM_CONTENT_TYPE: {
                            "schema": {"$ref": f"#/components/schemas/{schema}"}
                        }
                    },
                }
                if code == "429":
                    response["headers"] = dict(RETRY_AFTER)
                responses[code] = response
            for response in responses.values():
                response.setdefault("headers", {}).update(API_VERSION_HEADER)
    return result


# --- the document's info and servers (NL API Design Rules) ---------------------

API_PATH = "/api/v1"
DEFAULT_CONTACT = {
    "name": "IJmond Werkt, functioneel beheer",
    "email": "functioneelbeheer@ijmondwerkt.nl",
    "url": "https://ijmondwerkt.nl",
}


def _scope_table() -> str:
    rows = "\n".join(
        f"| `{name}` | {description} |" for name, description in all_scopes().items()
    )
    return "| scope | geeft toegang tot |\n|---|---|\n" + rows


def description() -> str:
    """What a partner needs to start: access, a token, scopes and the conventions."""
    return f"""\
API voor ketenpartners van IJmond Werkt: UWV, re-integratiebedrijven,
uitkeringssystemen en BI. De API volgt de NL API Design Rules: Nederlandse
resourcenamen, camelCase-velden, UUID's als identificatie, geen slash aan het
eind van een pad en fouten als `application/problem+json` (RFC 9457). Elk
antwoord heeft de header `API-Version`.

## Toegang aanvragen

De functioneel beheerder van IJmond Werkt registreert uw systeem als
ketenpartner, met de **gemeenten** waarvan u gegevens ziet en de **scopes**
(hieronder) die u nodig heeft. U krijgt eenmalig een **client-id**, een
**client-geheim** en een **API-sleutel** (`iw_...`); bewaar ze als wachtwoord.
Neem voor toegang, een nieuw geheim of intrekken contact op met het adres
onder *Contact*.

## Een token ophalen

OAuth2 client credentials: stuur client-id en geheim als HTTP Basic naar
`POST {API_PATH}/oauth/token` met `grant_type=client_credentials`:

```
curl -u "$CLIENT_ID:$CLIENT_GEHEIM" -d grant_type=client_credentials \\
  https://<server>{API_PATH}/oauth/token
{{"access_token": "...", "expires_in": 3600, "token_type": "Bearer",
 "scope": "gemeenten.lezen werkzoekenden.lezen"}}
```

Het token is een uur geldig en geeft de scopes in `scope`: zonder de
parameter `scope` alle scopes van uw systeem, met `scope=a b` alleen die (een
scope die uw systeem niet heeft: `invalid_scope`). Stuur het mee als
`Authorization: Bearer <token>`. De API-sleutel mag in plaats van een token,
ook als `Authorization: Bearer iw_...`; die geeft alle scopes van uw systeem.

## Scopes

Per resource lezen (`.lezen`) en aanmaken/wijzigen (`.schrijven`) apart; een
resource die alleen gelezen kan worden heeft geen `.schrijven`. Een aanroep
buiten uw scopes geeft 403. Bij elke operatie staat de vereiste scope.

{_scope_table()}

## Afspraken

- U ziet alleen gegevens van uw gemeenten; een object daarbuiten geeft 404.
- Lijsten: `page` (vanaf 1) en `pageSize` (1-500, standaard 100), sorteren
  met `ordering`; een onbekende parameter of waarde geeft 400 met
  `invalidParams`.
- Wijzigen (`PATCH`) vraagt `versie` zoals gelezen; is het object intussen
  gewijzigd, dan 400 en wordt niets opgeslagen.
- Een BSN staat nooit in een URL: zoek met `POST {API_PATH}/werkzoekenden/_zoek`.
- Elke raadpleging van persoonsgegevens komt in het inzagelogboek; geef het
  doel mee in de header `X-Doelbinding`.
- Te veel verzoeken geeft 429 met `Retry-After`.
"""


def add_info_and_servers(
    result: dict[str, Any], request: Any = None, **kwargs: Any
) -> dict[str, Any]:
    """Postprocessing hook: servers with the version in the URI, contact, description."""
    base = request.build_absolute_uri(API_PATH) if request is not None else API_PATH
    result["servers"] = [{"url": base, "description": "Deze omgeving"}]
    info = result.setdefault("info", {})
    info["description"] = description()
    info["contact"] = dict(getattr(settings, "API_CONTACT", None) or DEFAULT_CONTACT)
    return result
