"""The demo looks like a team's ordinary working day, on whatever date it loads."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
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
from trajectories.models import (
    Deployment,
    FollowUp,
    FollowUpOutcome,
    FundingStream,
    Placement,
    Trajectory,
    TrajectoryKind,
    WageValueAssessment,
)
from trajectories.services import deployment_eligibility

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


def _trajectory_counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Trajectory, Deployment, Placement, FollowUp, WageValueAssessment)
    )


def _assert_trajectories(today: date) -> None:
    """Issue 11's demo: its figures, its rules and every state a page shows."""
    recent = Trajectory.objects.filter(start_date__gte=today - timedelta(days=3 * 365))
    assert 750 <= recent.count() <= 850
    guidance = recent.filter(kind=TrajectoryKind.REINTEGRATION).count()
    assert 0.7 <= guidance / recent.count() <= 0.8
    history = Trajectory.objects.filter(start_date__lt=today - timedelta(days=4 * 365))
    assert history.count() >= 20
    assert not history.filter(end_date__isnull=True).exists()
    ended = Trajectory.objects.filter(end_date__isnull=False)
    assert ended.filter(end_reason__outflow_to_work=True).count() >= 50
    assert ended.filter(end_reason__outflow_to_work=False).count() >= 50
    assert not Trajectory.objects.filter(end_date__gt=today).exists()
    assert Trajectory.objects.running_on(today).count() >= 300

    # Deployments: costs, and the instrument rules hold.
    assert Deployment.objects.filter(total_cost__gt=0).count() >= 800
    assert set(Deployment.objects.values_list("status", flat=True)) == set(
        Deployment.Status.values
    )
    group_4 = Deployment.objects.filter(client__target_group=4)
    assert group_4.exists()
    assert not group_4.filter(
        instrument__funding_stream=FundingStream.PARTICIPATION
    ).exists()
    needs_trajectory = Deployment.objects.filter(instrument__requires_trajectory=True)
    assert needs_trajectory.exists()
    assert not needs_trajectory.filter(trajectory__isnull=True).exists()
    sample = Deployment.objects.select_related(
        "client", "instrument", "trajectory"
    ).order_by("pk")
    for deployment in sample[::20]:
        assert (
            deployment_eligibility(
                client=deployment.client,
                instrument=deployment.instrument,
                trajectory=deployment.trajectory,
                start_date=deployment.start_date,
                end_date=deployment.end_date,
            )
            == {}
        ), deployment
        assert deployment.total_cost == deployment.compute_total_cost()
        deployment.full_clean()

    # Placements: 100 with subsidy, each assessed; 95 garantiebanen.
    subsidised = Placement.objects.with_subsidy()
    assert subsidised.count() == 100
    assert not subsidised.filter(assessments__isnull=True).exists()
    assert Placement.objects.filter(kind__code="garantiebaan").count() == 95
    assert Placement.objects.filter(proposal__isnull=False).count() >= 100
    running = list(subsidised.running_on(today).prefetch_related("assessments"))
    latest_due = [
        max(a.next_due_date for a in placement.assessments.all())
        for placement in running
    ]
    overdue = [due for due in latest_due if due < today]
    assert 1 <= len(overdue) <= 10
    assert min(overdue) >= today - OLDEST_OVERDUE
    assert len(latest_due) - len(overdue) >= 0.9 * len(running)
    for placement in Placement.objects.select_related("kind").order_by("pk")[::10]:
        placement.full_clean()
        if placement.kind.is_trial:
            assert placement.trial_end_date is not None
            assert placement.trial_end_date < placement.start_date + timedelta(days=62)

    # Follow-up moments in every state, none long forgotten.
    held = FollowUp.objects.filter(held_on__isnull=False)
    assert set(held.values_list("outcome", flat=True)) == set(FollowUpOutcome.values)
    assert not held.filter(held_on__gt=today).exists()
    waiting = FollowUp.objects.due_by(today)
    assert waiting.filter(due_date=today).exists()
    assert waiting.filter(due_date__lt=today).exists()
    assert not waiting.filter(due_date__lt=today - OLDEST_OVERDUE).exists()
    assert FollowUp.objects.filter(due_date__gt=today, held_on__isnull=True).exists()
    for follow_up in FollowUp.objects.order_by("pk")[::50]:
        follow_up.full_clean()


