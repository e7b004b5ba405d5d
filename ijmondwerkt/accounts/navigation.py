"""Navigation per role, offered to every template as ``navigation``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts import twofactor
from ijmondwerkt.accounts.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[Role]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


ALL_ROLES = frozenset(Role)

NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem(_("Start"), "home", ALL_ROLES),
    NavItem(
        _("Taken"), "inbox:list", frozenset({Role.KLANTMANAGER, Role.WERKMAKELAAR})
    ),
    NavItem(_("Werkgevers"), "employers:list", frozenset({Role.WERKMAKELAAR})),
    NavItem(_("Vacatures"), "vacancies:list", frozenset({Role.WERKMAKELAAR})),
    NavItem(
        _("Mijn vervolgafspraken"),
        "employers:follow_ups",
        frozenset({Role.WERKMAKELAAR}),
    ),
    NavItem(_("Werkzoekenden"), "clients:list", frozenset({Role.KLANTMANAGER})),
    NavItem(_("Trajecten"), "trajectories:list", frozenset({Role.KLANTMANAGER})),
    NavItem(
        _("Plaatsingen"),
        "placements:list",
        frozenset({Role.KLANTMANAGER, Role.WERKMAKELAAR}),
    ),
    NavItem(
        _("Voorzieningen"),
        "trajectories:catalogue",
        frozenset({Role.KLANTMANAGER, Role.WERKMAKELAAR}),
    ),
    NavItem(
        _("Budgetten"), "budgets:overview", frozenset({Role.MANAGER, Role.BEHEERDER})
    ),
    NavItem(
        _("Rapportages"), "reports:archive", frozenset({Role.MANAGER, Role.BEHEERDER})
    ),
    NavItem(
        _("Realisatie"),
        "budgets:realisation_list",
        frozenset({Role.MANAGER, Role.BEHEERDER}),
    ),
    NavItem(_("Beheer"), "admin:index", frozenset({Role.BEHEERDER})),
    NavItem(_("API"), "api:docs", frozenset({Role.BEHEERDER})),
    NavItem(
        _("Wijzigingen in toegang"),
        "privacy_access_changes",
        frozenset({Role.PRIVACY_OFFICER}),
    ),
)


def items_for(request: HttpRequest) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if not twofactor.is_verified(user):
        return []  # nothing to offer before the second step of logging in
    current = request.path
    result = []
    for item in NAV_ITEMS:
        if not (user.is_superuser or user.has_role(*item.roles)):
            continue
        url = item.url
        matches = current == url if url == "/" else current.startswith(url)
        result.append({"label": item.label, "url": url, "active": matches})
    # One item is current: the one whose address matches most of the path
    # ("Mijn vervolgafspraken" under "Werkgevers" lights up alone).
    matching = [entry for entry in result if entry["active"]]
    if len(matching) > 1:
        longest = max(matching, key=lambda entry: len(str(entry["url"])))
        for entry in matching:
            entry["active"] = entry is longest
    return result


def navigation(request: HttpRequest) -> dict[str, object]:
    return {"navigation": items_for(request)}
