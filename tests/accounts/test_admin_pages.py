"""Every page of every model in beheer answers without a server error.

The walk goes through ``admin.site._registry`` so a model registered later is
walked too: its changelist, add page, and for real objects the change,
history, delete and (for users) password pages, as superuser and as
functioneel beheerder.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from oauth2_provider.models import AccessToken, RefreshToken

from clients.models import MunicipalityPolicy
from employers.models import Proposal
from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.factories import ClientFactory
from tests.conftest import PartnerFactory, logged_in
from tests.employers.factories import ContactPersonFactory, VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_objects(
    make_partner: PartnerFactory,
    all_municipalities: list[Municipality],
    klantmanager_velsen: User,
    user_without_role: User,
) -> None:
    """At least one row of every model, including odd ones (a partner's user)."""
    partner, _credentials = make_partner(
        scopes=["gemeenten.lezen"], municipalities=all_municipalities[:1]
    )
    token = AccessToken.objects.create(
        application=partner.application,
        token="walk-token",  # noqa: S106 - test value
        expires=timezone.now() + timedelta(hours=1),
        scope="gemeenten.lezen",
    )
    RefreshToken.objects.create(
        application=partner.application,
        user=partner.user,
        token="walk-refresh",  # noqa: S106 - test value
        access_token=token,
    )
    User.objects.create_superuser("root_walk", "root@example.org", "x-walk-pass-1")
    MunicipalityPolicy.objects.create(municipality=all_municipalities[0])
    client = ClientFactory.create(
        municipality=all_municipalities[0], klantmanager=klantmanager_velsen
    )
    vacancy = VacancyFactory.create()
    ContactPersonFactory.create(employer=vacancy.employer)
    Proposal.objects.create(
        client=client,
        vacancy=vacancy,
        proposed_by=klantmanager_velsen,
        proposed_on=timezone.localdate(),
    )


def _urls(model: type[models.Model]) -> list[str]:
    """Every URL the model's admin declares, custom ones included."""
    pks = model._default_manager.order_by("pk").values_list("pk", flat=True)
    # The oldest and the newest rows: seeded ones and the odd ones made above.
    some = list(dict.fromkeys([*pks[:2], *pks.reverse()[:3]]))
    urls = []
    for pattern in admin.site._registry[model].get_urls():
        if not getattr(pattern, "name", None):
            continue
        name = f"admin:{pattern.name}"
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            for pk in some:
                try:
                    urls.append(reverse(name, args=[pk]))
                except NoReverseMatch:
                    break
    return urls


def _walk(client: Client) -> list[tuple[str, int]]:
    failures = []
    app_labels = {model._meta.app_label for model in admin.site._registry}
    for url in [reverse("admin:index")] + [
        reverse("admin:app_list", args=[label]) for label in sorted(app_labels)
    ]:
        if client.get(url).status_code >= 500:
            failures.append((url, 500))
    for model in admin.site._registry:
        for url in _urls(model):
            response = client.get(url)
            if response.status_code >= 500:
                failures.append((url, response.status_code))
        for url in _urls(model):
            if not url.endswith(("/add/", "/change/", "/password/")):
                continue
            response = client.post(url, {})
            if response.status_code >= 500:
                failures.append((f"POST {url}", response.status_code))
    return failures


def test_every_admin_page_answers_for_the_superuser(real_objects: None) -> None:
    client = logged_in(User.objects.get(username="root_walk"))
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert _walk(client) == []


def test_every_admin_page_answers_for_the_beheerder(
    real_objects: None, beheerder: User
) -> None:
    assert _walk(logged_in(beheerder)) == []