def test_demo_is_idempotent_and_prints_working_logins() -> None:
    # A Monday morning just after New Year.
    moment = datetime(2027, 1, 4, 8, 30, tzinfo=AMSTERDAM)
    printed = _load_at(moment)
    first = User.objects.count()
    trajectories = _trajectory_counts()
    _load_at(moment)
    assert User.objects.count() == first == len(DEMO_USERS) + len(COLLEAGUES)
    assert _trajectory_counts() == trajectories
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
        _assert_trajectories(moment.date())
        _assert_commitments()
        _assert_budgets(moment.date())
        _assert_budgets_deterministic()
        _assert_reports(moment.date())


def _assert_commitments() -> None:
    """The demo's bulk-made deployments and subsidy placements commit budget."""
    from budgets.models import Commitment

    committing = Deployment.objects.committing().filter(total_cost__gt=0)
    assert (
        Commitment.objects.filter(deployment__isnull=False)
        .values("deployment")
        .distinct()
        .count()
        == committing.count()
    )
    assert Commitment.objects.filter(placement__wage_cost_subsidy=True).exists()
    assert not Commitment.objects.filter(deployment__status="geannuleerd").exists()


def _assert_reports(today: date) -> None:
    """Last month's reports of every municipality and the region, made once."""
    from ijmondwerkt.accounts.models import Municipality
    from ijmondwerkt.inbox.models import Task
    from reports.models import Report, ReportStatus

    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    reports = Report.objects.filter(month=last_month)
    municipalities = Municipality.objects.active().count()
    assert reports.count() == municipalities + 1  # the region too, not twice
    assert set(reports.values_list("status", flat=True)) == {ReportStatus.DONE}
    region = reports.get(is_region=True)
    assert region.pdf is not None and bytes(region.pdf).startswith(b"%PDF")
    manager = User.objects.get(username="manager")
    assert (
        Task.objects.filter(assignee=manager, link__startswith="/rapportages/").count()
        == 1
    )


def test_demo_looks_like_an_ordinary_tuesday_on_a_leap_day() -> None:
    moment = datetime(2028, 2, 29, 9, 0, tzinfo=AMSTERDAM)
    _load_at(moment)
    with time_machine.travel(moment, tick=False):
        _assert_ordinary_day(moment.date())
        _assert_trajectories(moment.date())
        _assert_budgets(moment.date())


