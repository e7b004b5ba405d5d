"""Second factor in a real browser: enrol with the secret shown on the page,
log in again with the app's code, all from the keyboard and WCAG 2.1 AA."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from ijmondwerkt.accounts.models import User
from tests.conftest import PASSWORD
from tests.e2e.conftest import enter_code
from tests.e2e.test_accessibility import violations

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def password_step(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")


def test_enrol_with_the_shown_secret_then_log_in_with_the_apps_code(
    page: Page, live_server: object, klantmanager_velsen: User
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    password_step(page, base, "klantmanager_velsen")
    expect(
        page.get_by_role("heading", name="Tweestapsverificatie instellen")
    ).to_be_visible()
    expect(
        page.get_by_role("img", name="QR-code voor de authenticator-app")
    ).to_be_visible()
    assert violations(page) == []

    # What an authenticator app does with the typed-over secret.
    secret = page.locator(".otp-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    field = page.get_by_label("Code uit de authenticator-app")
    field.fill("000000" if totp(key) != 0 else "111111")
    field.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")
    assert violations(page) == []

    page.wait_for_timeout(1100)  # django-otp's wait after one wrong code
    field = page.get_by_label("Code uit de authenticator-app")
    field.fill(f"{totp(key):06d}")
    field.press("Enter")
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(
        "Tweestapsverificatie is ingesteld"
    )

    page.get_by_role("button", name="Uitloggen").click()
    password_step(page, base, "klantmanager_velsen")
    expect(page.get_by_role("heading", name="Code invullen")).to_be_visible()
    assert violations(page) == []
    enter_code(page, "klantmanager_velsen")
    expect(page.get_by_role("heading", name="Mijn werkvoorraad")).to_be_visible()


def test_the_code_page_keeps_the_page_that_was_asked_for(
    page: Page, live_server: object, klantmanager_velsen: User
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    from tests.conftest import totp_device

    totp_device(klantmanager_velsen)
    page.goto(f"{base}/werkzoekenden/")
    page.get_by_label("Gebruikersnaam").fill("klantmanager_velsen")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")
    enter_code(page, "klantmanager_velsen")
    expect(page).to_have_url(f"{base}/werkzoekenden/")


def test_lock_out_message_after_five_wrong_passwords(
    page: Page, live_server: object, klantmanager_velsen: User
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/inloggen/")
    for _ in range(5):
        page.get_by_label("Gebruikersnaam").fill("klantmanager_velsen")
        page.get_by_label("Wachtwoord").fill("fout-wachtwoord")
        page.get_by_label("Wachtwoord").press("Enter")
        page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("Inloggen tijdelijk geblokkeerd")
    expect(page.get_by_role("alert")).to_contain_text("15 minuten")
    assert violations(page) == []
