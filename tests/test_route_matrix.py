"""Who may reach which route: every URL pattern × every persona, from one table.

The test walks the whole URLconf (pages, beheer, the partner API) and asks,
for every route and every persona, for the status the table below declares.
A route without a row fails ``test_every_route_has_a_row``: whoever adds a
page, an API resource or a ModelAdmin declares here who may reach it.

Reading the table: a *rule* maps each persona to what it gets.

- ``200``, ``403``, ``404``, ``405``, ``400``, ``401``: that status.
- ``LOGIN``: a redirect to the login page (no session); ``ADMIN_LOGIN``: to
  beheer's login page (no session, or no right to beheer); ``HOME``: to the
  start page; ``REDIRECT``: any redirect that is not a login page.

Pages are checked with GET. API routes are checked with GET and with each
writing method they offer, sent with an empty JSON body: the callers who may
write get a validation error (400), nobody else gets past authorisation, and
nothing is stored (the test runs inside a transaction that is rolled back).

Personas (from tests/conftest.py): ``klantmanager_own`` (Velsen, the file's
municipality), ``klantmanager_other`` (Beverwijk), ``werkmakelaar``,
``manager``, ``beheerder`` (functioneel beheerder), ``privacy_officer``,
``no_role`` (a staff account without a role), ``partner_scope`` (a partner
system for Velsen with the read and write scope of the route's resource),
``partner_no_scope`` (every scope except those) and ``anonymous``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any, cast
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog

from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.test import Client as HttpClient
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from oauth2_provider.models import (
    AccessToken,
    Application,
    Grant,
    IDToken,
    RefreshToken,
)

from budgets.models import Budget, Realisation
from clients.models import (
    Client,
    Goal,
    Handover,
    MunicipalityPolicy,
    Outflow,
    OutflowReason,
    Plan,
)
from employers.models import EmployerContact
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.partners.models import PartnerSystem
from ijmondwerkt.partners.services import partner_create
from ijmondwerkt.rest.permissions import required_scope
from ijmondwerkt.rest.scopes import RESOURCES, all_scopes, resource_scopes
from reports.figures import previous_month
from reports.models import Report
from tests.clients.factories import ClientFactory, ContactFactory
from tests.conftest import bearer, logged_in, make_staff
from tests.employers.factories import (
    ContactPersonFactory,
    EmployerContactFactory,
    EmployerFactory,
    ProposalFactory,
    VacancyFactory,
)
from tests.trajectories.factories import (
    DeploymentFactory,
    PlacementFactory,
    TrajectoryFactory,
    WageValueAssessmentFactory,
)
from trajectories.models import Instrument, Provider

# --- what a persona gets ------------------------------------------------------


@dataclass(frozen=True)
class Redirect:
    """A 302 to the page named ``to``; ``None``: anywhere but a login page."""

    to: str | None

    def __str__(self) -> str:
        return f"302 → {self.to or 'elsewhere'}"


Expected = int | Redirect
Rule = dict[str, Expected]

LOGIN = Redirect("login")
ADMIN_LOGIN = Redirect("admin:login")
HOME = Redirect("home")
REDIRECT = Redirect(None)

STAFF = (
    "klantmanager_own",
    "klantmanager_other",
    "werkmakelaar",
    "manager",
    "beheerder",
    "privacy_officer",
    "no_role",
)
PARTNERS = ("partner_scope", "partner_no_scope")
PERSONAS = (*STAFF, *PARTNERS, "anonymous")


def _rule(defaults: Rule, given: dict[str, Expected]) -> Rule:
    unknown = set(given) - set(PERSONAS)
    assert not unknown, f"unknown personas {sorted(unknown)}; known: {PERSONAS}"
    return {**defaults, **given}


def page(*, others: Expected = 403, **given: Expected) -> Rule:
    """A page: staff not named get ``others``; without a session, the login page.

    A partner's bearer token opens no page: partners count as anonymous here.
    """
    defaults: Rule = dict.fromkeys(STAFF, others)
    defaults.update(dict.fromkeys((*PARTNERS, "anonymous"), LOGIN))
    return _rule(defaults, given)


def public(status: Expected = 200, **given: Expected) -> Rule:
    """Reachable without logging in, the same for everyone unless named."""
    return _rule(dict.fromkeys(PERSONAS, status), given)


def api(*, others: Expected = 403, **given: Expected) -> Rule:
    """An API route: staff not named and the partner without the scope get
    ``others`` (403); without credentials 401."""
    defaults: Rule = dict.fromkeys((*STAFF, *PARTNERS), others)
    defaults["anonymous"] = 401
    return _rule(defaults, given)


# --- kinds of pages -------------------------------------------------------------

STAFF_PAGE = page(others=200)
STAFF_POST_ONLY = page(others=405)
# Klantmanager pages over their own caseload and municipalities.
KLANTMANAGER_PAGE = page(klantmanager_own=200, klantmanager_other=200)
KLANTMANAGER_POST_ONLY = page(klantmanager_own=405, klantmanager_other=405)
# A page of one client file (Velsen): another municipality's file does not exist.
CLIENT_PAGE = page(klantmanager_own=200, klantmanager_other=404)
CLIENT_POST_ONLY = page(klantmanager_own=405, klantmanager_other=405)
# The regional employer pool: werkmakelaars write, klantmanagers read.
EMPLOYER_READ_PAGE = page(
    klantmanager_own=200, klantmanager_other=200, werkmakelaar=200
)
EMPLOYER_WRITE_PAGE = page(werkmakelaar=200)
EMPLOYER_WRITE_POST_ONLY = page(werkmakelaar=405)
# Placements: the pool and the client's municipality.
PLACEMENT_LIST = page(klantmanager_own=200, klantmanager_other=200, werkmakelaar=200)
PLACEMENT_PAGE = page(klantmanager_own=200, klantmanager_other=404, werkmakelaar=200)
# Budget entry pages (budgets/views/entry.py): managers and functioneel beheerders.
BUDGET_ENTRY_PAGE = page(manager=200, beheerder=200)
# Report pages: managers and functioneel beheerders (of the region here).
REPORT_PAGE = page(manager=200, beheerder=200)

PAGES: dict[str, Rule] = {
    "home": STAFF_PAGE,
    "health": public(),
    "login": public(**dict.fromkeys(STAFF, HOME)),
    "logout": public(405),
    # Every staff member changes their own password.
    "password_change": STAFF_PAGE,
    # The second step of logging in; without a first step, back to the login page.
    "two_factor_verify": page(others=HOME),
    "two_factor_setup": page(others=HOME),
    # Changes in access (roles, municipalities): for the privacy officer.
    "privacy_access_changes": page(privacy_officer=200),
    "inbox:list": STAFF_PAGE,
    "inbox:toggle": STAFF_POST_ONLY,
    "clients:list": KLANTMANAGER_PAGE,
    "clients:dashboard": KLANTMANAGER_PAGE,
    "clients:register": KLANTMANAGER_PAGE,
    "clients:duplicate_check": KLANTMANAGER_POST_ONLY,
    "clients:bsn_search": KLANTMANAGER_POST_ONLY,
    "clients:reassign": KLANTMANAGER_PAGE,
    "clients:detail": CLIENT_PAGE,
    "clients:edit": CLIENT_PAGE,
    "clients:intake_plan": CLIENT_PAGE,
    "clients:intake_record": CLIENT_PAGE,
    "clients:goal_add": CLIENT_PAGE,
    "clients:goal_status": CLIENT_POST_ONLY,
    "clients:ladder_measure": CLIENT_PAGE,
    "clients:contact_record": CLIENT_PAGE,
    "clients:outflow": CLIENT_PAGE,
    "clients:reregister": CLIENT_PAGE,
    "clients:handover_start": CLIENT_PAGE,
    "clients:handover_return": CLIENT_PAGE,  # a client in care (open handover)
    # Moving a file within the region: who serves its municipality and another
    # (a regional klantmanager, or the functioneel beheerder).
    "clients:move": page(klantmanager_own=403, klantmanager_other=404, beheerder=200),
    "employers:list": EMPLOYER_READ_PAGE,
    "employers:create": EMPLOYER_WRITE_PAGE,
    "employers:follow_ups": EMPLOYER_WRITE_PAGE,
    "employers:follow_up_complete": EMPLOYER_WRITE_POST_ONLY,
    "employers:detail": EMPLOYER_READ_PAGE,
    "employers:update": EMPLOYER_WRITE_PAGE,
    "employers:archive": EMPLOYER_WRITE_POST_ONLY,
    "employers:contact_record": EMPLOYER_WRITE_POST_ONLY,
    "employers:contact_person_create": EMPLOYER_WRITE_PAGE,
    "employers:contact_person_update": EMPLOYER_WRITE_PAGE,
    "vacancies:list": EMPLOYER_READ_PAGE,
    "vacancies:create": EMPLOYER_WRITE_PAGE,
    "vacancies:detail": EMPLOYER_READ_PAGE,
    "vacancies:update": EMPLOYER_WRITE_PAGE,
    "vacancies:close": EMPLOYER_WRITE_POST_ONLY,
    "vacancies:propose": EMPLOYER_WRITE_POST_ONLY,
    "vacancies:proposal_advance": EMPLOYER_WRITE_POST_ONLY,
    # Fitting vacancies for one (Velsen) client: only who may see that client.
    "vacancies:client_vacancies": page(
        klantmanager_own=200, klantmanager_other=404, werkmakelaar=200
    ),
    # Placements: werkmakelaars and klantmanagers of the client's municipality
    # (Beverwijk's klantmanager finds no Velsen placement).
    "placements:list": PLACEMENT_LIST,
    # Without a proposal or a client file to start from: sent to where one starts.
    "placements:create": page(
        klantmanager_own=REDIRECT, klantmanager_other=REDIRECT, werkmakelaar=REDIRECT
    ),
    "placements:detail": PLACEMENT_PAGE,
    "placements:update": PLACEMENT_PAGE,
    "placements:end": PLACEMENT_PAGE,
    "placements:follow_up": PLACEMENT_PAGE,
    # The suggestions of a start are confirmed in the client file: klantmanagers.
    "placements:ladder_confirm": CLIENT_POST_ONLY,
    "placements:outflow_confirm": CLIENT_POST_ONLY,
    # Hiring is a step on the pipeline board: werkmakelaars.
    "placements:proposal_hire": EMPLOYER_WRITE_PAGE,
    # Assessments are client-file data: klantmanagers only, not the werkmakelaar;
    # without a placement or client to assess there is nothing to show.
    "placements:assessment_create": page(klantmanager_own=404, klantmanager_other=404),
    "placements:assessment_update": CLIENT_PAGE,
    # Trajectories and deployments: the klantmanagers of the client's
    # municipality (Beverwijk's finds no Velsen trajectory, deployment or file).
    "trajectories:list": KLANTMANAGER_PAGE,
    "trajectories:create": CLIENT_PAGE,
    "trajectories:detail": CLIENT_PAGE,
    "trajectories:edit": CLIENT_PAGE,
    "trajectories:end": CLIENT_PAGE,
    "trajectories:deployment_create": CLIENT_PAGE,
    "trajectories:deployment_eligibility": CLIENT_PAGE,
    "trajectories:deployment_edit": CLIENT_PAGE,
    "trajectories:deployment_stop": CLIENT_PAGE,
    # The catalogue: read by who deploys and places; beheer edits it.
    "trajectories:catalogue": page(
        klantmanager_own=200, klantmanager_other=200, werkmakelaar=200
    ),
    # Entering budgets, realisation and benefit parameters: managers and
    # functioneel beheerders (of the region here, so Velsen's rows are theirs).
    "budgets:budget_create": BUDGET_ENTRY_PAGE,
    "budgets:budget_detail": BUDGET_ENTRY_PAGE,
    "budgets:budget_update": BUDGET_ENTRY_PAGE,
    "budgets:realisation_list": BUDGET_ENTRY_PAGE,
    "budgets:realisation_create": BUDGET_ENTRY_PAGE,
    "budgets:realisation_delete": BUDGET_ENTRY_PAGE,  # a confirmation page
    "budgets:import": BUDGET_ENTRY_PAGE,
    "budgets:import_list": BUDGET_ENTRY_PAGE,
    "budgets:import_detail": BUDGET_ENTRY_PAGE,
    "budgets:benefit_parameters": BUDGET_ENTRY_PAGE,
    "budgets:benefit_parameter_create": BUDGET_ENTRY_PAGE,
    "budgets:benefit_parameter_update": BUDGET_ENTRY_PAGE,
    # Budget overview, drill-down (Velsen's) and savings: managers and
    # functioneel beheerders; caseworkers see no budgets.
    "budgets:overview": page(manager=200, beheerder=200),
    "budgets:stream": page(manager=200, beheerder=200),
    "budgets:savings": page(manager=200, beheerder=200),
    # Reports (/rapportages/): managers and functioneel beheerders; the report
    # is Velsen's of last month, with its files. Retrying takes a POST.
    "reports:archive": REPORT_PAGE,
    "reports:request": REPORT_PAGE,
    "reports:detail": REPORT_PAGE,
    "reports:status": REPORT_PAGE,
    "reports:download": REPORT_PAGE,
    "reports:retry": page(manager=405, beheerder=405),
    "reports:evaluation": REPORT_PAGE,
}

# --- beheer (Django admin) --------------------------------------------------------


def beheer(status: Expected) -> Rule:
    """Beheer is for the functioneel beheerder; other staff get the app's 403
    page, who has no session goes to its login."""
    return page(
        others=403,
        beheerder=status,
        partner_scope=ADMIN_LOGIN,
        partner_no_scope=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
    )


ADMIN_PAGES: dict[str, Rule] = {
    "admin:index": beheer(200),
    # Staff without the role are logged in already: the app's 403 page.
    "admin:login": public(
        200, **{**dict.fromkeys(STAFF, cast(Expected, 403)), "beheerder": REDIRECT}
    ),
    # Logging out of beheer takes a POST; who may not enter goes to its index.
    "admin:logout": page(
        others=Redirect("admin:index"),
        beheerder=405,
        partner_scope=Redirect("admin:index"),
        partner_no_scope=Redirect("admin:index"),
        anonymous=Redirect("admin:index"),
    ),
    "admin:password_change": beheer(200),
    "admin:password_change_done": beheer(200),
    "admin:autocomplete": beheer(403),
    "admin:jsi18n": beheer(200),
    # The generic "view on site" redirect (here: a client's content type).
    "admin:view_on_site": beheer(REDIRECT),
    "admin:app_list": beheer(200),  # the "accounts" app
    "admin:auth_user_password_change": beheer(200),
    # A TOTP device's secret (setup page and QR code): not for the beheerder.
    "admin:otp_totp_totpdevice_config": beheer(403),
    "admin:otp_totp_totpdevice_qrcode": beheer(403),
    "beheer/(?P<url>.*)$": beheer(404),  # any unknown beheer address
}


@dataclass(frozen=True)
class Beheer:
    """What the functioneel beheerder may do with one model in beheer."""

    view: bool = True
    add: bool = False
    change: bool = False
    delete: bool = False

    def rules(self) -> dict[str, Rule]:
        allowed = {True: 200, False: 403}
        return {
            "changelist": beheer(allowed[self.view or self.change]),
            "add": beheer(allowed[self.add]),
            "change": beheer(allowed[self.view or self.change]),
            "history": beheer(allowed[self.view or self.change]),
            "delete": beheer(allowed[self.delete]),
            # <object_id>/ redirects to the change page (for whoever may enter beheer)
            "object": beheer(REDIRECT),
        }


NOTHING = Beheer(view=False)
# Code lists are kept, not deleted: rows are referred to by files and history.
CODE_LIST = Beheer(add=True, change=True)

ADMIN_MODELS: dict[str, Beheer] = {
    "accounts.user": Beheer(add=True, change=True),
    "accounts.municipality": Beheer(change=True),
    "auth.group": Beheer(),
    "partners.partnersystem": Beheer(add=True, change=True),
    "oauth2_provider.application": NOTHING,
    "oauth2_provider.accesstoken": NOTHING,
    "oauth2_provider.grant": NOTHING,
    "oauth2_provider.idtoken": NOTHING,
    "oauth2_provider.refreshtoken": NOTHING,
    "clients.benefitkind": CODE_LIST,
    "clients.registrationchannel": CODE_LIST,
    "clients.inflowreason": CODE_LIST,
    "clients.outflowreason": CODE_LIST,
    "clients.contactchannel": CODE_LIST,
    "clients.barriercategory": CODE_LIST,
    "clients.educationlevel": CODE_LIST,
    "clients.municipalitypolicy": CODE_LIST,
    "employers.sbisection": CODE_LIST,
    "employers.sectorcluster": CODE_LIST,
    "employers.sizeclass": CODE_LIST,
    "employers.employercontactkind": CODE_LIST,
    "employers.matchingweight": Beheer(change=True),
    # The trajectories catalogue, providers and subsidy parameters: kept, not
    # deleted (deployments and history refer to them), like the code lists.
    "trajectories.instrument": CODE_LIST,
    "trajectories.provider": CODE_LIST,
    "trajectories.subsidyparameter": CODE_LIST,
    "trajectories.instrumentcategory": CODE_LIST,
    "trajectories.trajectoryendreason": CODE_LIST,
    "trajectories.placementkind": CODE_LIST,
    "trajectories.placementendreason": CODE_LIST,
    "trajectories.assessmentmethod": CODE_LIST,
    # Budgets: read-only in beheer (an amendment is made on the budget page, a
    # booking corrected in the financial system, an import kept with its
    # report); the average monthly benefit is added and changed, not deleted.
    "budgets.budget": Beheer(),
    "budgets.realisation": Beheer(),
    "budgets.realisationimport": Beheer(),
    "budgets.benefitparameter": Beheer(add=True, change=True),
    # Lock-outs and second factors: the beheerder resets them through the user
    # admin (recovery path); the raw tables are for superusers.
    "axes.accessattempt": NOTHING,
    "axes.accesslog": NOTHING,
    "axes.accessfailurelog": NOTHING,
    "otp_totp.totpdevice": NOTHING,
}

# --- the partner API ----------------------------------------------------------------

# Reading client files: klantmanagers (own municipalities) and partners with the scope.
CLIENT_DATA = api(klantmanager_own=200, klantmanager_other=200, partner_scope=200)
CLIENT_DATA_WRITE = api(klantmanager_own=400, klantmanager_other=400, partner_scope=400)
# One Velsen client's data: Beverwijk's klantmanager finds nothing.
ONE_CLIENT = api(klantmanager_own=200, klantmanager_other=404, partner_scope=200)
ONE_CLIENT_WRITE = api(klantmanager_own=400, klantmanager_other=404, partner_scope=400)
# The employer pool: werkmakelaars write, klantmanagers read.
EMPLOYER_DATA = api(
    klantmanager_own=200, klantmanager_other=200, werkmakelaar=200, partner_scope=200
)
EMPLOYER_DATA_WRITE = api(werkmakelaar=400, partner_scope=400)
# Werkmakelaar-only resources (contact log, proposals).
WERKMAKELAAR_DATA = api(werkmakelaar=200, partner_scope=200)
WERKMAKELAAR_DATA_WRITE = api(werkmakelaar=400, partner_scope=400)
# Every staff role reads the municipalities it serves (a role without any: none).
MUNICIPALITIES = api(others=200, no_role=403, partner_no_scope=403)
VELSEN = api(others=200, klantmanager_other=404, no_role=403, partner_no_scope=403)
# The catalogue (voorzieningen, aanbieders): read by klantmanagers, who deploy it.
CATALOGUE = api(klantmanager_own=200, klantmanager_other=200, partner_scope=200)
# Placements: the pool and the client's municipality, like the placement pages.
PLACEMENTS = api(
    klantmanager_own=200, klantmanager_other=200, werkmakelaar=200, partner_scope=200
)
PLACEMENTS_WRITE = api(
    klantmanager_own=400, klantmanager_other=400, werkmakelaar=400, partner_scope=400
)
ONE_PLACEMENT = api(
    klantmanager_own=200, klantmanager_other=404, werkmakelaar=200, partner_scope=200
)
# A placement's subsidy reveals the loonwaarde: the assessments' scope too, so
# neither a werkmakelaar nor a partner with only the placements' scope.
PLACEMENT_SUBSIDY = api(klantmanager_own=200, klantmanager_other=404)
ONE_PLACEMENT_WRITE = api(
    klantmanager_own=400, klantmanager_other=404, werkmakelaar=400, partner_scope=400
)
# Budgets: managers and functioneel beheerders (the region), partners with the scope.
BUDGETS = api(manager=200, beheerder=200, partner_scope=200)
BUDGETS_WRITE = api(manager=400, beheerder=400, partner_scope=400)
# Reports: managers and functioneel beheerders, partners with rapportages.lezen.
REPORTS = api(manager=200, beheerder=200, partner_scope=200)

API: dict[str, dict[str, Rule]] = {
    "api:gemeente-list": {"GET": MUNICIPALITIES},
    "api:gemeente-detail": {"GET": VELSEN},
    "api:werkzoekende-list": {"GET": CLIENT_DATA, "POST": CLIENT_DATA_WRITE},
    # A search with the BSN in the body; GET is not offered.
    "api:werkzoekende-search": {
        "GET": api(others=405),
        "POST": api(klantmanager_own=400, klantmanager_other=400, partner_scope=400),
    },
    "api:werkzoekende-detail": {"GET": ONE_CLIENT, "PATCH": ONE_CLIENT_WRITE},
    "api:ladder-meting-list": {"GET": ONE_CLIENT, "POST": ONE_CLIENT_WRITE},
    "api:klantcontact-list": {"GET": CLIENT_DATA, "POST": CLIENT_DATA_WRITE},
    "api:klantcontact-detail": {"GET": ONE_CLIENT},
    "api:uitstroom-list": {"GET": CLIENT_DATA, "POST": CLIENT_DATA_WRITE},
    "api:uitstroom-detail": {"GET": ONE_CLIENT},
    "api:werkgever-list": {"GET": EMPLOYER_DATA, "POST": EMPLOYER_DATA_WRITE},
    "api:werkgever-detail": {"GET": EMPLOYER_DATA, "PATCH": EMPLOYER_DATA_WRITE},
    "api:werkgeverscontact-list": {
        "GET": WERKMAKELAAR_DATA,
        "POST": WERKMAKELAAR_DATA_WRITE,
    },
    # Recorded contacts are not changed through the API.
    "api:werkgeverscontact-detail": {
        "GET": WERKMAKELAAR_DATA,
        "PATCH": api(others=405),
    },
    "api:vacature-list": {"GET": EMPLOYER_DATA, "POST": EMPLOYER_DATA_WRITE},
    "api:vacature-detail": {"GET": EMPLOYER_DATA, "PATCH": EMPLOYER_DATA_WRITE},
    # Candidates are people: the proposals scope, not just the vacancies one.
    "api:vacature-candidates": {"GET": WERKMAKELAAR_DATA},
    "api:voordracht-list": {"GET": WERKMAKELAAR_DATA, "POST": WERKMAKELAAR_DATA_WRITE},
    "api:voordracht-detail": {
        "GET": WERKMAKELAAR_DATA,
        "PATCH": WERKMAKELAAR_DATA_WRITE,
    },
    # Client credentials come in the body; GET is not offered.
    "api:token": {"GET": public(405), "POST": public(400)},
    "api:schema-yaml": {"GET": public()},
    "api:schema-json": {"GET": public()},
    "api:docs": {"GET": public()},
    # Trajectories: casework of the klantmanagers (manager, beheerder and
    # privacy officer get nothing); placements also for werkmakelaars.
    "api:voorziening-list": {"GET": CATALOGUE},
    "api:voorziening-detail": {"GET": CATALOGUE},
    "api:aanbieder-list": {"GET": CATALOGUE},
    "api:aanbieder-detail": {"GET": CATALOGUE},
    "api:traject-list": {"GET": CLIENT_DATA, "POST": CLIENT_DATA_WRITE},
    "api:traject-detail": {"GET": ONE_CLIENT, "PATCH": ONE_CLIENT_WRITE},
    "api:inzet-list": {"GET": CLIENT_DATA, "POST": CLIENT_DATA_WRITE},
    "api:inzet-detail": {"GET": ONE_CLIENT, "PATCH": ONE_CLIENT_WRITE},
    "api:plaatsing-list": {"GET": PLACEMENTS, "POST": PLACEMENTS_WRITE},
    "api:plaatsing-detail": {"GET": ONE_PLACEMENT, "PATCH": ONE_PLACEMENT_WRITE},
    "api:plaatsing-subsidy": {"GET": PLACEMENT_SUBSIDY},
    "api:loonwaardebepaling-list": {"GET": CLIENT_DATA, "POST": CLIENT_DATA_WRITE},
    "api:loonwaardebepaling-detail": {"GET": ONE_CLIENT, "PATCH": ONE_CLIENT_WRITE},
    # Budgets: managers and functioneel beheerders of the municipality, and
    # partners with the budgetten scopes (realisaties use them too).
    "api:budget-list": {"GET": BUDGETS, "POST": BUDGETS_WRITE},
    "api:budget-detail": {"GET": BUDGETS, "PATCH": BUDGETS_WRITE},
    "api:budget-overview": {"GET": BUDGETS},
    "api:realisatie-list": {"GET": BUDGETS, "POST": BUDGETS_WRITE},
    "api:realisatie-detail": {"GET": BUDGETS},
    # The import takes a multipart file: a JSON body is 415; GET is not offered.
    "api:realisatie-import": {
        "GET": api(others=405),
        "POST": api(manager=415, beheerder=415, partner_scope=415),
    },
    # Reports: the month's figures (default: last month) and the evaluation.
    "api:rapportage-month": {"GET": REPORTS},
    "api:rapportage-evaluation": {"GET": REPORTS},
    # The archive: Velsen's report of last month and its files.
    "api:rapportage-list": {"GET": REPORTS},
    "api:rapportage-detail": {"GET": REPORTS},
    "api:rapportage-pdf": {"GET": REPORTS},
    "api:rapportage-csv": {"GET": REPORTS},
    "api:rapportage-xlsx": {"GET": REPORTS},
}


# --- the URLconf, walked ------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the URL name; for an unnamed pattern, its route text
    route: str
    pattern: URLPattern

    @property
    def kwarg_names(self) -> list[str]:
        compiled = self.pattern.pattern.regex
        return list(compiled.groupindex)

    @property
    def methods(self) -> list[str]:
        """GET, plus the writing methods of an API viewset route."""
        callback = self.pattern.callback
        actions = getattr(callback, "actions", None) or {}
        offered = getattr(getattr(callback, "cls", None), "http_method_names", actions)
        writes = sorted(
            m.upper() for m in actions if m in offered and m not in {"get", "head"}
        )
        return ["GET", *writes]


def _walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = (
                    f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                )
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        else:
            route = prefix + str(entry.pattern)
            if entry.name:
                key = f"{namespace}:{entry.name}" if namespace else entry.name
            else:
                key = route
            yield Route(key=key, route=route, pattern=entry)


def _admin_rules() -> dict[str, Rule]:
    rules = dict(ADMIN_PAGES)
    for model in admin.site._registry:
        label = model._meta.label_lower
        access = ADMIN_MODELS.get(label)
        if access is None:
            continue  # reported by test_every_route_has_a_row
        app, name = model._meta.app_label, model._meta.model_name
        for page_kind, rule in access.rules().items():
            if page_kind == "object":
                rules[f"beheer/{app}/{name}/<path:object_id>/"] = rule
            else:
                rules[f"admin:{app}_{name}_{page_kind}"] = rule
    return rules


def table() -> dict[str, dict[str, Rule]]:
    """Route key → method → persona → expected."""
    rules: dict[str, dict[str, Rule]] = {k: {"GET": r} for k, r in PAGES.items()}
    rules.update({k: {"GET": r} for k, r in _admin_rules().items()})
    rules.update(API)
    return rules


ROUTES = {route.key: route for route in _walk(get_resolver())}
TABLE = table()
CASES = [
    pytest.param(key, method, persona, id=f"{key} {method} {persona}")
    for key, route in ROUTES.items()
    if key in TABLE
    for method in route.methods
    if method in TABLE[key]
    for persona in PERSONAS
]


def summary_line() -> str:
    """For the terminal summary (tests/conftest.py)."""
    routes = {(param.values[0], param.values[1]) for param in CASES}
    return (
        f"route × persona matrix: {len(CASES)} cases ({len(routes)} route × method "
        f"pairs over {len({r for r, _m in routes})} routes, {len(PERSONAS)} personas)"
    )


def test_every_route_has_a_row() -> None:
    unregistered = sorted(
        model._meta.label_lower
        for model in admin.site._registry
        if model._meta.label_lower not in ADMIN_MODELS
    )
    model_pages = tuple(f"beheer/{label.replace('.', '/')}/" for label in unregistered)
    missing = [
        f"  {key}  ({route.route}) {'/'.join(route.methods)}"
        for key, route in ROUTES.items()
        if (key not in TABLE or set(route.methods) - set(TABLE[key]))
        and not route.route.startswith(model_pages)
    ]
    message = []
    if missing:
        message.append(
            "These routes have no row (or no row for a method) in "
            "tests/test_route_matrix.py; add one to PAGES, ADMIN_PAGES or API "
            "saying what each persona gets:\n" + "\n".join(missing)
        )
    if unregistered:
        message.append(
            "These models are in beheer without a line in ADMIN_MODELS saying what "
            "the functioneel beheerder may do: " + ", ".join(unregistered)
        )
    assert not message, "\n\n".join(message)


def test_every_row_has_a_route() -> None:
    stale = sorted(set(TABLE) - set(ROUTES))
    assert not stale, f"Rows for routes that no longer exist: {stale}"
    stale_models = sorted(
        set(ADMIN_MODELS) - {m._meta.label_lower for m in admin.site._registry}
    )
    assert not stale_models, (
        f"ADMIN_MODELS lines for models not in beheer: {stale_models}"
    )


def test_the_matrix_covers_every_route_and_persona() -> None:
    routes = {param.values[0] for param in CASES}
    assert routes == set(ROUTES) & set(TABLE)
    assert len(CASES) >= len(routes) * len(PERSONAS)


# --- the world the requests run in ----------------------------------------------------


@dataclass
class World:
    clients: dict[str, HttpClient]
    partners: dict[tuple[str, bool], HttpClient]  # (resource, with scope)
    objects: dict[str, Any]
    admin_objects: dict[type[models.Model], Any]


def _partner(name: str, scopes: list[str], velsen: Municipality) -> HttpClient:
    partner, credentials = partner_create(
        name=name, municipalities=[velsen], scopes=scopes, throttle_rate=""
    )
    assert isinstance(partner, PartnerSystem)
    return bearer(credentials.api_key)


def _security_rows(user: User) -> None:
    """A row of each OAuth2 and lock-out model, so that their beheer pages have one."""
    application = Application.objects.order_by("pk").first()
    expires = timezone.now() + timedelta(hours=1)
    token = AccessToken.objects.create(
        user=user, application=application, token="matrix-access", expires=expires
    )
    RefreshToken.objects.create(
        user=user, application=application, token="matrix-refresh", access_token=token
    )
    Grant.objects.create(
        user=user,
        application=application,
        code="matrix-grant",
        expires=expires,
        redirect_uri="https://example.org/",
    )
    IDToken.objects.create(user=user, application=application, expires=expires)
    attempt = {
        "user_agent": "pytest",
        "ip_address": "192.0.2.1",
        "username": "onbekend",
        "http_accept": "*/*",
        "path_info": "/inloggen/",
    }
    AccessAttempt.objects.create(
        **attempt, get_data="", post_data="", failures_since_start=1
    )
    AccessFailureLog.objects.create(**attempt)


def _budget_entry_objects(velsen: Municipality, manager: User) -> dict[str, Any]:
    """Velsen's rows for the budget entry pages: a budget, a realisation typed
    in by hand, an accepted import and a benefit parameter."""
    from decimal import Decimal

    from budgets import services
    from budgets.imports import realisation_import

    today = timezone.localdate()
    csv = (
        "gemeente;stroom;periode;bedrag;boekingskenmerk\n"
        f"0453;buig;{today:%m-%Y};1.000,00;MATRIX-1\n"
    )
    entry = realisation_import(user=manager, file=csv.encode(), file_name="m.csv")
    assert entry.accepted, entry.report
    return {
        "entry_budget": services.budget_create(
            user=manager,
            municipality=velsen,
            year=today.year,
            funding_stream="wsw",
            amount=Decimal("50000.00"),
        ),
        "manual_realisation": services.realisation_create(
            user=manager,
            municipality=velsen,
            funding_stream="wsw",
            year=today.year,
            month=today.month,
            amount=Decimal("75.00"),
        ),
        "realisation_import": entry,
        "benefit_parameter": services.benefit_parameter_create(
            user=manager,
            municipality=velsen,
            year=today.year,
            average_monthly_benefit=Decimal("1350.00"),
        ),
    }


def _archived_report(velsen: Municipality) -> Report:
    """Velsen's report of last month, made, with its three files."""
    report = Report.objects.create(
        month=previous_month(),
        scope_key="0453",
        name="Velsen",
        status=Report.Status.DONE,
        pdf=b"%PDF-1.7",
        csv=b"cijfer;Velsen",
        xlsx=b"PK",
    )
    report.municipalities.set([velsen])
    return report


