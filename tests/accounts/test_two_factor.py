"""Second factor (TOTP) for every staff member: the gate, verification, enrolment,
recovery by the functioneel beheerder, and the demo exemption (DEBUG only)."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from ijmondwerkt.accounts import twofactor
from ijmondwerkt.accounts.models import Municipality, User
from tests.conftest import (
    PASSWORD,
    PartnerFactory,
    bearer,
    logged_in,
    make_staff,
    totp_code,
    totp_device,
)

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/taken/",
    "/werkzoekenden/",
    "/werkgevers/",
    "/vacatures/",
    "/beheer/",
    "/beheer/accounts/user/",
]


def password_only(user: User) -> Client:
    """A client that gave the right password and nothing more."""
    client = Client()
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("path", PAGES)
def test_without_a_device_every_page_leads_to_enrolment(
    klantmanager_velsen: User, path: str
) -> None:
    response = password_only(klantmanager_velsen).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))


@pytest.mark.parametrize("path", PAGES)
def test_with_a_device_every_page_asks_for_the_code(
    klantmanager_velsen: User, path: str
) -> None:
    totp_device(klantmanager_velsen)
    response = password_only(klantmanager_velsen).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert "next=" in response["Location"]


def test_htmx_requests_are_sent_to_the_second_step_as_a_whole_page(
    klantmanager_velsen: User,
) -> None:
    totp_device(klantmanager_velsen)
    response = password_only(klantmanager_velsen).get(
        "/werkzoekenden/", headers={"HX-Request": "true"}
    )
    assert response["HX-Redirect"].startswith(reverse("two_factor_verify"))


def test_session_api_refuses_an_unverified_session(
    klantmanager_velsen: User,
) -> None:
    client = APIClient()
    client.force_login(klantmanager_velsen)
    response = client.get("/api/v1/gemeenten")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "tweede stap" in response.json()["detail"]
    # A made-up Authorization header does not smuggle the session in.
    client.credentials(HTTP_AUTHORIZATION="Basic eDp5")
    assert client.get("/api/v1/gemeenten").status_code in {401, 403}


def test_partner_credentials_are_not_affected(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(scopes=["gemeenten.lezen"], municipalities=[velsen])
    assert bearer(credentials.api_key).get("/api/v1/gemeenten").status_code == 200


def test_verified_session_reaches_pages_and_api(klantmanager_velsen: User) -> None:
    client = logged_in(klantmanager_velsen)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/gemeenten").status_code == 200


def test_right_code_opens_the_page_that_was_asked_for(
    klantmanager_velsen: User,
) -> None:
    device = totp_device(klantmanager_velsen)
    client = password_only(klantmanager_velsen)
    asked = client.get("/werkzoekenden/")
    page = client.get(asked["Location"])
    html = page.content.decode()
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert '<label for="id_otp_token">' in html
    response = client.post(
        asked["Location"],
        {"otp_token": totp_code(device), "next": "/werkzoekenden/"},
    )
    assert response["Location"] == "/werkzoekenden/"
    assert client.get("/werkzoekenden/").status_code == 200


def test_wrong_code_is_refused_with_an_error_summary(
    klantmanager_velsen: User,
) -> None:
    device = totp_device(klantmanager_velsen)
    client = password_only(klantmanager_velsen)
    right = totp_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(reverse("two_factor_verify"), {"otp_token": wrong})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'href="#id_otp_token"' in html
    assert "Deze code klopt niet" in html
    assert 'aria-invalid="true"' in html
    assert client.get("/").status_code == 302
    # Straight after a wrong code the device asks to wait (django-otp throttling).
    response = client.post(reverse("two_factor_verify"), {"otp_token": right})
    assert "Wacht" in response.content.decode()
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("token", ["12345", "１２３４５６", "abcdef", ""])
def test_malformed_codes_are_refused_before_checking(
    klantmanager_velsen: User, token: str
) -> None:
    device = totp_device(klantmanager_velsen)
    client = password_only(klantmanager_velsen)
    response = client.post(reverse("two_factor_verify"), {"otp_token": token})
    assert response.status_code == 200
    assert "cijfers" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_enrolment_shows_secret_and_qr_code_and_confirms_with_a_first_code(
    werkmakelaar: User,
) -> None:
    client = password_only(werkmakelaar)
    page = client.get(reverse("two_factor_setup"))
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=werkmakelaar, confirmed=False)
    assert twofactor.secret_text(device) in html
    assert '<svg role="img"' in html
    assert "<title>QR-code voor de authenticator-app</title>" in html
    assert "<script>" not in html and " style=" not in html
    # Reloading keeps the same secret: the app scanned a moment ago stays valid.
    assert (
        twofactor.secret_text(device)
        in client.get(reverse("two_factor_setup")).content.decode()
    )

    wrong = client.post(reverse("two_factor_setup"), {"otp_token": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(
        reverse("two_factor_setup"), {"otp_token": totp_code(device)}
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_a_second_device_cannot_be_added_with_the_password_alone(
    werkmakelaar: User,
) -> None:
    totp_device(werkmakelaar)
    client = password_only(werkmakelaar)
    response = client.get(reverse("two_factor_setup"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.filter(user=werkmakelaar).count() == 1


def test_unverified_user_can_log_out(klantmanager_velsen: User) -> None:
    client = password_only(klantmanager_velsen)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get("/")["Location"].startswith(reverse("login"))


def test_health_and_static_are_open_to_an_unverified_session(
    klantmanager_velsen: User,
) -> None:
    client = password_only(klantmanager_velsen)
    assert client.get("/health").status_code in {200, 503}


# --- recovery by the functioneel beheerder ----------------------------------


def reset_action(client: Client, *users: User) -> object:
    return client.post(
        "/beheer/accounts/user/",
        {
            "action": "reset_second_factor",
            "_selected_action": [str(u.pk) for u in users],
        },
    )


def test_beheerder_resets_a_lost_phone_and_the_user_enrols_again(
    beheerder: User, klantmanager_velsen: User
) -> None:
    totp_device(klantmanager_velsen)
    phone_owner = logged_in(klantmanager_velsen)
    reset_action(logged_in(beheerder), klantmanager_velsen)
    assert not TOTPDevice.objects.filter(user=klantmanager_velsen).exists()
    # The session verified with the removed device loses its second factor.
    assert phone_owner.get("/")["Location"].startswith(reverse("two_factor_setup"))
    response = password_only(klantmanager_velsen).get("/")
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_beheerder_cannot_reset_its_own_second_factor(beheerder: User) -> None:
    client = logged_in(beheerder)
    reset_action(client, beheerder)
    assert TOTPDevice.objects.filter(user=beheerder, confirmed=True).exists()


def test_a_klantmanager_cannot_reset_anyone(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    colleague = make_staff("collega_velsen", None, [velsen])
    totp_device(colleague)
    response = reset_action(logged_in(klantmanager_velsen), colleague)
    assert response.status_code in {302, 403}  # type: ignore[attr-defined]
    assert TOTPDevice.objects.filter(user=colleague).exists()


# --- demo users: exempt only in DEBUG ----------------------------------------


def demo_user(velsen: Municipality) -> User:
    user = make_staff("klantmanager", None, [velsen])
    user.email = "klantmanager@ijmondwerkt.example"
    user.save()
    return user


def test_demo_users_skip_the_second_factor_in_debug_only(
    velsen: Municipality,
) -> None:
    user = demo_user(velsen)
    with override_settings(DEBUG=True, OTP_EXEMPT_DEMO=True):
        assert password_only(user).get("/").status_code == 200
    with override_settings(DEBUG=False, OTP_EXEMPT_DEMO=True):
        response = password_only(user).get("/")
        assert response["Location"].startswith(reverse("two_factor_setup"))


def test_without_debug_the_settings_never_exempt(velsen: Municipality) -> None:
    from ijmondwerkt import settings as project_settings

    if not project_settings.DEBUG:
        assert project_settings.OTP_EXEMPT_DEMO is False
    with override_settings(DEBUG=True, OTP_EXEMPT_DEMO=False):
        assert not twofactor.is_exempt(demo_user(velsen))
