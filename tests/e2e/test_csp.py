"""The Content-Security-Policy holds in a real browser, and htmx works under it.

Every page runs without inline script or style: a violation is caught both as
a ``securitypolicyviolation`` event in the page and as Chromium's "Refused
to ..." console message, and fails the test. htmx sections load and forms send
through htmx (seen by its ``HX-Request`` header) with the policy enforced.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from csp.utils import build_policy
from playwright.sync_api import Page, Request, expect

from django.utils import timezone

from tests.e2e.conftest import log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class Watch:
    """Collects CSP violations and htmx requests of one browser page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        self.htmx_requests: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self._on_console)
        page.on("request", self._on_request)

    def _on_console(self, message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("Refused to"):
            self.console.append(f"{self.page.url}: {text}")

    def _on_request(self, request: Request) -> None:
        if request.headers.get("hx-request") == "true":
            self.htmx_requests.append(f"{request.method} {request.url}")

    def violations(self) -> list[str]:
        events = self.page.evaluate("window.__cspViolations || []")
        return [f"{self.page.url}: {event}" for event in events] + self.console

    def visit(self, url: str) -> list[str]:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        assert self.page.url == url, f"{url} redirected to {self.page.url}"
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy, url
        assert "unsafe-inline" not in policy, url
        self.page.wait_for_load_state("networkidle")
        return self.violations()


@pytest.fixture
def watch(page: Page) -> Watch:
    return Watch(page)


@pytest.fixture
def vacancy_for_velsen(klantmanager_velsen: Any, werkmakelaar: Any, velsen: Any) -> Any:
    from clients.models import Client
    from tests.clients.factories import ClientFactory
    from tests.employers.factories import (
        ContactPersonFactory,
        EmployerFactory,
        VacancyFactory,
        cluster,
        contact_kind,
    )

    client = ClientFactory.create(
        municipality=velsen,
        klantmanager=klantmanager_velsen,
        status=Client.Status.ACTIVE,
        wish_sectors="techniek",
        wish_occupations="Lasser",
        wish_hours_per_week=32,
    )
    employer = EmployerFactory.create(name="Staalbouw IJmond B.V.")
    ContactPersonFactory.create(employer=employer, name="Anna Koster")
    contact_kind("telefoon")
    vacancy = VacancyFactory.create(
        employer=employer,
        title="Lasser",
        occupation="Lasser",
        sector_cluster=cluster("techniek-industrie"),
        hours_per_week=Decimal("32"),
        close_date=None,
    )
    return {"client": client, "employer": employer, "vacancy": vacancy}


def test_client_file_loads_fitting_vacancies_through_htmx_under_the_policy(
    page: Page,
    watch: Watch,
    live_server: Any,
    klantmanager_velsen: Any,
    vacancy_for_velsen: dict,
) -> None:
    base = live_server.url
    log_in(page, base, klantmanager_velsen.username)
    client = vacancy_for_velsen["client"]

    problems = watch.visit(f"{base}/werkzoekenden/{client.uuid}")

    section = page.locator("#passende-vacatures")
    expect(section.get_by_role("heading", name="Passende vacatures")).to_be_visible()
    expect(section.get_by_role("link", name="Lasser")).to_be_visible()
    assert f"GET {base}/vacatures/passend/{client.uuid}" in watch.htmx_requests
    # htmx's own indicator <style> is switched off, its rules come from app.css.
    assert page.locator("head style").count() == 0
    for path in ["/", "/werkzoekenden/", "/werkzoekenden/aanmelden", "/taken/"]:
        problems += watch.visit(f"{base}{path}")
    assert not problems, "\n".join(problems)


def test_quick_contact_form_sends_through_htmx_under_the_policy(
    page: Page,
    watch: Watch,
    live_server: Any,
    werkmakelaar: Any,
    vacancy_for_velsen: dict,
) -> None:
    base = live_server.url
    log_in(page, base, werkmakelaar.username)
    employer = vacancy_for_velsen["employer"]
    problems = watch.visit(f"{base}{employer.get_absolute_url()}")

    form = page.locator("#contactlog form")
    form.get_by_label("Soort contact").select_option(label="Telefoon")
    form.get_by_label("Onderwerp").fill("Personeelsbehoefte voorjaar")
    form.get_by_label("Vervolgafspraak op").fill(
        (timezone.localdate() + timedelta(days=7)).isoformat()
    )
    form.get_by_role("button", name="Contact vastleggen").click()

    expect(
        page.get_by_role("status").filter(has_text="Het contact is vastgelegd.")
    ).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("Personeelsbehoefte voorjaar")
    assert [r for r in watch.htmx_requests if r.startswith("POST ")], (
        "the form was not sent by htmx"
    )
    problems += watch.violations()
    problems += watch.visit(f"{base}{vacancy_for_velsen['vacancy'].get_absolute_url()}")
    assert not problems, "\n".join(problems)


def test_api_docs_run_under_the_policy(
    page: Page, watch: Watch, live_server: Any
) -> None:
    problems = watch.visit(f"{live_server.url}/api/v1/docs")
    # Swagger UI started from its own script URL and rendered the operations.
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator("body script:not([src])").count() == 0
    problems += watch.violations()
    assert not problems, "\n".join(problems)


def test_admin_runs_under_the_policy(
    page: Page, watch: Watch, live_server: Any, beheerder: Any, klantmanager_velsen: Any
) -> None:
    base = live_server.url
    log_in(page, base, beheerder.username)
    problems: list[str] = []
    for path in [
        "/beheer/",
        "/beheer/accounts/user/",
        f"/beheer/accounts/user/{klantmanager_velsen.pk}/change/",
        "/beheer/partners/partnersystem/",
        "/beheer/partners/partnersystem/add/",
    ]:
        problems += watch.visit(f"{base}{path}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=False)
def test_the_watch_reports_a_violation(page: Page, watch: Watch) -> None:
    # Proves the check can fail: a page under the app's policy with inline code.
    page.route(
        "http://csp.test/",
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": build_policy()},
            body="<html><head><title>x</title><style>body{color:red}</style></head>"
            '<body><script>document.title = "ran"</script></body></html>',
        ),
    )
    page.goto("http://csp.test/")
    page.wait_for_load_state("load")
    assert page.title() == "x"  # the inline script did not run
    found = watch.violations()
    assert any("style-src" in v for v in found), found
    assert any("script-src" in v for v in found), found
