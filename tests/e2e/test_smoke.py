"""Log in as each role in a real browser and land on that role's start page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, totp_device
from tests.e2e.conftest import enter_code, log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("persona", "heading"),
    [
        ("klantmanager_velsen", "Mijn werkvoorraad"),
        ("werkmakelaar", "Mijn werkgevers"),
        ("manager", "Managementinformatie"),
        ("beheerder", "Functioneel beheer"),
        ("privacy_officer", "Privacy en inzage"),
    ],
)
def test_login_lands_on_role_start_page(
    page: Page,
    live_server: object,
    request: pytest.FixtureRequest,
    persona: str,
    heading: str,
) -> None:
    user = request.getfixturevalue(persona)
    totp_device(user)  # enrolled: the second step asks for the app's code
    page.goto(f"{live_server.url}/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page.get_by_role("heading", name="Code invullen")).to_be_visible()
    enter_code(page, user.username)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()


def test_skip_link_is_first_on_tab_and_moves_focus_to_main(
    page: Page, live_server: object, klantmanager_velsen: object
) -> None:
    log_in(page, live_server.url, "klantmanager_velsen")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.textContent").strip()
        == "Direct naar de inhoud"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_stylesheet_is_applied(page: Page, live_server: object) -> None:
    page.goto(f"{live_server.url}/inloggen/")  # type: ignore[attr-defined]
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert background == "rgb(11, 79, 113)"
