"""WCAG 2.1 AA: two engines and a structure check find nothing on the pages
people use all day.

Each persona logs in in a real browser and visits its pages with data on
them (after the htmx sections have loaded), including a form sent back with
errors. Three checks run on each page, and anything they report fails the
test with the page and the offending elements in the message:

- axe-core, the rules tagged WCAG 2.0/2.1 A and AA, plus colour contrast
  axe could not decide ("incomplete": text that overflows its box);
- HTML_CodeSniffer (WCAG2AA errors), the second engine pa11y runs;
- the page's structure: one <main>, no duplicate ids, every id that
  aria-describedby/-labelledby/label[for] names exists, no field name
  repeated within a form (a repeated name silently drops what was typed).

Why the axe run alone missed a duplicated <main id="inhoud">, a dangling
aria-describedby and a repeated field id: axe-core 4.7+ no longer counts
duplicate ids as WCAG failures (4.1.1 Parsing is obsolete), "one main"
rules are tagged best-practice (outside the WCAG tags run here), axe does
not fail an aria-describedby whose id is missing, and contrast over an
overflowing text lands in "incomplete", which the run ignored.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
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
    "resultTypes": ["violations", "incomplete"],
}
AXE = Axe()
HTMLCS = (Path(__file__).parent / "vendor" / "HTMLCS.js").read_text()

# Runs in the page: what neither engine reports as a WCAG failure but breaks
# assistive technology or silently loses input.
STRUCTURE = """() => {
  const found = [];
  const mains = document.querySelectorAll('main, [role=main]');
  if (mains.length !== 1) found.push(`${mains.length} main landmarks`);
  const seen = new Map();
  for (const el of document.querySelectorAll('[id]')) {
    seen.set(el.id, (seen.get(el.id) || 0) + 1);
  }
  for (const [id, n] of seen) if (n > 1) found.push(`id "${id}" ${n} times`);
  for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const ref of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(ref)) {
          found.push(`${attr}="${ref}" on <${el.localName} name="${el.name || ''}"> names no element`);
        }
      }
    }
  }
  for (const label of document.querySelectorAll('label[for]')) {
    if (!document.getElementById(label.htmlFor)) found.push(`label for="${label.htmlFor}" names no element`);
  }
  for (const form of document.forms) {
    const names = new Map();
    for (const el of form.elements) {
      // Radios and checkbox lists share a name; so may submit buttons.
      if (!el.name || ['radio', 'checkbox', 'submit', 'button', 'reset'].includes(el.type)) continue;
      names.set(el.name, (names.get(el.name) || 0) + 1);
    }
    for (const [name, n] of names) if (n > 1) found.push(`field "${name}" ${n} times in one form`);
  }
  return found;
}"""

HTMLCS_RUN = """() => new Promise(resolve => {
  HTMLCS.process('WCAG2AA', document, () => {
    resolve(HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m => {
      const el = m.element;
      const where = el && el.outerHTML ? el.outerHTML.slice(0, 120) : String(el);
      return `${m.code}: ${m.msg} -> ${where}`;
    }));
  });
})"""


def _reasons(node: dict) -> str:
    return ", ".join(
        str((check.get("data") or {}).get("messageKey", check.get("message", "")))
        for check in node.get("any", [])
    )


# Text in an inline SVG chart (ijmondwerkt/charts.py): axe cannot see its
# background through the <svg> ("imgNode"), or finds an axis label ("0") too
# short to judge ("shortTextContent"), and leaves it undecided. The charts
# draw dark text on their own white background; tests/test_charts.py checks it.
IN_CHART = "s => !!document.querySelector(s)?.closest('svg.chart')"
CHART_UNDECIDED = {"imgNode", "shortTextContent"}


def _undecided(page: Page, rule: dict) -> list[dict]:
    return [
        node
        for node in rule["nodes"]
        if not (
            _reasons(node) in CHART_UNDECIDED
            and page.evaluate(IN_CHART, node["target"][0])
        )
    ]


def violations(page: Page) -> list[str]:
    page.wait_for_load_state("networkidle")  # htmx sections are in
    result = AXE.run(page, options=WCAG_AA).response
    found = [
        f"{page.url}: axe {v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
    ]
    found += [
        f"{page.url}: axe {v['id']} undecided -> "
        + "; ".join(f"{node['target'][0]} ({_reasons(node)})" for node in nodes[:5])
        for v in result.get("incomplete", [])
        if v["id"] == "color-contrast" and (nodes := _undecided(page, v))
    ]
    found += [f"{page.url}: structure: {p}" for p in page.evaluate(STRUCTURE)]
    # The page's CSP forbids inline scripts; evaluate() runs it as the
    # browser's devtools would.
    page.evaluate(HTMLCS)
    found += [f"{page.url}: htmlcs {p}" for p in page.evaluate(HTMLCS_RUN)]
    return found


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
    # A long website address without a break (it ran out of the page, 1,890 px
    # wide at 1,280) and several proposals.
    employer = EmployerFactory.create(
        name="Staalbouw IJmond B.V.",
        website="https://www.staalbouwijmondconstructieenonderhoudvelsennoord.example.nl/werkenbijstaalbouwijmond",
    )
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
    for _ in range(3):
        ProposalFactory.create(
            vacancy=vacancy,
            client=ClientFactory.create(
                municipality=velsen,
                status=Client.Status.ACTIVE,
                first_name="Anne-Marie Josephina Wilhelmina",
                last_name="van den Berg-Oudshoorn",
            ),
            proposed_by=werkmakelaar,
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
    # The client file's htmx section came in, as a section: one <main>.
    page.goto(f"{base}/werkzoekenden/{client.uuid}")
    expect(page.locator("#werk-en-vacatures")).to_have_count(1)
    expect(page.locator("main")).to_have_count(1)
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
    # Proves the harness can fail: an unlabeled field and an image without
    # text (axe), and what axe lets through: a second <main> with the same id,
    # a help text reference to nothing, one field name twice in a form.
    page.set_content(
        '<html lang="nl"><head><title>x</title></head><body><main id="inhoud">'
        '<img src="x.png"><input type="text">'
        '<form><label for="a">A</label><textarea id="a" name="talen"'
        ' aria-describedby="a_helptext"></textarea>'
        '<label for="b">B</label><textarea id="b" name="talen"></textarea></form>'
        '<main id="inhoud"><p>sectie</p></main></main></body></html>'
    )
    found = violations(page)
    text = "\n".join(found)
    axe_ids = {
        line.split("axe ")[1].split(" ")[0] for line in found if ": axe " in line
    }
    assert {"image-alt", "label"} <= axe_ids
    assert "2 main landmarks" in text
    assert 'id "inhoud" 2 times' in text
    assert 'aria-describedby="a_helptext"' in text
    assert 'field "talen" 2 times in one form' in text
    assert ": htmlcs " in text  # the second engine ran and found the image


def test_everyday_pages_fit_a_1280_pixel_screen(
    page: Page, live_server: Any, werkmakelaar: Any, casework: dict
) -> None:
    """No page is wider than the screen: a long link or a wide table wraps
    or scrolls inside its box (WCAG 1.4.10 at the common laptop width)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    base = live_server.url
    log_in(page, base, werkmakelaar.username)
    too_wide = []
    for path in [
        casework["employer"].get_absolute_url(),
        casework["vacancy"].get_absolute_url(),
        "/werkgevers/",
        "/vacatures/",
        "/werkgevers/vervolgafspraken/",
    ]:
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.evaluate("document.documentElement.clientWidth")
        if width > viewport:
            too_wide.append(f"{path}: {width} px on a {viewport} px screen")
    assert not too_wide, "\n".join(too_wide)
