from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made by fixtures in that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
) -> dict[str, Any]:
    require(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def enter_code(page: Any, username: str) -> None:
    """The second step of logging in: the code the user's app shows right now."""
    from ijmondwerkt.accounts.models import User
    from tests.conftest import totp_code, totp_device

    code = totp_code(totp_device(User.objects.get(username=username)))
    field = page.get_by_label("Code uit de authenticator-app")
    field.fill(code)
    field.press("Enter")


def log_in(page: Any, base: str, username: str) -> None:
    """Log in through the real forms: password, then the TOTP code.

    The user has enrolled an authenticator app (a confirmed TOTP device); the
    test computes the code from the device's key as the app would.
    """
    from ijmondwerkt.accounts.models import User
    from tests.conftest import PASSWORD, totp_device

    totp_device(User.objects.get(username=username))
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    enter_code(page, username)
