"""WCAG 2.1 AA: axe-core finds no violations on the pages people use all day.

Each persona logs in in a real browser and visits its pages with data on
them, including a form sent back with errors. axe-core checks the rules
tagged WCAG 2.0/2.1 A and AA; anything it reports fails the test, with the
rule, the page and the offending elements in the message.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from django.utils import timezone

from tests.e2e.conftest import log_in as browser_log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
    },
    "resultTypes": ["violations"],
}
AXE = Axe()


def violations(page: Page) -> list[str]:
    page.wait_for_load_state("networkidle")  # htmx sections are in
    found = AXE.run(page, options=WCAG_AA).response["violations"]
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in found
    ]


def log_in(page: Page, base: str, username: str) -> None:
    browser_log_in(page, base, username)
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()


def check(page: Page, base: str, paths: list[str]) -> list[str]:
    problems = []
    for path in paths:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        problems += violations(page)
    return problems


@pytest.fixture
def casework(klantmanager_velsen: Any, werkmakelaar: Any, velsen: Any) -> dict:
    from decimal import Decimal

    from clients.models import Client
    from employers.models import Proposal
    from tests.clients.factories import (
        ClientFactory,
        ContactFactory,
        GoalFactory,
        LadderMeasurementFactory,
    )
    from tests.employers.factories import (
        EmployerContactFactory,
        EmployerFactory,
        ProposalFactory,
        VacancyFactory,
        cluster,
    )

    today = timezone.localdate()
    client = ClientFactory.create(
        municipality=velsen,
        klantmanager=klantmanager_velsen,
        status=Client.Status.ACTIVE,
        wish_sectors="techniek",
        wish_occupations="Lasser",
        wish_hours_per_week=32,
    )
    LadderMeasurementFactory.create(client=client, step=4)
    ContactFactory.create(client=client)
    GoalFactory.create(plan__client=client)
    employer = EmployerFactory.create(name="Staalbouw IJmond B.V.")
    EmployerContactFactory.create(
        employer=employer,
        werkmakelaar=werkmakelaar,
        follow_up_date=today + timedelta(days=2),
    )
    vacancy = VacancyFactory.create(
        employer=employer,
        title="Lasser",
        occupation="Lasser",
        sector_cluster=cluster("techniek-industrie"),
        hours_per_week=Decimal("32"),
        close_date=None,
    )
    other = ClientFactory.create(municipality=velsen, status=Client.Status.ACTIVE)
    ProposalFactory.create(
        vacancy=vacancy,
        client=other,
        proposed_by=werkmakelaar,
        status=Proposal.Status.INVITED,
        invited_on=today,
    )
    return {"client": client, "employer": employer, "vacancy": vacancy}


def test_klantmanager_pages(
    page: Page, live_server: Any, klantmanager_velsen: Any, casework: dict
) -> None:
    base = live_server.url
    problems = check(page, base, ["/inloggen/"])
    log_in(page, base, klantmanager_velsen.username)
    client = casework["client"]
    problems += check(
        page,
        base,
        [
            "/",
            "/werkzoekenden/",
            "/werkzoekenden/?status=actief&zoek=a",
            f"/werkzoekenden/{client.uuid}",
            "/werkzoekenden/aanmelden",
            "/taken/",
            f"{casework['vacancy'].get_absolute_url()}",
        ],
    )
    # A form sent back with errors: the error summary and the fields.
    page.goto(f"{base}/werkzoekenden/aanmelden")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".error-summary, [role=alert]").first).to_be_visible()
    problems += violations(page)
    assert not problems, "\n".join(problems)


def test_werkmakelaar_pages(
    page: Page, live_server: Any, werkmakelaar: Any, casework: dict
) -> None:
    base = live_server.url
    log_in(page, base, werkmakelaar.username)
    employer, vacancy = casework["employer"], casework["vacancy"]
    problems = check(
        page,
        base,
        [
            "/",
            "/werkgevers/",
            f"{employer.get_absolute_url()}",
            "/werkgevers/vervolgafspraken/",
            "/werkgevers/nieuw/",
            "/vacatures/",
            f"{vacancy.get_absolute_url()}",
            "/vacatures/nieuw/",
        ],
    )
    # The pipeline's confirm step opened, and a form sent back with errors.
    page.goto(f"{base}{vacancy.get_absolute_url()}")
    page.locator("#sectie-voordrachten summary").first.click()
    problems += violations(page)
    page.goto(f"{base}/vacatures/nieuw/")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".error-summary, [role=alert]").first).to_be_visible()
    problems += violations(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("persona", ["manager", "beheerder", "privacy_officer"])
def test_start_pages_of_other_roles(
    page: Page, live_server: Any, request: pytest.FixtureRequest, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    log_in(page, live_server.url, user.username)
    problems = check(page, live_server.url, ["/"])
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=False)
def test_the_check_reports_a_broken_page(page: Page) -> None:
    # Proves the harness can fail: an unlabeled field and an image without text.
    page.set_content(
        '<html lang="nl"><head><title>x</title></head><body><main>'
        '<img src="x.png"><input type="text"></main></body></html>'
    )
    ids = {line.split(": ")[1].split(" ")[0] for line in violations(page)}
    assert {"image-alt", "label"} <= ids
