"""Login, role navigation, start pages and admin access."""

from __future__ import annotations

import pytest

from django.test import Client
from django.urls import reverse

from ijmondwerkt.accounts.models import User
from tests.conftest import PASSWORD, logged_in, totp_code, totp_device

pytestmark = pytest.mark.django_db


def test_anonymous_user_is_sent_to_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_dutch_and_accessible(client: Client) -> None:
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html  # skip link
    assert '<label for="id_username">Gebruikersnaam</label>' in html
    assert '<label for="id_password">Wachtwoord</label>' in html
    assert "<main" in html


def test_login_with_password_and_logout(
    client: Client, klantmanager_velsen: User
) -> None:
    device = totp_device(klantmanager_velsen)
    response = client.post(
        reverse("login"),
        {"username": "klantmanager_velsen", "password": PASSWORD},
        follow=True,
    )
    assert "Code invullen" in response.content.decode()
    response = client.post(
        reverse("two_factor_verify"), {"otp_token": totp_code(device)}, follow=True
    )
    assert "Mijn werkvoorraad" in response.content.decode()
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_wrong_password_gets_a_dutch_message(
    client: Client, klantmanager_velsen: User
) -> None:
    response = client.post(
        reverse("login"), {"username": "klantmanager_velsen", "password": "fout"}
    )
    assert response.status_code == 200
    assert (
        "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    )


@pytest.mark.parametrize(
    ("persona", "heading", "absent"),
    [
        ("klantmanager_velsen", "Mijn werkvoorraad", "Managementinformatie"),
        ("werkmakelaar", "Mijn werkgevers", "Mijn werkvoorraad"),
        ("manager", "Managementinformatie", "Mijn werkvoorraad"),
        ("beheerder", "Functioneel beheer", "Mijn werkgevers"),
        ("privacy_officer", "Privacy en inzage", "Managementinformatie"),
    ],
)
def test_start_page_per_role(
    request: pytest.FixtureRequest, persona: str, heading: str, absent: str
) -> None:
    user = request.getfixturevalue(persona)
    html = logged_in(user).get("/").content.decode()
    assert heading in html
    assert absent not in html


def test_user_without_role_is_told_to_ask_for_one(user_without_role: User) -> None:
    html = logged_in(user_without_role).get("/").content.decode()
    assert "U heeft nog geen rol" in html


def test_only_beheerder_gets_admin_link_and_admin(
    beheerder: User, klantmanager_velsen: User
) -> None:
    admin_url = reverse("admin:index")
    as_beheerder = logged_in(beheerder)
    assert f'href="{admin_url}"' in as_beheerder.get("/").content.decode()
    assert as_beheerder.get(admin_url).status_code == 200
    assert (
        as_beheerder.get(reverse("admin:accounts_municipality_changelist")).status_code
        == 200
    )

    as_klantmanager = logged_in(klantmanager_velsen)
    assert f'href="{admin_url}"' not in as_klantmanager.get("/").content.decode()
    # Logged in already: the app's 403 page, not the admin's login screen.
    response = as_klantmanager.get(admin_url)
    assert response.status_code == 403
    assert "login" not in response.get("Location", "")
    assert as_klantmanager.get(reverse("admin:login")).status_code == 403


def test_static_assets_are_served_locally(client: Client) -> None:
    from django.contrib.staticfiles import finders

    html = client.get(reverse("login")).content.decode()
    assert "/static/ijmondwerkt/app.css" in html
    assert "/static/vendor/htmx.min.js" in html
    assert "https://" not in html.split("<body")[0]
    assert finders.find("ijmondwerkt/app.css")
    assert finders.find("vendor/htmx.min.js")