def _build_world() -> World:
    velsen = Municipality.objects.get_or_create(
        cbs_code="0453", defaults={"name": "Velsen"}
    )[0]
    beverwijk = Municipality.objects.get_or_create(
        cbs_code="0375", defaults={"name": "Beverwijk"}
    )[0]
    heemskerk = Municipality.objects.get_or_create(
        cbs_code="0396", defaults={"name": "Heemskerk"}
    )[0]
    region = [beverwijk, heemskerk, velsen]
    users = {
        "klantmanager_own": make_staff(
            "klantmanager_velsen", Role.KLANTMANAGER, [velsen]
        ),
        "klantmanager_other": make_staff(
            "klantmanager_beverwijk", Role.KLANTMANAGER, [beverwijk]
        ),
        "werkmakelaar": make_staff("werkmakelaar_regio", Role.WERKMAKELAAR, region),
        "manager": make_staff("manager_regio", Role.MANAGER, region),
        "beheerder": make_staff("beheerder_regio", Role.BEHEERDER, region),
        "privacy_officer": make_staff("privacy_regio", Role.PRIVACY_OFFICER, region),
        "no_role": make_staff("zonder_rol", None, [velsen]),
    }
    km = users["klantmanager_own"]
    client = ClientFactory.create(
        klantmanager=km, municipality=velsen, first_name="Piet", last_name="Velser"
    )
    plan = Plan.objects.create(client=client, established_on=timezone.localdate())
    goal = Goal.objects.create(
        plan=plan,
        description="Cv op orde",
        owner=Goal.Owner.CLIENT,
        due_date=timezone.localdate() + timedelta(days=30),
    )
    outflowed = ClientFactory.create(
        klantmanager=km, municipality=velsen, status=Client.Status.OUTFLOWED
    )
    outflow = Outflow.objects.create(
        client=outflowed,
        date=timezone.localdate() - timedelta(days=3),
        reason=OutflowReason.objects.order_by("pk")[0],
        recorded_by=km,
    )
    in_care = ClientFactory.create(
        klantmanager=km, municipality=velsen, status=Client.Status.HANDED_OVER
    )
    Handover.objects.create(
        client=in_care,
        organisation="Schuldhulp IJmond",
        started_on=timezone.localdate() - timedelta(days=10),
        reason="Schulden eerst",
        started_by=km,
        previous_status=Client.Status.ACTIVE,
    )
    MunicipalityPolicy.objects.get_or_create(municipality=velsen)
    employer = EmployerFactory.create(name="Staalbouw IJmond B.V.")
    contact_person = ContactPersonFactory.create(employer=employer)
    employer_contact = EmployerContactFactory.create(
        employer=employer,
        werkmakelaar=users["werkmakelaar"],
        follow_up_date=timezone.localdate() + timedelta(days=7),
    )
    vacancy = VacancyFactory.create(employer=employer, close_date=None)
    placement = PlacementFactory.create(
        client=client, employer=employer, registered_by=users["werkmakelaar"]
    )
    trajectory = TrajectoryFactory.create(client=client)
    objects: dict[str, Any] = {
        "client": client,
        "client_in_care": in_care,
        "goal": goal,
        "contact": ContactFactory.create(client=client, recorded_by=km),
        "outflow": outflow,
        "employer": employer,
        "contact_person": contact_person,
        "employer_contact": employer_contact,
        "vacancy": vacancy,
        "proposal": ProposalFactory.create(
            vacancy=vacancy, client=client, proposed_by=users["werkmakelaar"]
        ),
        "task": Task.objects.create(assignee=km, kind="test", title="Bellen"),
        "placement": placement,
        "follow_up": placement.follow_ups.order_by("months").first(),
        "assessment": WageValueAssessmentFactory.create(
            placement=placement, client=client
        ),
        "trajectory": trajectory,
        "deployment": DeploymentFactory.create(client=client, trajectory=trajectory),
        "municipality": velsen,
        "instrument": Instrument.objects.get(code="taalcursus"),
        "provider": Provider.objects.order_by("pk").first(),
        "budget": Budget.objects.create(
            municipality=velsen,
            year=timezone.localdate().year,
            funding_stream="participatiebudget",
            amount=Decimal("100000.00"),
        ),
        "realisation": Realisation.objects.create(
            municipality=velsen,
            funding_stream="participatiebudget",
            year=timezone.localdate().year,
            month=1,
            amount=Decimal("250.00"),
            source=Realisation.Source.MANUAL,
            created_by=users["manager"],
        ),
    }
    objects.update(_budget_entry_objects(velsen, users["manager"]))
    objects["report"] = _archived_report(velsen)
    partners: dict[tuple[str, bool], HttpClient] = {}
    every = list(all_scopes())
    for resource in RESOURCES:
        own = resource_scopes(resource)
        partners[resource, True] = _partner(f"Met {resource}", own, velsen)
        partners[resource, False] = _partner(
            f"Zonder {resource}", [s for s in every if s not in own], velsen
        )
    partners["", True] = _partner("Alle scopes", every, velsen)
    partners["", False] = _partner("Geen scopes", [], velsen)
    _security_rows(users["klantmanager_own"])
    admin_objects: dict[type[models.Model], Any] = {
        User: km,
        Municipality: velsen,
        Group: Group.objects.get(name=Role.KLANTMANAGER.value),
        PartnerSystem: PartnerSystem.objects.order_by("pk").first(),
        EmployerContact: employer_contact,
    }
    clients = {persona: logged_in(user) for persona, user in users.items()}
    clients["anonymous"] = HttpClient()
    return World(
        clients=clients,
        partners=partners,
        objects=objects,
        admin_objects=admin_objects,
    )


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """One set of personas and objects for the whole module, rolled back at the end.

    Each case runs in its own savepoint inside this transaction (pytest-django's
    ``db``), so whatever a request changes is undone before the next case.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # Personas log in with force_login: their passwords are never checked.
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                yield _build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- building the address -------------------------------------------------------------

API_OBJECTS = {
    "gemeente": "municipality",
    "werkzoekende": "client",
    "ladder-meting": "client",
    "klantcontact": "contact",
    "uitstroom": "outflow",
    "werkgever": "employer",
    "werkgeverscontact": "employer_contact",
    "vacature": "vacancy",
    "voordracht": "proposal",
    "voorziening": "instrument",
    "aanbieder": "provider",
    "traject": "trajectory",
    "inzet": "deployment",
    "plaatsing": "placement",
    "loonwaardebepaling": "assessment",
    "budget": "budget",
    "realisatie": "realisation",
    "rapportage": "report",
}
PAGE_OBJECTS = {
    ("clients", "uuid"): "client",
    ("clients", "goal_uuid"): "goal",
    ("employers", "uuid"): "employer",
    ("employers", "person_uuid"): "contact_person",
    ("vacancies", "uuid"): "vacancy",
    ("vacancies", "client_uuid"): "client",
    ("inbox", "uuid"): "task",
    ("placements", "uuid"): "placement",
    ("trajectories", "uuid"): "trajectory",
    ("trajectories", "client_uuid"): "client",
    ("trajectories", "deployment_uuid"): "deployment",
    ("reports", "uuid"): "report",
}
# Path values that are no object's uuid: Velsen's participation budget of 2026.
ROUTE_VALUES = {
    ("budgets:stream", "cbs"): "0453",
    ("budgets:stream", "jaar"): "2026",
    ("budgets:stream", "stroom"): "participatiebudget",
    ("reports:download", "fmt"): "pdf",
}
ROUTE_OBJECTS = {
    ("employers:follow_up_complete", "uuid"): "employer_contact",
    ("vacancies:proposal_advance", "uuid"): "proposal",
    ("clients:handover_return", "uuid"): "client_in_care",
    ("placements:follow_up", "uuid"): "follow_up",
    ("placements:proposal_hire", "uuid"): "proposal",
    ("placements:assessment_update", "uuid"): "assessment",
    ("budgets:budget_detail", "uuid"): "entry_budget",
    ("budgets:budget_update", "uuid"): "entry_budget",
    ("budgets:realisation_delete", "uuid"): "manual_realisation",
    ("budgets:import_detail", "uuid"): "realisation_import",
    ("budgets:benefit_parameter_update", "uuid"): "benefit_parameter",
}


def _admin_model(route: Route) -> type[models.Model]:
    app, name = route.route.split("/")[1:3]
    return next(
        m
        for m in admin.site._registry
        if (m._meta.app_label, m._meta.model_name) == (app, name)
    )


def _admin_object_id(world: World, model: type[models.Model]) -> str:
    obj = (
        world.admin_objects.get(model) or model._default_manager.order_by("pk").first()
    )
    return str(obj.pk) if obj is not None else "0"


def _kwargs(route: Route, world: World) -> dict[str, str]:
    namespace, _sep, name = route.key.rpartition(":")
    values: dict[str, str] = {}
    for kwarg in route.kwarg_names:
        if namespace == "api":
            basename = name.rsplit("-", 1)[0]
            obj = world.objects[API_OBJECTS[basename]]
            code = getattr(obj, "cbs_code", None) or getattr(obj, "code", None)
            values[kwarg] = str(code) if kwarg == "code" else str(obj.uuid)
        elif namespace == "admin" or route.route.startswith("beheer/"):
            if kwarg == "object_id" and route.key == "admin:view_on_site":
                values[kwarg] = str(world.objects["client"].pk)
            elif kwarg == "content_type_id":
                values[kwarg] = str(ContentType.objects.get_for_model(Client).pk)
            elif kwarg in {"object_id", "pk"}:
                values[kwarg] = _admin_object_id(world, _admin_model(route))
            elif kwarg == "id":
                values[kwarg] = str(world.admin_objects[User].pk)
            elif kwarg == "app_label":
                values[kwarg] = "accounts"
            elif kwarg == "url":
                values[kwarg] = "bestaat-niet/"
        elif (route.key, kwarg) in ROUTE_VALUES:
            values[kwarg] = ROUTE_VALUES[route.key, kwarg]
        else:
            field = ROUTE_OBJECTS.get((route.key, kwarg)) or PAGE_OBJECTS.get(
                (namespace, kwarg)
            )
            if field is not None:
                values[kwarg] = str(world.objects[field].uuid)
        assert kwarg in values, (
            f"No object for {{{kwarg}}} of {route.key}: add one to the world and "
            "to PAGE_OBJECTS/ROUTE_OBJECTS/API_OBJECTS in tests/test_route_matrix.py"
        )
    return values


def _url(route: Route, world: World) -> str:
    kwargs = _kwargs(route, world)
    if route.pattern.name:
        return reverse(route.key, kwargs=kwargs)
    path = route.route
    for kwarg, value in kwargs.items():
        path = path.replace(f"<path:{kwarg}>", value).replace(
            f"(?P<{kwarg}>.*)$", value
        )
    return "/" + path


def _caller(route: Route, method: str, persona: str, world: World) -> HttpClient:
    if persona not in PARTNERS:
        return world.clients[persona]
    resource = ""
    callback = route.pattern.callback
    if route.key.startswith("api:") and hasattr(callback, "cls"):
        view = callback.cls()
        view.action = (getattr(callback, "actions", None) or {}).get(method.lower())
        needed = required_scope(view, method)
        resource = needed.split(".")[0] if needed else ""
    return world.partners[resource, persona == "partner_scope"]


def _matches(response: Any, expected: Expected) -> bool:
    if isinstance(expected, int):
        return response.status_code == expected
    if response.status_code != 302:
        return False
    target = urlsplit(response["Location"]).path
    logins = {reverse("login"), reverse("admin:login")}
    if expected.to is None:
        return target not in logins
    return target == reverse(expected.to)


def _describe(response: Any) -> str:
    if 300 <= response.status_code < 400:
        return f"{response.status_code} → {urlsplit(response['Location']).path}"
    return str(response.status_code)


# --- the matrix ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "method", "persona"), CASES)
def test_route_persona(world: World, key: str, method: str, persona: str) -> None:
    route = ROUTES[key]
    expected = TABLE[key][method][persona]
    url = _url(route, world)
    caller = _caller(route, method, persona, world)
    if method == "GET":
        response = caller.get(url)
    else:
        response = caller.generic(method, url, "{}", content_type="application/json")
    assert _matches(response, expected), (
        f"{persona} {method} {url} ({key}): expected {expected}, got "
        f"{_describe(response)}"
    )
