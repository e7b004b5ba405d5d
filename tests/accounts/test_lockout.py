"""Lock-out after repeated failed logins (django-axes): per username and address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from django.conf import settings
from django.test import Client
from django.urls import reverse

from ijmondwerkt.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client: Client, password: str, ip: str = "192.0.2.10") -> object:
    return client.post(
        reverse("login"),
        {"username": "klantmanager_velsen", "password": password},
        REMOTE_ADDR=ip,
    )


def fail(times: int, ip: str = "192.0.2.10") -> Client:
    client = Client()
    for _ in range(times):
        response = attempt(client, "fout-wachtwoord", ip)
        assert response.status_code in {200, 429}  # type: ignore[attr-defined]
    return client


def test_settings_lock_after_five_failures_for_fifteen_minutes() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_MINUTES == 15
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_four_failures_still_allow_the_right_password(
    klantmanager_velsen: User,
) -> None:
    client = fail(4)
    response = attempt(client, PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    # A success clears the count.
    assert not AccessAttempt.objects.filter(username="klantmanager_velsen").exists()


def test_fifth_failure_locks_out_with_a_dutch_message(
    klantmanager_velsen: User,
) -> None:
    client = fail(4)
    response = attempt(client, "fout-wachtwoord")
    html = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 429  # type: ignore[attr-defined]
    assert "Inloggen tijdelijk geblokkeerd" in html
    assert "15 minuten geblokkeerd" in html
    assert "<h1>Inloggen</h1>" in html  # on the login page itself
    # Even the right password is refused while locked out.
    response = attempt(client, PASSWORD)
    assert response.status_code == 429  # type: ignore[attr-defined]
    assert client.get("/").status_code == 302


def test_the_lockout_is_per_username_and_address(
    klantmanager_velsen: User,
) -> None:
    fail(5, ip="192.0.2.10")
    other_place = Client()
    response = attempt(other_place, PASSWORD, ip="198.51.100.7")
    assert response.status_code == 302  # type: ignore[attr-defined]


def test_after_the_cool_off_the_user_can_log_in(klantmanager_velsen: User) -> None:
    client = fail(5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    response = attempt(client, PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]


def test_admin_login_is_locked_out_too(klantmanager_velsen: User) -> None:
    fail(5)
    response = Client().post(
        "/beheer/login/",
        {"username": "klantmanager_velsen", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 429


def test_old_login_records_are_pruned(klantmanager_velsen: User) -> None:
    from axes.models import AccessLog

    from ijmondwerkt.accounts.tasks import prune_login_history

    fail(2)
    attempt(Client(), PASSWORD, ip="198.51.100.8")
    assert AccessLog.objects.exists() and AccessAttempt.objects.exists()
    assert prune_login_history() == 0
    old = timedelta(days=settings.LOGIN_HISTORY_DAYS + 1)
    AccessLog.objects.update(attempt_time=AccessLog.objects.get().attempt_time - old)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - old
    )
    assert prune_login_history() == 2
    assert prune_login_history() == 0
