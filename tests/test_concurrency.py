"""Beheer change pages refuse a save based on a stale page (optimistic locking)."""

from __future__ import annotations

import re

import pytest

from django.urls import reverse
from django.utils import timezone

from clients.models import ContactChannel
from employers.models import MatchingWeight
from ijmondwerkt.accounts.models import User
from ijmondwerkt.accounts.roles import Role
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db

CONFLICT = "Iemand anders heeft dit intussen gewijzigd."


def _form_data(page: str) -> dict[str, str]:
    """The values the change page renders, as a browser would post them back."""
    data = dict(
        re.findall(
            r'<input type="(?:text|number|hidden)" name="([^"]+)" value="([^"]*)"', page
        )
    )
    data.update(
        (name, "on")
        for name in re.findall(
            r'<input type="checkbox" name="([^"]+)"[^>]* checked', page
        )
    )
    data.pop("csrfmiddlewaretoken", None)
    return data


def test_stale_code_list_change_is_refused(beheerder: User) -> None:
    channel = ContactChannel.objects.get(code="telefoon")
    url = reverse("admin:clients_contactchannel_change", args=[channel.pk])
    browser = logged_in(beheerder)
    page = browser.get(url).content.decode()
    assert 'name="loaded_fingerprint"' in page
    ContactChannel.objects.filter(pk=channel.pk).update(label="Telefonisch")
    data = {**_form_data(page), "label": "Telefoon (mobiel)"}
    response = browser.post(url, data)
    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    channel.refresh_from_db()
    assert channel.label == "Telefonisch"
    fresh = browser.get(url).content.decode()
    assert (
        browser.post(url, {**_form_data(fresh), "label": "Mobiel"}).status_code == 302
    )
    channel.refresh_from_db()
    assert channel.label == "Mobiel"


def test_stale_matching_weight_change_is_refused(beheerder: User) -> None:
    weight = MatchingWeight.objects.order_by("pk").first()
    assert weight is not None
    url = reverse("admin:employers_matchingweight_change", args=[weight.pk])
    browser = logged_in(beheerder)
    page = browser.get(url).content.decode()
    MatchingWeight.objects.filter(pk=weight.pk).update(points=weight.points + 1)
    response = browser.post(url, {**_form_data(page), "points": "7"})
    assert CONFLICT in response.content.decode()
    weight.refresh_from_db()
    assert weight.points != 7


def test_stale_staff_account_change_is_refused(
    beheerder: User, klantmanager_velsen: User
) -> None:
    """Two beheerders change one account's roles: the second sees the conflict."""
    url = reverse("admin:accounts_user_change", args=[klantmanager_velsen.pk])
    first, second = logged_in(beheerder), logged_in(beheerder)
    page = second.get(url).content.decode()
    data = {
        **_form_data(page),
        "roles": [Role.KLANTMANAGER.value],
        "municipalities": list(
            klantmanager_velsen.municipalities.values_list("pk", flat=True)
        ),
        "is_active": "on",
    }
    earlier = first.get(url).content.decode()
    assert (
        first.post(
            url, {**_form_data(earlier), **data, "roles": [Role.WERKMAKELAAR.value]}
        ).status_code
        == 302
    )
    response = second.post(url, data)
    assert CONFLICT in response.content.decode()
    assert set(
        User.objects.get(pk=klantmanager_velsen.pk).groups.values_list(
            "name", flat=True
        )
    ) == {Role.WERKMAKELAAR.value}


def test_a_login_meanwhile_is_no_conflict(
    beheerder: User, klantmanager_velsen: User
) -> None:
    url = reverse("admin:accounts_user_change", args=[klantmanager_velsen.pk])
    browser = logged_in(beheerder)
    page = browser.get(url).content.decode()
    logged_in(klantmanager_velsen).get("/")
    User.objects.filter(pk=klantmanager_velsen.pk).update(last_login=timezone.now())
    data = {
        **_form_data(page),
        "first_name": "Karin",
        "roles": [Role.KLANTMANAGER.value],
        "municipalities": list(
            klantmanager_velsen.municipalities.values_list("pk", flat=True)
        ),
        "is_active": "on",
    }
    assert browser.post(url, data).status_code == 302
    assert User.objects.get(pk=klantmanager_velsen.pk).first_name == "Karin"


@pytest.mark.django_db
def test_a_stale_message_uses_the_right_article() -> None:
    from ijmondwerkt.versioning import stale

    def message(what: str) -> str:
        return stale(User(), what).message_dict["version"][0]

    assert message("traject").startswith("Dit traject is intussen gewijzigd")
    assert message("nazorgmoment").startswith("Dit nazorgmoment")
    assert message("plaatsing").startswith("Deze plaatsing")
    assert message("reden einde traject").startswith("Deze reden einde traject")
