"""The demo looks like a team's ordinary working day, on whatever date it loads."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count, Max, Min, Q
from django.test import RequestFactory
from django.utils import timezone

from clients.models import OPEN_STATUSES, Client, Contact, Intake, Status
from employers.models import Employer, EmployerContact
from ijmondwerkt.accounts.demo import COLLEAGUES, DEMO_PASSWORD, DEMO_USERS
from ijmondwerkt.accounts.models import User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAX_CASELOAD = 150
MAX_OVERDUE = 15
OLDEST_OVERDUE = timedelta(weeks=4)


def _load_at(moment: datetime) -> str:
    out = StringIO()
    with time_machine.travel(moment, tick=False):
        call_command("demo", stdout=out)
    return out.getvalue()


def _assert_ordinary_day(today: date) -> None:
    caseloads = dict(
        Client.objects.filter(status__in=OPEN_STATUSES, klantmanager__isnull=False)
        .values_list("klantmanager__username")
        .annotate(n=Count("pk"))
    )
    klantmanagers = User.objects.filter(groups__name=Role.KLANTMANAGER.value)
    assert set(caseloads) == set(klantmanagers.values_list("username", flat=True))
    assert max(caseloads.values()) <= MAX_CASELOAD
    assert min(caseloads.values()) >= 80
    for code in ("0375", "0396", "0453"):
        assert klantmanagers.filter(municipalities__cbs_code=code).count() >= 3

    portfolios = dict(
        Employer.objects.values_list("werkmakelaar__username").annotate(n=Count("pk"))
    )
    assert None not in portfolios
    assert len(portfolios) >= 3
    assert max(portfolios.values()) <= 0.4 * Employer.objects.count()

    for demo in DEMO_USERS:
        inbox = Task.objects.for_user(User.objects.get(username=demo.username))
        overdue = inbox.overdue(today)
        assert overdue.count() <= MAX_OVERDUE, demo.username
        if overdue.exists():
            oldest = overdue.aggregate(oldest=Min("due_date"))["oldest"]
            assert oldest >= today - OLDEST_OVERDUE, demo.username
    klantmanager = User.objects.get(username="klantmanager")
    assert Task.objects.for_user(klantmanager).due_by(today).exists()
    assert Task.objects.overdue(today).exists()
    assert not Task.objects.overdue(today - OLDEST_OVERDUE).exists()

    pending = Intake.objects.filter(
        held_date__isnull=True, client__status__in=(Status.REGISTERED, Status.INTAKE)
    )
    assert pending.filter(deadline__gte=today).count() >= 20
    assert pending.filter(deadline__lt=today).count() <= 10
    assert not pending.filter(deadline__lt=today - OLDEST_OVERDUE).exists()

    week_ago = timezone.now() - timedelta(days=7)
    assert Contact.objects.filter(
        client__klantmanager=klantmanager, occurred_at__gte=week_ago
    ).exists()
    werkmakelaar = User.objects.get(username="werkmakelaar")
    assert (
        EmployerContact.objects.exclude(werkmakelaar=werkmakelaar)
        .filter(contact_date__gte=today - timedelta(days=14))
        .exists()
    )
    last = EmployerContact.objects.aggregate(
        last=Max("contact_date"),
        weekend=Count("pk", filter=Q(contact_date__week_day__in=[1, 7])),
    )
    assert last["last"] >= today - timedelta(days=4)
    assert last["weekend"] == 0


def test_demo_is_idempotent_and_prints_working_logins() -> None:
    # A Monday morning just after New Year.
    moment = datetime(2027, 1, 4, 8, 30, tzinfo=AMSTERDAM)
    printed = _load_at(moment)
    first = User.objects.count()
    _load_at(moment)
    assert User.objects.count() == first == len(DEMO_USERS) + len(COLLEAGUES)
    for demo in DEMO_USERS:
        assert f"  {demo.username} " in printed
        user = authenticate(
            RequestFactory().post("/inloggen/"),
            username=demo.username,
            password=DEMO_PASSWORD,
        )
        assert user is not None
        assert user.has_role(demo.role)
        assert set(user.municipalities.values_list("cbs_code", flat=True)) == set(
            demo.municipality_codes
        )
    assert len({demo.role for demo in DEMO_USERS}) == len(DEMO_USERS) == len(Role)
    for colleague in COLLEAGUES:
        assert f"  {colleague.username} " not in printed
        assert not User.objects.get(username=colleague.username).has_usable_password()
    with time_machine.travel(moment, tick=False):
        _assert_ordinary_day(moment.date())


def test_demo_looks_like_an_ordinary_tuesday_on_a_leap_day() -> None:
    moment = datetime(2028, 2, 29, 9, 0, tzinfo=AMSTERDAM)
    _load_at(moment)
    with time_machine.travel(moment, tick=False):
        _assert_ordinary_day(moment.date())
