"""Browser test: the trajectory pages by keyboard, checked for WCAG 2.1 AA.

A klantmanager finds a trajectory in the list, opens it, ends it and is asked
for a ladder measurement; stops a deployment after confirming; starts a
trajectory from the client file, with a form sent back with errors first;
and reads the catalogue. The deployment form's live eligibility is driven by
the keyboard alone. The three checks of test_accessibility run on every page.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from django.utils import timezone

from tests.e2e.test_accessibility import log_in, violations

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def casework(klantmanager_velsen: Any) -> dict[str, Any]:
    from tests.clients.factories import ClientFactory
    from tests.trajectories.factories import (
        DeploymentFactory,
        PlacementFactory,
        TrajectoryFactory,
        WageValueAssessmentFactory,
        instrument,
    )
    from trajectories import services

    client = ClientFactory.create(
        klantmanager=klantmanager_velsen,
        first_name="Sanne",
        last_name="Trajectum",
        target_group=2,
        target_group_date=timezone.localdate(),
    )
    trajectory = TrajectoryFactory.create(
        client=client,
        start_date=timezone.localdate().replace(month=1, day=5),
        planned_end_date=None,
        goals="Werkritme opbouwen",
    )
    deployment = DeploymentFactory.create(
        client=client,
        trajectory=trajectory,
        instrument=instrument("jobcoaching"),
        rate=Decimal("65.00"),
        units=Decimal("20"),
        total_cost=Decimal("1300.00"),
        start_date=trajectory.start_date,
        end_date=trajectory.start_date.replace(month=12, day=31),
    )
    placement = PlacementFactory.create(
        client=client, trajectory=trajectory, subsidised=True
    )
    WageValueAssessmentFactory.create(
        placement=placement, assessed_on=placement.start_date
    )
    services.trajectory_update(
        user=klantmanager_velsen,
        trajectory=trajectory,
        expected_version=trajectory.version,
        lead_organisation="IJmond Werkt",
    )
    return {"client": client, "trajectory": trajectory, "deployment": deployment}


def test_trajectory_pages_by_keyboard(
    page: Page, live_server: Any, klantmanager_velsen: Any, casework: dict[str, Any]
) -> None:
    base = live_server.url
    client, trajectory = casework["client"], casework["trajectory"]
    problems: list[str] = []
    log_in(page, base, klantmanager_velsen.username)

    # The list, reached from the menu; the trajectory opened from it.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Trajecten"
    ).click()
    expect(page.get_by_role("heading", name="Trajecten", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("1 traject gevonden")
    problems += violations(page)
    page.get_by_label("Zoeken", exact=True).fill("Trajectum")
    page.get_by_label("Zoeken", exact=True).press("Enter")
    page.get_by_role("link", name="Re-integratie (individuele begeleiding)").click()
    expect(page.get_by_role("heading", name="Gegevens")).to_be_visible()
    expect(page.locator("main")).to_contain_text("€ 1.300,00")
    expect(page.locator("main")).to_contain_text("Traject gewijzigd")
    problems += violations(page)

    # The deployment form: the live answer follows the keyboard's choice.
    page.goto(f"{base}{trajectory.get_absolute_url()}")
    add = page.get_by_role("link", name="Inzet toevoegen")
    add.focus()
    add.press("Enter")
    expect(page.get_by_role("heading", name="Inzet toevoegen")).to_be_visible()
    feedback = page.locator("#geschiktheid")
    expect(feedback).to_have_attribute("aria-live", "polite")
    page.get_by_label("Voorziening").select_option(value="werkfit-traject")
    expect(feedback).to_contain_text("kan voor deze werkzoekende worden ingezet")
    page.get_by_label("Voorziening").select_option(value="beschut-werk-begeleiding")
    expect(feedback).to_contain_text("niet bedoeld voor doelgroep 2")
    problems += violations(page)

    # Stopping a deployment asks first.
    page.goto(f"{base}{trajectory.get_absolute_url()}")
    page.get_by_role("link", name="Stoppen Jobcoaching").click()
    expect(page.get_by_role("heading", name="Inzet stoppen")).to_be_visible()
    problems += violations(page)
    page.get_by_role("button", name="Ja, inzet stoppen").click()
    expect(page.get_by_role("alert")).to_contain_text("Wat is er gebeurd?")
    problems += violations(page)
    page.get_by_label("Annuleren (de inzet is niet doorgegaan").check()
    page.get_by_role("button", name="Ja, inzet stoppen").click()
    expect(page.locator(".messages")).to_contain_text("De inzet is geannuleerd.")

    # Ending the trajectory: then the page asks for a ladder measurement.
    page.get_by_role("link", name="Traject beëindigen").click()
    problems += violations(page)
    page.get_by_label("Reden einde").select_option(label="Plaatsing regulier werk")
    page.get_by_role("button", name="Traject beëindigen").click()
    expect(page.locator(".messages")).to_contain_text("Het traject is beëindigd")
    expect(
        page.get_by_role("link", name="Meting participatieladder vastleggen")
    ).to_be_visible()
    problems += violations(page)

    # The client file's sections, and a new trajectory started from there.
    page.goto(f"{base}{client.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Loonkostensubsidie")).to_be_visible()
    expect(page.get_by_role("heading", name="Plaatsingen", exact=True)).to_be_visible()
    problems += violations(page)
    page.get_by_role("link", name="Traject starten").click()
    page.get_by_label("Startdatum").fill("")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Controleer het formulier")
    problems += violations(page)
    page.get_by_label("Soort").select_option(value="work-first")
    page.get_by_label("Startdatum").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Het traject is vastgelegd.")

    # The catalogue.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Voorzieningen"
    ).click()
    expect(page.get_by_role("cell", name="Functiegerichte scholing")).to_be_visible()
    problems += violations(page)
    assert not problems, "\n".join(problems)
