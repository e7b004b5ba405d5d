"""Shared reads: each counter on the dashboard equals the list it links to."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.urls import reverse
from django.utils import timezone

from clients import selectors
from clients.models import Client
from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.factories import (
    ClientFactory,
    ContactFactory,
    GoalFactory,
    IntakeFactory,
)
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db

# A Tuesday; two working days ahead is Thursday.
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))

CARD = re.compile(
    r'<a href="(?P<href>/werkzoekenden/\?[^"]+)"><span class="number">(?P<n>\d+)</span>'
)
FOUND = re.compile(r"(\d+) werkzoekenden? gevonden")


def _caseload(km: User, other: User) -> None:
    """Open and closed files, each signal in and out of the werkvoorraad."""
    today = timezone.localdate()
    IntakeFactory.create(client__klantmanager=km, deadline=today)  # due
    IntakeFactory.create(client__klantmanager=km, deadline=today + timedelta(days=2))
    IntakeFactory.create(client__klantmanager=km, deadline=today - timedelta(days=1))
    IntakeFactory.create(client__klantmanager=km, deadline=today + timedelta(days=20))
    IntakeFactory.create(  # a closed file's stale intake is no signal
        client__klantmanager=km, client__outflowed=True, deadline=today
    )
    IntakeFactory.create(client__klantmanager=other, deadline=today)
    busy = ClientFactory.create(klantmanager=km)
    ContactFactory.create(client=busy)
    # Three goals of one file count as one file: the list shows files.
    for days in (0, -3, -40):
        GoalFactory.create(plan__client=busy, due_date=today + timedelta(days=days))
    GoalFactory.create(plan__client__klantmanager=km, due_date=today - timedelta(5))
    for _ in range(3):  # closed files stay out of the werkvoorraad
        ClientFactory.create(klantmanager=km, outflowed=True)
    silent = ClientFactory.create(
        klantmanager=km, registration_date=today - timedelta(days=200)
    )
    ContactFactory.create(
        client=silent, occurred_at=timezone.now() - timedelta(days=120)
    )


@time_machine.travel(NOW, tick=True)
def test_each_counter_equals_the_length_of_the_list_it_opens(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    other = ClientFactory.create().municipality  # same municipality, other km
    assert other == velsen
    colleague = User.objects.create_user(username="collega")
    _caseload(klantmanager_velsen, colleague)
    browser = logged_in(klantmanager_velsen)
    page = browser.get(reverse("clients:dashboard")).content.decode()
    cards = [(html.unescape(m["href"]), int(m["n"])) for m in CARD.finditer(page)]
    assert len(cards) == 6
    counted = {}
    for href, number in cards:
        listed = browser.get(href).content.decode()
        found = FOUND.search(listed)
        assert found, href
        assert int(found.group(1)) == number, href
        counted[href.split("signaal=")[-1] if "signaal" in href else "alle"] = number
    assert counted == {
        "alle": 7,
        "intake-te-laat": 1,
        "intake-binnenkort": 2,
        "doelen-binnenkort": 1,
        "doelen-verlopen": 2,
        "geen-contact": 1,
    }


@time_machine.travel(NOW, tick=True)
def test_the_list_without_a_status_shows_closed_files_too(
    klantmanager_velsen: User,
) -> None:
    ClientFactory.create(klantmanager=klantmanager_velsen)
    ClientFactory.create(klantmanager=klantmanager_velsen, outflowed=True)
    assert selectors.caseload(klantmanager_velsen).count() == 1
    browser = logged_in(klantmanager_velsen)
    everything = browser.get(
        reverse("clients:list"), {"klantmanager": klantmanager_velsen.username}
    )
    assert "2 werkzoekenden gevonden" in everything.content.decode()
    running = browser.get(
        reverse("clients:list"),
        {"klantmanager": klantmanager_velsen.username, "status": "lopend"},
    )
    assert "1 werkzoekende gevonden" in running.content.decode()


@time_machine.travel(NOW, tick=True)
def test_intake_signals_give_the_deadline_as_due_date(
    klantmanager_velsen: User,
) -> None:
    today = timezone.localdate()
    due = IntakeFactory.create(
        client__klantmanager=klantmanager_velsen, deadline=today + timedelta(days=2)
    )
    late = IntakeFactory.create(
        client__klantmanager=klantmanager_velsen, deadline=today - timedelta(days=1)
    )
    IntakeFactory.create(
        client__klantmanager=klantmanager_velsen, deadline=today + timedelta(days=3)
    )
    found = selectors.intake_due(Client.objects.all(), today).values_list(
        "pk", "due_date"
    )
    assert list(found) == [(due.client.pk, due.deadline)]
    overdue = selectors.intake_overdue(Client.objects.all(), today)
    assert [(c.pk, c.due_date) for c in overdue] == [(late.client.pk, late.deadline)]


def test_policy_for_falls_back_to_the_defaults(velsen: Municipality) -> None:
    policy = selectors.policy_for(velsen)
    assert policy.pk is None
    assert policy.no_contact_days == 90
    assert selectors.policies_all()[velsen.pk].intake_deadline_days == 14
