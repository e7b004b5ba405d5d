"""Journey: register a client, record a contact, see it on the timeline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_register_client_record_contact_and_see_timeline(
    page: Page, live_server: object, klantmanager_velsen: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    log_in(page, base, "klantmanager_velsen")
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()

    page.get_by_role("link", name="Werkzoekende aanmelden").first.click()
    expect(page.get_by_role("heading", name="Werkzoekende aanmelden")).to_be_visible()
    page.get_by_label("BSN", exact=True).fill("12345678")  # one digit short
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("de Boer")
    page.get_by_label("Geboortedatum").fill("1990-04-02")
    page.get_by_label("Postcode").fill("1971ab")
    page.get_by_role("button", name="Aanmelden").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("9 cijfers")
    expect(page.get_by_label("BSN", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )

    page.get_by_label("BSN", exact=True).fill("123456782")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Sanne de Boer")).to_be_visible()

    page.get_by_role("link", name="Contact vastleggen").click()
    page.get_by_label("Contactvorm").select_option(label="Telefoon")
    page.get_by_label("Onderwerp").fill("Eerste kennismaking")
    page.get_by_role("button", name="Opslaan").click()

    timeline = page.get_by_role("region", name="Tijdlijn")
    expect(timeline).to_contain_text("Contact (Telefoon): Eerste kennismaking")
    expect(timeline).to_contain_text("Aangemeld")
