"""API scopes: per resource, reading (``.lezen``) and writing (``.schrijven``) apart.

A partner system gets scopes from the functioneel beheerder. Staff using the
API through their browser session get the scopes of their roles.
"""

from __future__ import annotations

from collections.abc import Iterable

from ijmondwerkt.accounts.roles import Role

READ = "lezen"
WRITE = "schrijven"

# Resource name (as in the URL) → Dutch description. Each resource's issue adds
# its line here; the admin and the OpenAPI document list what is here.
RESOURCES: dict[str, str] = {
    "gemeenten": "Gemeenten die de deelnemer mag zien",
    "werkzoekenden": "Dossiers van werkzoekenden, met ladder-metingen",
    "klantcontacten": "Klantcontacten met werkzoekenden",
    "uitstroom": "Uitstroom van werkzoekenden",
    "werkgevers": "Werkgevers in de regionale pool",
    "werkgeverscontacten": "Contacten van werkmakelaars met werkgevers",
    "vacatures": "Vacatures in de regio",
    "voordrachten": "Voordrachten op vacatures, met passende kandidaten",
    "voorzieningen": "Catalogus van voorzieningen (instrumenten)",
    "aanbieders": "Aanbieders van trajecten en voorzieningen",
    "trajecten": "Trajecten van werkzoekenden",
    "inzetten": "Inzet van voorzieningen voor werkzoekenden, met kosten",
    "plaatsingen": "Plaatsingen bij werkgevers, met nazorg en loonkostensubsidie",
    "loonwaardebepalingen": "Loonwaardebepalingen van werkzoekenden",
    "budgetten": "Budgetten, realisatie en budgetoverzicht per gemeente",
    "rapportages": "Maandcijfers, de jaarlijkse evaluatie en het rapportagearchief",
}


# Resources the API only lets partners read: they have no ``.schrijven``
# scope, so none can be granted (a test holds this to the operations).
READ_ONLY_RESOURCES: frozenset[str] = frozenset(
    {"gemeenten", "voorzieningen", "aanbieders", "rapportages"}
)


def scope(resource: str, action: str) -> str:
    return f"{resource}.{action}"


def resource_scopes(resource: str) -> list[str]:
    """The scopes that exist for ``resource``: reading, and writing if it can be written."""
    actions = [READ] if resource in READ_ONLY_RESOURCES else [READ, WRITE]
    return [scope(resource, action) for action in actions]


def all_scopes() -> dict[str, str]:
    """Every scope with its Dutch description, for the admin and OpenAPI."""
    result = {}
    for resource, description in RESOURCES.items():
        for name in resource_scopes(resource):
            action = "lezen" if name.endswith(READ) else "aanmaken en wijzigen"
            result[name] = f"{description}: {action}"
    return result


ROLE_SCOPES: dict[Role, frozenset[str]] = {
    Role.KLANTMANAGER: frozenset(
        {
            "gemeenten.lezen",
            "werkzoekenden.lezen",
            "werkzoekenden.schrijven",
            "klantcontacten.lezen",
            "klantcontacten.schrijven",
            "uitstroom.lezen",
            "uitstroom.schrijven",
            "werkgevers.lezen",
            "vacatures.lezen",
            "voorzieningen.lezen",
            "aanbieders.lezen",
            "trajecten.lezen",
            "trajecten.schrijven",
            "inzetten.lezen",
            "inzetten.schrijven",
            "plaatsingen.lezen",
            "plaatsingen.schrijven",
            "loonwaardebepalingen.lezen",
            "loonwaardebepalingen.schrijven",
        }
    ),
    Role.WERKMAKELAAR: frozenset(
        {
            "gemeenten.lezen",
            "werkgevers.lezen",
            "werkgevers.schrijven",
            "werkgeverscontacten.lezen",
            "werkgeverscontacten.schrijven",
            "vacatures.lezen",
            "vacatures.schrijven",
            "voordrachten.lezen",
            "voordrachten.schrijven",
            "plaatsingen.lezen",
            "plaatsingen.schrijven",
        }
    ),
    Role.MANAGER: frozenset(
        {
            "gemeenten.lezen",
            "budgetten.lezen",
            "budgetten.schrijven",
            "rapportages.lezen",
        }
    ),
    Role.BEHEERDER: frozenset(
        {
            "gemeenten.lezen",
            "budgetten.lezen",
            "budgetten.schrijven",
            "rapportages.lezen",
        }
    ),
    Role.PRIVACY_OFFICER: frozenset({"gemeenten.lezen"}),
}


def scopes_for_roles(roles: Iterable[Role]) -> frozenset[str]:
    granted: set[str] = set()
    for role in roles:
        granted |= ROLE_SCOPES.get(role, frozenset())
    return frozenset(granted)
