"""The security log (logger ``ijmondwerkt.security``): who, from where, outcome;
never a password, an OTP code or a BSN."""

from __future__ import annotations

import logging

import pytest

from django.test import Client
from django.urls import reverse

from ijmondwerkt.accounts.models import User
from tests.conftest import PASSWORD, logged_in, totp_code, totp_device

pytestmark = pytest.mark.django_db

IP = "203.0.113.5"


def events(caplog: pytest.LogCaptureFixture) -> list[dict[str, str]]:
    return [
        r.security_event  # type: ignore[attr-defined]
        for r in caplog.records
        if r.name == "ijmondwerkt.security"
    ]


def all_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records)


def login(username: str, password: str) -> Client:
    client = Client(REMOTE_ADDR=IP)
    client.post(reverse("login"), {"username": username, "password": password})
    return client


def test_failed_login_names_user_address_and_outcome_but_no_password(
    klantmanager_velsen: User, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        login("klantmanager_velsen", "geheim-en-fout-123")
    assert {
        "event": "login",
        "outcome": "failure",
        "username": "klantmanager_velsen",
        "ip": IP,
    }.items() <= events(caplog)[-1].items()
    assert "geheim-en-fout-123" not in all_text(caplog)


def test_success_second_factor_and_logout_are_logged(
    klantmanager_velsen: User, caplog: pytest.LogCaptureFixture
) -> None:
    device = totp_device(klantmanager_velsen)
    with caplog.at_level(logging.INFO):
        client = login("klantmanager_velsen", PASSWORD)
        code = totp_code(device)
        client.post(reverse("two_factor_verify"), {"otp_token": code})
        client.post(reverse("logout"))
    seen = [(e["event"], e["outcome"], e["username"]) for e in events(caplog)]
    assert ("login", "success", "klantmanager_velsen") in seen
    assert ("second_factor", "success", "klantmanager_velsen") in seen
    assert ("logout", "success", "klantmanager_velsen") in seen
    assert PASSWORD not in all_text(caplog)
    assert code not in all_text(caplog)


def test_wrong_code_is_logged_without_the_code(
    klantmanager_velsen: User, caplog: pytest.LogCaptureFixture
) -> None:
    totp_device(klantmanager_velsen)
    client = login("klantmanager_velsen", PASSWORD)
    with caplog.at_level(logging.INFO):
        client.post(reverse("two_factor_verify"), {"otp_token": "987654"})
    assert events(caplog)[-1]["event"] == "second_factor"
    assert events(caplog)[-1]["outcome"] == "failure"
    assert "987654" not in all_text(caplog)


def test_enrolment_and_reset_are_logged(
    werkmakelaar: User, beheerder: User, caplog: pytest.LogCaptureFixture
) -> None:
    client = login("werkmakelaar_regio", PASSWORD)
    client.get(reverse("two_factor_setup"))
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=werkmakelaar)
    with caplog.at_level(logging.INFO):
        client.post(reverse("two_factor_setup"), {"otp_token": totp_code(device)})
        logged_in(beheerder).post(
            "/beheer/accounts/user/",
            {"action": "reset_second_factor", "_selected_action": [werkmakelaar.pk]},
        )
    seen = {(e["event"], e["outcome"]): e for e in events(caplog)}
    assert seen[("second_factor_enrolment", "success")]["username"] == (
        "werkmakelaar_regio"
    )
    reset = seen[("second_factor_reset", "success")]
    assert reset["username"] == "werkmakelaar_regio"
    assert reset["by"] == "beheerder_regio"


def test_lockout_is_logged(
    klantmanager_velsen: User, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        for _ in range(5):
            login("klantmanager_velsen", "fout-wachtwoord")
    lockouts = [e for e in events(caplog) if e["event"] == "lockout"]
    assert lockouts
    assert lockouts[0]["username"] == "klantmanager_velsen"
    assert lockouts[0]["ip"] == IP
    assert "fout-wachtwoord" not in all_text(caplog)


def test_password_reset_by_beheerder_is_logged_with_who(
    klantmanager_velsen: User, beheerder: User, caplog: pytest.LogCaptureFixture
) -> None:
    new_password = "een-heel-nieuw-wachtwoord-42"
    with caplog.at_level(logging.INFO):
        logged_in(beheerder).post(
            f"/beheer/accounts/user/{klantmanager_velsen.pk}/password/",
            {
                "password1": new_password,
                "password2": new_password,
                "usable_password": "true",
            },
        )
    changed = [e for e in events(caplog) if e["event"] == "password_changed"]
    assert changed and changed[-1]["username"] == "klantmanager_velsen"
    assert changed[-1]["by"] == "beheerder_regio"
    assert new_password not in all_text(caplog)


def test_a_bsn_typed_as_username_does_not_reach_the_log(
    db: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        login("111222333", "iets")
    assert "111222333" not in all_text(caplog)
    assert events(caplog)[-1]["username"] == "[cijferreeks]"


def test_control_characters_in_a_username_cannot_forge_log_lines(
    db: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        login("x\nevent=login outcome=success", "iets")
    assert "\n" not in events(caplog)[-1]["username"]


def test_own_password_change_is_logged(
    klantmanager_velsen: User, caplog: pytest.LogCaptureFixture
) -> None:
    client = logged_in(klantmanager_velsen)
    with caplog.at_level(logging.INFO):
        client.post(
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "een-heel-nieuw-wachtwoord-42",
                "new_password2": "een-heel-nieuw-wachtwoord-42",
            },
        )
    changed = [e for e in events(caplog) if e["event"] == "password_changed"]
    assert changed[-1]["username"] == "klantmanager_velsen"
    assert changed[-1]["by"] == "klantmanager_velsen"
    assert "een-heel-nieuw-wachtwoord-42" not in all_text(caplog)
    assert PASSWORD not in all_text(caplog)