def _assert_budgets(today: date) -> None:
    """Budgets, realisation to last month, benefit parameters and the 90 % alert."""
    from budgets.alerts import KIND_ALARM, KIND_WARNING
    from budgets.models import (
        BenefitParameter,
        Budget,
        BudgetLine,
        Realisation,
        RealisationImport,
    )
    from budgets.selectors import figures
    from ijmondwerkt.accounts.models import Municipality
    from ijmondwerkt.audit.models import AuditEvent

    years = {today.year - 1, today.year}
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    streams = set(FundingStream.values)
    municipalities = Municipality.objects.filter(cbs_code__in=("0375", "0396", "0453"))
    assert municipalities.count() == 3
    for municipality in municipalities:
        for year in years:
            budgets = Budget.objects.filter(municipality=municipality, year=year)
            assert streams - {FundingStream.OTHER} <= set(
                budgets.values_list("funding_stream", flat=True)
            ), (municipality, year)
            assert BenefitParameter.objects.filter(
                municipality=municipality, year=year, average_monthly_benefit__gt=1000
            ).exists()
        months = set(
            Realisation.objects.filter(municipality=municipality).values_list(
                "year", "month"
            )
        )
        assert (last_month.year, last_month.month) in months, municipality
        assert (today.year, today.month) not in months
        # Every closed month of both years has spending.
        assert {(today.year - 1, m) for m in range(1, 13)} <= months
        assert {(today.year, m) for m in range(1, today.month)} <= months
    assert not Realisation.objects.filter(booked_on__gt=today).exists()
    lines = BudgetLine.objects.filter(
        budget__funding_stream=FundingStream.PARTICIPATION
    )
    assert lines.values("budget").distinct().count() == 6
    assert not BudgetLine.objects.exclude(
        budget__funding_stream=FundingStream.PARTICIPATION
    ).exists()
    # The previous year came from the financial system's export, one per municipality.
    imports = RealisationImport.objects.filter(status="verwerkt", year=today.year - 1)
    assert imports.count() == 3
    assert all(
        name.endswith(".csv") for name in imports.values_list("file_name", flat=True)
    )
    assert Realisation.objects.filter(source="import").count() == sum(
        imports.values_list("imported_count", flat=True)
    )
    # One amendment in the audit trail, with the old and new amount.
    amended = Budget.objects.get(version=2)
    event = AuditEvent.objects.for_object(amended).get(action="updated")
    old, new = event.changes["amount"]
    assert old != new
    assert event.user == User.objects.get(username="manager")

    ids = list(municipalities.values_list("pk", flat=True))
    rows = [r for r in figures(ids, year=today.year, today=today) if r.budget]
    levels = [r.exhaustion for r in rows if r.exhaustion is not None]
    assert sum(level >= Decimal("0.90") for level in levels) >= 1
    assert not any(level >= 1 for level in levels)
    warned = [r for r in rows if r.level == "waarschuwing"]
    past = [
        r.exhaustion
        for r in figures(ids, year=today.year - 1, today=today)
        if r.exhaustion is not None
    ]
    assert all(Decimal("0.40") <= level <= Decimal("0.86") for level in past)
    manager = User.objects.get(username="manager")
    alerts = Task.objects.for_user(manager).filter(kind__in=(KIND_WARNING, KIND_ALARM))
    assert alerts.count() == len(warned) >= 1
    assert alerts.filter(due_date=today).exists()


def _budgets_fingerprint() -> tuple[object, ...]:
    from budgets.models import BenefitParameter, Budget, BudgetLine, Realisation

    return (
        tuple(
            Budget.objects.order_by(
                "municipality__cbs_code", "year", "funding_stream"
            ).values_list(
                "municipality__cbs_code", "year", "funding_stream", "amount", "version"
            )
        ),
        tuple(
            BudgetLine.objects.order_by("budget__pk", "category__code").values_list(
                "budget__municipality__cbs_code",
                "budget__year",
                "category__code",
                "amount",
            )
        ),
        tuple(
            Realisation.objects.order_by(
                "municipality__cbs_code", "reference"
            ).values_list(
                "municipality__cbs_code",
                "reference",
                "year",
                "month",
                "booked_on",
                "amount",
            )
        ),
        tuple(
            BenefitParameter.objects.order_by(
                "municipality__cbs_code", "year"
            ).values_list("municipality__cbs_code", "year", "average_monthly_benefit")
        ),
    )


def _assert_budgets_deterministic() -> None:
    """A second load adds nothing; the same seed and day give the same figures."""
    from budgets import demo as budgets_demo
    from budgets.models import (
        BenefitParameter,
        Budget,
        Realisation,
        RealisationImport,
    )

    first = _budgets_fingerprint()
    assert "al aanwezig" in budgets_demo.load(seed=2026)
    assert _budgets_fingerprint() == first
    Realisation.objects.all().delete()
    RealisationImport.objects.all().delete()
    Budget.objects.all().delete()
    BenefitParameter.objects.all().delete()
    budgets_demo.load(seed=2026)
    assert _budgets_fingerprint() == first
    budgets_demo.load(seed=2026)
    assert _budgets_fingerprint() == first
