"""The exhaustion alerts job, and which rows each persona's ``for_user`` holds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets import tasks
from budgets.alerts import KIND_ALARM, KIND_WARNING, exhaustion_alerts_send
from budgets.models import (
    BenefitParameter,
    Budget,
    Commitment,
    Realisation,
    RealisationImport,
)
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from tests.budgets.conftest import budget, deployment
from tests.conftest import logged_in, make_staff
from trajectories.models import CostUnit, FundingStream

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)


def spend(
    municipality: Municipality, amount: str, stream: str = FundingStream.PARTICIPATION
) -> None:
    deployment(
        municipality,
        date(2026, 11, 1),
        date(2026, 12, 31),
        rate=str(Decimal(amount) / 2),
        units="2",
        cost_unit=CostUnit.PER_MONTH,
        stream=stream,
    )


class TestAlerts:
    def test_warning_at_90_and_alarm_at_100_once_per_threshold(
        self,
        velsen: Municipality,
        beverwijk: Municipality,
        manager_velsen: User,
        manager_beverwijk: User,
        klantmanager_velsen: User,
    ) -> None:
        second_manager = make_staff("manager_tweede", Role.MANAGER, [velsen])
        budget(velsen, "1000.00")
        spend(velsen, "920.00")  # 92 %: warning
        budget(velsen, "1000.00", stream=FundingStream.WSW)
        spend(velsen, "1000.00", FundingStream.WSW)  # 100 %: alarm
        budget(beverwijk, "1000.00")
        spend(beverwijk, "500.00")  # 50 %: nothing

        created = exhaustion_alerts_send(TODAY)
        again = exhaustion_alerts_send(TODAY)

        assert (created, again) == (4, 0)
        for manager in (manager_velsen, second_manager):
            tasks_of = Task.objects.filter(assignee=manager).order_by("kind")
            assert [t.kind for t in tasks_of] == [KIND_ALARM, KIND_WARNING]
            alarm, warning = tasks_of
            assert "Alarm: budget Wsw 2026 van Velsen is uitgeput" in alarm.title
            assert "(prognose 100.0%)" in alarm.title
            assert "Participatiebudget 2026 van Velsen" in warning.title
            assert alarm.link == "/budgetten/0453/2026/wsw/"
            assert warning.link == "/budgetten/0453/2026/participatiebudget/"
            assert logged_in(manager).get(warning.link).status_code == 200
        assert not Task.objects.filter(assignee=manager_beverwijk).exists()
        assert not Task.objects.filter(assignee=klantmanager_velsen).exists()

    def test_rising_past_100_adds_the_alarm_only(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        budget(velsen, "1000.00")
        spend(velsen, "900.00")
        assert exhaustion_alerts_send(TODAY) == 1
        spend(velsen, "200.00")
        assert exhaustion_alerts_send(TODAY) == 1
        assert exhaustion_alerts_send(TODAY) == 0
        assert sorted(Task.objects.values_list("kind", flat=True)) == [
            KIND_ALARM,
            KIND_WARNING,
        ]

    def test_the_job_costs_the_same_whatever_the_data(
        self, velsen: Municipality, beverwijk: Municipality, manager_velsen: User
    ) -> None:
        def cost() -> int:
            with CaptureQueriesContext(connection) as queries:
                exhaustion_alerts_send(TODAY)
            return len(queries)

        budget(velsen, "100.00")
        spend(velsen, "95.00")
        small = cost()
        for stream in (FundingStream.WSW, FundingStream.BENEFITS, FundingStream.OTHER):
            budget(velsen, "100.00", stream=stream)
            spend(velsen, "150.00", stream)
            budget(beverwijk, "100.00", stream=stream)
            spend(beverwijk, "150.00", stream)
        make_staff("manager_beverwijk_2", Role.MANAGER, [beverwijk])
        assert cost() == small

    @time_machine.travel("2026-11-20 12:00 +0100", tick=False)
    def test_the_celery_tasks(self, velsen: Municipality, manager_velsen: User) -> None:
        budget(velsen, "100.00")
        spend(velsen, "95.00")
        Commitment.objects.all().delete()
        assert tasks.rebuild_commitments.apply().get() == 2
        assert tasks.exhaustion_alerts.apply().get() == 1
        assert tasks.exhaustion_alerts.apply().get() == 0


class TestScope:
    @pytest.fixture
    def rows(self, velsen: Municipality, manager_velsen: User) -> None:
        budget(velsen, "100.00")
        deployment(velsen, date(2026, 1, 1), date(2026, 1, 31))
        Realisation.objects.create(
            municipality=velsen,
            funding_stream=FundingStream.WSW,
            year=2026,
            month=1,
            amount=Decimal("1"),
            source=Realisation.Source.MANUAL,
            created_by=manager_velsen,
        )
        BenefitParameter.objects.create(
            municipality=velsen, year=2026, average_monthly_benefit=Decimal("1")
        )
        entry = RealisationImport.objects.create(
            file_hash="0" * 64,
            year=2026,
            status=RealisationImport.Status.ACCEPTED,
            uploaded_by=manager_velsen,
        )
        entry.municipalities.add(velsen)

    MODELS = (Budget, Commitment, Realisation, BenefitParameter, RealisationImport)

    @pytest.mark.usefixtures("rows")
    @pytest.mark.parametrize("who", ["manager_velsen", "beheerder_velsen", "manager"])
    def test_managers_and_beheer_of_the_municipality_see_its_rows(
        self, who: str, request: pytest.FixtureRequest
    ) -> None:
        user = request.getfixturevalue(who)
        for model in self.MODELS:
            assert model.objects.for_user(user).count() == 1, model

    @pytest.mark.usefixtures("rows")
    @pytest.mark.parametrize(
        "who",
        [
            "manager_beverwijk",
            "klantmanager_velsen",
            "werkmakelaar",
            "privacy_officer",
            "user_without_role",
        ],
    )
    def test_everyone_else_sees_nothing(
        self, who: str, request: pytest.FixtureRequest
    ) -> None:
        user = request.getfixturevalue(who)
        for model in self.MODELS:
            assert not model.objects.for_user(user).exists(), model
