"""Idle timeout on top of the absolute session age, and logout of other sessions
when a password changes."""

from __future__ import annotations

import time

import pytest

from django.conf import settings
from django.test import Client
from django.urls import reverse

from ijmondwerkt.accounts.middleware import LAST_ACTIVITY_KEY
from ijmondwerkt.accounts.models import User
from tests.conftest import PASSWORD, logged_in

pytestmark = pytest.mark.django_db


def idle_for(client: Client, seconds: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


def test_default_idle_timeout_is_thirty_minutes() -> None:
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_idle_session_is_logged_out_with_a_message(klantmanager_velsen: User) -> None:
    client = logged_in(klantmanager_velsen)
    assert client.get("/").status_code == 200
    idle_for(client, 31 * 60)
    response = client.get("/werkzoekenden/", follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "30 minuten niets hebt gedaan" in response.content.decode()
    assert client.get("/").status_code == 302


def test_activity_keeps_the_session(klantmanager_velsen: User) -> None:
    client = logged_in(klantmanager_velsen)
    client.get("/")
    idle_for(client, 29 * 60)
    assert client.get("/").status_code == 200
    assert client.get("/werkzoekenden/").status_code == 200


def test_idle_api_session_is_refused(klantmanager_velsen: User) -> None:
    client = logged_in(klantmanager_velsen)
    client.get("/api/v1/gemeenten")
    idle_for(client, 31 * 60)
    assert client.get("/api/v1/gemeenten").status_code in {401, 403}


def test_the_timeout_is_configurable(
    klantmanager_velsen: User, settings: object
) -> None:
    settings.SESSION_IDLE_TIMEOUT = 60  # type: ignore[attr-defined]
    client = logged_in(klantmanager_velsen)
    client.get("/")
    idle_for(client, 2 * 60)
    assert client.get("/").status_code == 302


def test_own_password_change_logs_out_other_sessions(
    klantmanager_velsen: User,
) -> None:
    laptop = logged_in(klantmanager_velsen)
    phone = logged_in(klantmanager_velsen)
    klantmanager_velsen.set_password("een-heel-nieuw-wachtwoord-42")
    klantmanager_velsen.save()
    assert laptop.get("/").status_code == 302
    assert phone.get("/").status_code == 302


def test_password_reset_by_beheerder_logs_out_the_users_sessions(
    klantmanager_velsen: User, beheerder: User
) -> None:
    own_session = logged_in(klantmanager_velsen)
    assert own_session.get("/").status_code == 200
    admin = logged_in(beheerder)
    new_password = "een-heel-nieuw-wachtwoord-42"
    response = admin.post(
        f"/beheer/accounts/user/{klantmanager_velsen.pk}/password/",
        {
            "password1": new_password,
            "password2": new_password,
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    klantmanager_velsen.refresh_from_db()
    assert klantmanager_velsen.check_password(new_password)
    assert own_session.get("/")["Location"].startswith(reverse("login"))
    # The beheerder's own session is untouched.
    assert admin.get("/").status_code == 200


def test_own_password_change_page_keeps_this_session_and_ends_the_others(
    klantmanager_velsen: User,
) -> None:
    laptop = logged_in(klantmanager_velsen)
    phone = logged_in(klantmanager_velsen)
    page = laptop.get(reverse("password_change")).content.decode()
    assert 'autocomplete="current-password"' in page
    assert 'autocomplete="new-password"' in page
    wrong = laptop.post(
        reverse("password_change"),
        {
            "old_password": "niet-het-oude",
            "new_password1": "een-heel-nieuw-wachtwoord-42",
            "new_password2": "een-heel-nieuw-wachtwoord-42",
        },
    )
    assert 'class="error-summary"' in wrong.content.decode()
    response = laptop.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "een-heel-nieuw-wachtwoord-42",
            "new_password2": "een-heel-nieuw-wachtwoord-42",
        },
        follow=True,
    )
    assert "Uw wachtwoord is gewijzigd" in response.content.decode()
    assert laptop.get("/").status_code == 200
    assert phone.get("/")["Location"].startswith(reverse("login"))


def test_password_change_page_needs_a_login(db: None) -> None:
    response = Client().get(reverse("password_change"))
    assert response["Location"].startswith(reverse("login"))
