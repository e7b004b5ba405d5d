"""Deployment services: who may get which instrument, costs, status, versions, scoping."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from django.core.exceptions import ValidationError

from clients.models import Client
from ijmondwerkt.accounts.models import User
from ijmondwerkt.domain import NotFound
from tests.trajectories.factories import (
    DeploymentFactory,
    InstrumentFactory,
    ProviderFactory,
    TrajectoryFactory,
    instrument,
)
from tests.trajectories.servicekit import _today, events, make_client, refused  # noqa: F401
from trajectories import services
from trajectories.models import Deployment, DeploymentStatus, Instrument, Trajectory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_2(klantmanager_velsen: User) -> Client:
    return make_client(klantmanager_velsen, target_group=2)


@pytest.fixture
def group_4(klantmanager_velsen: User) -> Client:
    return make_client(klantmanager_velsen, target_group=4)


@pytest.fixture
def trajectory(group_2: Client) -> Trajectory:
    """Runs from 5 January 2026, planned until the end of the year."""
    return TrajectoryFactory.create(client=group_2)


def deploy(user: User, client: Client, code: str, **overrides: Any) -> Deployment:
    data: dict[str, Any] = {
        "start_date": date(2026, 2, 1),
        "end_date": date(2026, 4, 30),
    }
    data.update(overrides)
    return services.deployment_create(
        user=user, client=client, instrument=instrument(code), **data
    )


def eligibility(client: Client, code: str, **kwargs: Any) -> dict[str, str]:
    return services.deployment_eligibility(
        client=client, instrument=instrument(code), **kwargs
    )


class TestEligibility:
    def test_participation_budget_refused_for_group_4(self, group_4: Client) -> None:
        reasons = eligibility(group_4, "taalcursus")  # all groups, participatiebudget
        assert "participatiebudget" in reasons["instrument"]
        assert "doelgroep 4" in reasons["instrument"]

    def test_group_4_may_get_beschut_werk_begeleiding(self, group_4: Client) -> None:
        assert eligibility(group_4, "beschut-werk-begeleiding") == {}

    def test_instrument_not_for_the_target_group(
        self, klantmanager_velsen: User
    ) -> None:
        group_1 = make_client(klantmanager_velsen, target_group=1)
        reasons = eligibility(group_1, "werkfit-traject")  # groups 2 and 3
        assert reasons == {
            "instrument": "Werkfit-traject is niet bedoeld voor doelgroep 1 "
            "(wel voor doelgroep 2, 3)."
        }

    def test_no_target_group_yet_is_not_refused(
        self, klantmanager_velsen: User
    ) -> None:
        unknown = make_client(klantmanager_velsen, target_group=None)
        assert eligibility(unknown, "werkfit-traject") == {}

    def test_inactive_instrument(self, group_2: Client) -> None:
        retired = InstrumentFactory.create(active=False)
        reasons = services.deployment_eligibility(client=group_2, instrument=retired)
        assert reasons == {"instrument": "Deze voorziening is niet meer actief."}

    def test_needs_a_trajectory(self, group_2: Client) -> None:
        reasons = eligibility(group_2, "functiegerichte-scholing")
        assert "alleen binnen een traject" in reasons["trajectory"]

    def test_needs_a_trajectory_running_on_the_start_date(
        self, group_2: Client, trajectory: Trajectory
    ) -> None:
        assert (
            eligibility(
                group_2,
                "functiegerichte-scholing",
                trajectory=trajectory,
                start_date=date(2026, 2, 1),
                end_date=date(2026, 6, 30),
            )
            == {}
        )
        ended = TrajectoryFactory.create(client=group_2, ended=True)
        reasons = eligibility(
            group_2,
            "functiegerichte-scholing",
            trajectory=ended,
            start_date=date(2026, 7, 1),
            end_date=date(2026, 8, 31),
        )
        assert "alleen binnen een traject" in reasons["trajectory"]

    def test_trajectory_of_another_client(
        self, group_2: Client, klantmanager_velsen: User
    ) -> None:
        other = TrajectoryFactory.create(client=make_client(klantmanager_velsen))
        reasons = eligibility(group_2, "taalcursus", trajectory=other)
        assert reasons == {
            "trajectory": "Dit traject hoort bij een andere werkzoekende."
        }

    def test_longer_than_the_maximum_duration(self, group_2: Client) -> None:
        # Competentieonderzoek: at most 3 months.
        ok = eligibility(
            group_2,
            "competentieonderzoek",
            start_date=date(2026, 2, 1),
            end_date=date(2026, 4, 30),
        )
        assert ok == {}
        reasons = eligibility(
            group_2,
            "competentieonderzoek",
            start_date=date(2026, 2, 1),
            end_date=date(2026, 5, 1),
        )
        assert reasons["end_date"] == (
            "Intake/diagnose (competentieonderzoek) duurt hoogstens 3 maanden: "
            "uiterlijk tot en met 30-04-2026."
        )

    def test_outside_the_trajectory_dates(
        self, group_2: Client, klantmanager_velsen: User
    ) -> None:
        ended = TrajectoryFactory.create(client=group_2, ended=True)  # 5-1 to 30-6
        before = eligibility(
            group_2,
            "taalcursus",
            trajectory=ended,
            start_date=date(2026, 1, 1),
            end_date=date(2026, 3, 1),
        )
        assert before == {
            "start_date": "De inzet begint vóór het traject (start 05-01-2026)."
        }
        after = eligibility(
            group_2,
            "taalcursus",
            trajectory=ended,
            start_date=date(2026, 5, 1),
            end_date=date(2026, 7, 31),
        )
        assert after == {
            "end_date": "De inzet loopt door na het einde van het traject (30-06-2026)."
        }

    def test_end_before_start(self, group_2: Client) -> None:
        reasons = eligibility(
            group_2,
            "taalcursus",
            start_date=date(2026, 3, 1),
            end_date=date(2026, 2, 1),
        )
        assert reasons == {"end_date": "De einddatum ligt vóór de startdatum."}

    def test_every_reason_at_once(self, group_4: Client) -> None:
        reasons = eligibility(
            group_4,
            "functiegerichte-scholing",
            start_date=date(2026, 3, 1),
            end_date=date(2026, 2, 1),
        )
        assert set(reasons) == {"instrument", "trajectory", "end_date"}


class TestCreate:
    def test_rate_from_the_catalogue_and_total_cost(
        self, klantmanager_velsen: User, group_2: Client, trajectory: Trajectory
    ) -> None:
        provider = ProviderFactory.create(name="Nova College")
        deployment = deploy(
            klantmanager_velsen,
            group_2,
            "functiegerichte-scholing",
            trajectory=trajectory,
            provider=provider,
            end_date=date(2026, 6, 30),
        )
        assert deployment.rate == Decimal("3000.00")
        assert deployment.total_cost == Decimal("3000.00")
        assert deployment.cost_unit == "traject"
        assert deployment.status == DeploymentStatus.RUNNING
        [event] = events("deployment_created")
        assert event.client_id == group_2.pk
        assert event.user_id == klantmanager_velsen.pk
        assert event.changes["total_cost"] == [None, "3000"]
        assert event.changes["provider"] == [None, "Nova College"]

    def test_rate_times_units(self, klantmanager_velsen: User, group_2: Client) -> None:
        deployment = deploy(
            klantmanager_velsen,
            group_2,
            "jobcoaching",  # 65.00 per hour
            units=Decimal("12.5"),
        )
        assert deployment.cost_unit == "uur"
        assert deployment.total_cost == Decimal("812.50")
        own_rate = deploy(
            klantmanager_velsen, group_2, "jobcoaching", rate=Decimal("70"), units=10
        )
        assert own_rate.total_cost == Decimal("700.00")

    def test_group_4_refused_with_the_reason_and_nothing_stored(
        self, klantmanager_velsen: User, group_4: Client
    ) -> None:
        with pytest.raises(ValidationError) as error:
            deploy(klantmanager_velsen, group_4, "sollicitatietraining")
        assert "doelgroep 4" in refused(error)["instrument"][0]
        assert not Deployment.objects.exists() and not events()

    def test_needs_trajectory_refused(
        self, klantmanager_velsen: User, group_2: Client
    ) -> None:
        with pytest.raises(ValidationError) as error:
            deploy(klantmanager_velsen, group_2, "functiegerichte-scholing")
        assert (
            "Functiegerichte scholing kan alleen binnen een traject"
            in (refused(error)["trajectory"][0])
        )
        assert not Deployment.objects.exists()

    def test_outside_trajectory_refused(
        self, klantmanager_velsen: User, group_2: Client, trajectory: Trajectory
    ) -> None:
        with pytest.raises(ValidationError) as error:
            deploy(
                klantmanager_velsen,
                group_2,
                "taalcursus",
                trajectory=trajectory,
                start_date=date(2025, 12, 1),
            )
        assert "vóór het traject" in refused(error)["start_date"][0]

    def test_too_long_refused(self, klantmanager_velsen: User, group_2: Client) -> None:
        with pytest.raises(ValidationError) as error:
            deploy(
                klantmanager_velsen,
                group_2,
                "werkervaringsplaats",  # at most 6 months
                end_date=date(2026, 8, 1),
            )
        assert "hoogstens 6 maanden" in refused(error)["end_date"][0]

    def test_negative_rate_refused(
        self, klantmanager_velsen: User, group_2: Client
    ) -> None:
        with pytest.raises(ValidationError) as error:
            deploy(klantmanager_velsen, group_2, "taalcursus", rate=Decimal("-1"))
        assert refused(error)["rate"] == ["Kosten zijn niet negatief."]

    def test_inactive_provider_refused(
        self, klantmanager_velsen: User, group_2: Client
    ) -> None:
        with pytest.raises(ValidationError) as error:
            deploy(
                klantmanager_velsen,
                group_2,
                "taalcursus",
                provider=ProviderFactory.create(active=False),
            )
        assert "niet meer actief" in refused(error)["provider"][0]

    def test_closed_file_refused(self, klantmanager_velsen: User) -> None:
        closed = make_client(klantmanager_velsen, status=Client.Status.OUTFLOWED)
        with pytest.raises(ValidationError) as error:
            deploy(klantmanager_velsen, closed, "taalcursus")
        assert "niet actief" in refused(error)["client"][0]
        assert not Deployment.objects.exists()

    def test_closed_file_takes_finished_history(
        self, klantmanager_velsen: User
    ) -> None:
        closed = make_client(klantmanager_velsen, status=Client.Status.OUTFLOWED)
        trajectory = TrajectoryFactory.create(
            client=closed, start_date=date(2020, 1, 6), planned_end_date=None
        )
        past = deploy(
            klantmanager_velsen,
            closed,
            "taalcursus",
            trajectory=trajectory,
            start_date=date(2020, 2, 1),
            end_date=date(2020, 6, 30),
            status=DeploymentStatus.ENDED,
        )
        assert past.pk
        with pytest.raises(ValidationError):  # still running: refused
            deploy(
                klantmanager_velsen,
                closed,
                "taalcursus",
                start_date=date(2026, 8, 1),
                end_date=date(2026, 9, 30),
                status=DeploymentStatus.ENDED,
            )

    @pytest.mark.parametrize("persona", ["werkmakelaar", "klantmanager_beverwijk"])
    def test_who_may_not_is_not_found(
        self, request: pytest.FixtureRequest, persona: str, group_2: Client
    ) -> None:
        with pytest.raises(NotFound):
            deploy(request.getfixturevalue(persona), group_2, "taalcursus")
        assert not Deployment.objects.exists()

    def test_partner_system_of_the_municipality(
        self, make_partner: Any, velsen: Any, group_2: Client
    ) -> None:
        partner, _ = make_partner(
            scopes=["inzetten.schrijven"], municipalities=[velsen]
        )
        deployment = deploy(partner.user, group_2, "taalcursus")
        [event] = events("deployment_created")
        assert event.partner_id == partner.pk
        assert deployment.pk is not None


class TestUpdate:
    @pytest.fixture
    def deployment(self, group_2: Client) -> Deployment:
        return DeploymentFactory.create(
            client=group_2,
            instrument=instrument("jobcoaching"),
            rate=Decimal("65.00"),
            units=Decimal("10"),
        )

    def test_rate_and_units_recompute_the_total(
        self, klantmanager_velsen: User, deployment: Deployment
    ) -> None:
        updated = services.deployment_update(
            user=klantmanager_velsen,
            deployment=deployment,
            expected_version=1,
            units=Decimal("20"),
        )
        assert updated.total_cost == Decimal("1300.00")
        assert updated.version == 2
        [event] = events("updated")
        assert event.changes["total_cost"] == ["650", "1300"]
        assert event.client_id == deployment.client_id

    def test_cancel(self, klantmanager_velsen: User, deployment: Deployment) -> None:
        cancelled = services.deployment_update(
            user=klantmanager_velsen,
            deployment=deployment,
            expected_version=1,
            status=DeploymentStatus.CANCELLED,
        )
        assert not Deployment.objects.committing().filter(pk=cancelled.pk).exists()
        assert events("updated")[0].summary == "Inzet geannuleerd"

    def test_stop_early_with_the_actual_end(
        self, klantmanager_velsen: User, deployment: Deployment
    ) -> None:
        stopped = services.deployment_update(
            user=klantmanager_velsen,
            deployment=deployment,
            expected_version=1,
            status=DeploymentStatus.ENDED,
            end_date=date(2026, 3, 15),
        )
        assert (stopped.status, stopped.end_date) == ("beeindigd", date(2026, 3, 15))

    def test_a_final_status_stays(
        self, klantmanager_velsen: User, deployment: Deployment
    ) -> None:
        services.deployment_update(
            user=klantmanager_velsen,
            deployment=deployment,
            expected_version=1,
            status=DeploymentStatus.CANCELLED,
        )
        with pytest.raises(ValidationError) as error:
            services.deployment_update(
                user=klantmanager_velsen,
                deployment=deployment,
                expected_version=2,
                status=DeploymentStatus.RUNNING,
            )
        assert refused(error)["status"] == [
            "Een inzet met status geannuleerd kan niet naar lopend."
        ]

    def test_too_long_after_a_change_refused(
        self, klantmanager_velsen: User, deployment: Deployment
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.deployment_update(
                user=klantmanager_velsen,
                deployment=deployment,
                expected_version=1,
                end_date=date(2029, 3, 1),  # jobcoaching: at most 36 months
            )
        assert "hoogstens 36 maanden" in refused(error)["end_date"][0]
        deployment.refresh_from_db()
        assert deployment.version == 1

    def test_stale_version_refused_and_nothing_stored(
        self, klantmanager_velsen: User, deployment: Deployment
    ) -> None:
        services.deployment_update(
            user=klantmanager_velsen,
            deployment=deployment,
            expected_version=1,
            note="A",
        )
        with pytest.raises(ValidationError) as error:
            services.deployment_update(
                user=klantmanager_velsen,
                deployment=deployment,
                expected_version=1,
                note="B",
            )
        assert "version" in refused(error)
        deployment.refresh_from_db()
        assert (deployment.note, deployment.version) == ("A", 2)

    def test_closed_file_may_only_stop_or_cancel(
        self, klantmanager_velsen: User, deployment: Deployment
    ) -> None:
        Client.objects.filter(pk=deployment.client_id).update(
            status=Client.Status.OUTFLOWED
        )
        with pytest.raises(ValidationError):
            services.deployment_update(
                user=klantmanager_velsen,
                deployment=deployment,
                expected_version=1,
                units=Decimal("40"),
            )
        cancelled = services.deployment_update(
            user=klantmanager_velsen,
            deployment=deployment,
            expected_version=1,
            status=DeploymentStatus.CANCELLED,
        )
        assert cancelled.status == DeploymentStatus.CANCELLED

    @pytest.mark.parametrize("persona", ["werkmakelaar", "klantmanager_beverwijk"])
    def test_who_may_not_is_not_found(
        self, request: pytest.FixtureRequest, persona: str, deployment: Deployment
    ) -> None:
        with pytest.raises(NotFound):
            services.deployment_update(
                user=request.getfixturevalue(persona),
                deployment=deployment,
                expected_version=1,
                note="X",
            )


def test_instrument_factory_defaults_are_eligible(group_2: Client) -> None:
    made: Instrument = InstrumentFactory.create()
    assert services.deployment_eligibility(client=group_2, instrument=made) == {}
