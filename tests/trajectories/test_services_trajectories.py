"""Trajectory services: rules, scoping, versions, the audit trail and the ladder task."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from django.core.exceptions import ValidationError

from clients.models import Client
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.domain import NotFound
from ijmondwerkt.inbox.models import Task
from tests.trajectories.factories import (
    DeploymentFactory,
    ProviderFactory,
    TrajectoryFactory,
    trajectory_end_reason,
)
from tests.trajectories.servicekit import _today, events, make_client, refused  # noqa: F401
from trajectories import services
from trajectories.models import Deployment, DeploymentStatus, Trajectory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_file(klantmanager_velsen: User) -> Client:
    return make_client(klantmanager_velsen, first_name="Piet")


def create(user: User, client: Client, **overrides: Any) -> Trajectory:
    data: dict[str, Any] = {
        "kind": Trajectory.Kind.REINTEGRATION,
        "start_date": date(2026, 3, 2),
        "planned_end_date": date(2026, 12, 31),
        "goals": "Werkfit worden",
    }
    data.update(overrides)
    return services.trajectory_create(user=user, client=client, **data)


class TestCreate:
    def test_starts_with_an_audit_event_on_the_file(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        provider = ProviderFactory.create(name="Werkfit B.V.")
        trajectory = create(klantmanager_velsen, client_file, provider=provider)
        assert trajectory.klantmanager == klantmanager_velsen
        assert trajectory.is_open and trajectory.version == 1
        [event] = events("trajectory_created")
        assert event.client_id == client_file.pk
        assert event.user_id == klantmanager_velsen.pk
        assert event.changes["provider"] == [None, "Werkfit B.V."]
        assert event.changes["start_date"] == [None, "2026-03-02"]

    def test_several_may_run_at_once(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        create(klantmanager_velsen, client_file)
        create(klantmanager_velsen, client_file, kind=Trajectory.Kind.ACTIVATION)
        assert Trajectory.objects.running_on(date(2026, 4, 1)).count() == 2

    def test_past_history_with_its_end(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(
            klantmanager_velsen,
            client_file,
            start_date=date(2019, 2, 1),
            planned_end_date=None,
            end_date=date(2019, 8, 31),
            end_reason=trajectory_end_reason("einde-zonder-plaatsing"),
        )
        assert not trajectory.is_open
        assert not Task.objects.exists()  # history asks for no measurement

    def test_partner_system_registers_history_of_a_closed_file(
        self, make_partner: Any, velsen: Municipality, klantmanager_velsen: User
    ) -> None:
        partner, _ = make_partner(
            scopes=["trajecten.schrijven"], municipalities=[velsen]
        )
        closed = make_client(klantmanager_velsen, status=Client.Status.OUTFLOWED)
        trajectory = create(
            partner.user,
            closed,
            start_date=date(2020, 1, 6),
            planned_end_date=None,
            end_date=date(2020, 12, 31),
            end_reason=trajectory_end_reason(),
        )
        # The partner acts as its technical user; the client's klantmanager leads.
        assert trajectory.klantmanager == klantmanager_velsen
        [event] = events("trajectory_created")
        assert (event.user_id, event.partner_id) == (partner.user_id, partner.pk)

    def test_no_running_trajectory_for_a_closed_file(
        self, klantmanager_velsen: User
    ) -> None:
        closed = make_client(klantmanager_velsen, status=Client.Status.OUTFLOWED)
        with pytest.raises(ValidationError) as error:
            create(klantmanager_velsen, closed)
        assert "niet actief" in refused(error)["client"][0]
        assert not Trajectory.objects.exists() and not events()

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"end_date": date(2026, 3, 1), "end_reason": "reason"},
                "end_date",
                "De einddatum ligt vóór de startdatum.",
            ),
            (
                {"planned_end_date": date(2026, 1, 1)},
                "planned_end_date",
                "De einddatum ligt vóór de startdatum.",
            ),
            (
                {"end_reason": "reason"},
                "end_date",
                "Bij een reden einde hoort een einddatum.",
            ),
            (
                {"end_date": date(2026, 6, 1)},
                "end_reason",
                "Bij een einddatum hoort een reden einde.",
            ),
            (
                {"end_date": date(2026, 9, 2), "end_reason": "reason"},
                "end_date",
                "Deze datum ligt in de toekomst.",
            ),
        ],
    )
    def test_refused_dates(
        self,
        klantmanager_velsen: User,
        client_file: Client,
        overrides: dict[str, Any],
        field: str,
        message: str,
    ) -> None:
        if overrides.get("end_reason") == "reason":
            overrides["end_reason"] = trajectory_end_reason()
        with pytest.raises(ValidationError) as error:
            create(klantmanager_velsen, client_file, **overrides)
        assert refused(error)[field] == [message]
        assert not Trajectory.objects.exists() and not events()

    def test_inactive_provider_refused(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        provider = ProviderFactory.create(active=False)
        with pytest.raises(ValidationError) as error:
            create(klantmanager_velsen, client_file, provider=provider)
        assert "niet meer actief" in refused(error)["provider"][0]

    def test_klantmanager_of_another_municipality_is_refused(
        self,
        klantmanager_velsen: User,
        klantmanager_beverwijk: User,
        client_file: Client,
    ) -> None:
        with pytest.raises(ValidationError) as error:
            create(
                klantmanager_velsen, client_file, klantmanager=klantmanager_beverwijk
            )
        assert "geen klantmanager" in refused(error)["klantmanager"][0]

    @pytest.mark.parametrize(
        "persona", ["werkmakelaar", "klantmanager_beverwijk", "manager", "beheerder"]
    )
    def test_who_may_not_is_not_found(
        self, request: pytest.FixtureRequest, persona: str, client_file: Client
    ) -> None:
        user = request.getfixturevalue(persona)
        with pytest.raises(NotFound):
            create(user, client_file)
        assert not Trajectory.objects.exists() and not events()

    def test_partner_of_another_municipality_is_not_found(
        self, make_partner: Any, beverwijk: Municipality, client_file: Client
    ) -> None:
        partner, _ = make_partner(
            scopes=["trajecten.schrijven"], municipalities=[beverwijk]
        )
        with pytest.raises(NotFound):
            create(partner.user, client_file)


class TestUpdate:
    def test_changes_with_a_new_version_and_the_old_and_new_values(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        updated = services.trajectory_update(
            user=klantmanager_velsen,
            trajectory=trajectory,
            expected_version=1,
            goals="Vrachtwagenrijbewijs halen",
            planned_end_date=date(2027, 3, 1),
        )
        assert updated.version == 2
        [event] = events("updated")
        assert event.client_id == client_file.pk
        assert event.changes["goals"] == [
            "Werkfit worden",
            "Vrachtwagenrijbewijs halen",
        ]
        assert event.changes["planned_end_date"] == ["2026-12-31", "2027-03-01"]

    def test_stale_version_is_refused_and_stores_nothing(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        services.trajectory_update(
            user=klantmanager_velsen,
            trajectory=trajectory,
            expected_version=1,
            goals="A",
        )
        with pytest.raises(ValidationError) as error:
            services.trajectory_update(
                user=klantmanager_velsen,
                trajectory=trajectory,
                expected_version=1,
                goals="B",
            )
        assert "intussen gewijzigd door Klantmanager" in refused(error)["version"][0]
        trajectory.refresh_from_db()
        assert (trajectory.goals, trajectory.version) == ("A", 2)
        assert len(events("updated")) == 1

    def test_start_after_a_deployment_is_refused(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        DeploymentFactory.create(
            client=client_file, trajectory=trajectory, start_date=date(2026, 3, 2)
        )
        with pytest.raises(ValidationError) as error:
            services.trajectory_update(
                user=klantmanager_velsen,
                trajectory=trajectory,
                expected_version=1,
                start_date=date(2026, 4, 1),
            )
        assert "vóór deze startdatum" in refused(error)["start_date"][0]

    def test_an_earlier_end_stops_the_deployments_after_it(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = TrajectoryFactory.create(client=client_file, ended=True)
        deployment = DeploymentFactory.create(
            client=client_file,
            trajectory=trajectory,
            start_date=date(2026, 3, 1),
            end_date=date(2026, 6, 30),
        )
        services.trajectory_update(
            user=klantmanager_velsen,
            trajectory=trajectory,
            expected_version=1,
            end_date=date(2026, 5, 15),
        )
        deployment.refresh_from_db()
        assert (deployment.end_date, deployment.status) == (
            date(2026, 5, 15),
            DeploymentStatus.ENDED,
        )
        assert not Task.objects.exists()  # it had ended already: no new question

    def test_nothing_changed_stores_nothing(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        same = services.trajectory_update(
            user=klantmanager_velsen,
            trajectory=trajectory,
            expected_version=1,
            goals="Werkfit worden",
        )
        assert same.version == 1 and not events("updated")

    def test_unknown_field_is_a_programming_error(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        with pytest.raises(TypeError):
            services.trajectory_update(
                user=klantmanager_velsen,
                trajectory=trajectory,
                expected_version=1,
                client=client_file,
            )

    def test_closed_file_refuses_changes_to_a_running_trajectory(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        Client.objects.filter(pk=client_file.pk).update(status=Client.Status.OUTFLOWED)
        with pytest.raises(ValidationError) as error:
            services.trajectory_update(
                user=klantmanager_velsen,
                trajectory=trajectory,
                expected_version=1,
                goals="X",
            )
        assert "niet actief" in refused(error)["client"][0]

    @pytest.mark.parametrize("persona", ["werkmakelaar", "klantmanager_beverwijk"])
    def test_who_may_not_is_not_found(
        self,
        request: pytest.FixtureRequest,
        persona: str,
        klantmanager_velsen: User,
        client_file: Client,
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        with pytest.raises(NotFound):
            services.trajectory_update(
                user=request.getfixturevalue(persona),
                trajectory=trajectory,
                expected_version=1,
                goals="X",
            )
        trajectory.refresh_from_db()
        assert trajectory.version == 1


class TestEnd:
    def test_end_asks_the_klantmanager_for_a_ladder_measurement(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        ended = services.trajectory_end(
            user=klantmanager_velsen,
            trajectory=trajectory,
            expected_version=1,
            end_date=date(2026, 8, 31),
            end_reason=trajectory_end_reason(),
        )
        assert (ended.end_date, ended.version) == (date(2026, 8, 31), 2)
        [task] = Task.objects.all()
        assert task.assignee == klantmanager_velsen
        assert task.client == client_file
        assert task.kind == services.LADDER_TASK_KIND
        assert task.dedupe_key == f"traject-einde:{trajectory.uuid}"
        assert "participatieladder" in task.title
        [event] = events("trajectory_ended")
        assert event.changes["end_date"] == [None, "2026-08-31"]
        assert event.client_id == client_file.pk

    def test_the_task_goes_to_the_trajectory_klantmanager(
        self, klantmanager_velsen: User, client_file: Client, velsen: Municipality
    ) -> None:
        from ijmondwerkt.accounts.roles import Role
        from tests.conftest import make_staff

        colleague = make_staff("begeleider_velsen", Role.KLANTMANAGER, [velsen])
        trajectory = create(klantmanager_velsen, client_file, klantmanager=colleague)
        services.trajectory_end(
            user=klantmanager_velsen,
            trajectory=trajectory,
            expected_version=1,
            end_date=date(2026, 8, 31),
            end_reason=trajectory_end_reason(),
        )
        assert Task.objects.get().assignee == colleague

    def test_ending_through_an_update_asks_once(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        services.trajectory_update(
            user=klantmanager_velsen,
            trajectory=trajectory,
            expected_version=1,
            end_date=date(2026, 8, 1),
            end_reason=trajectory_end_reason(),
        )
        services.trajectory_update(
            user=klantmanager_velsen,
            trajectory=trajectory,
            expected_version=2,
            end_date=date(2026, 8, 2),
        )
        assert Task.objects.count() == 1

    def test_running_deployments_stop_with_the_trajectory(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        running = DeploymentFactory.create(
            client=client_file,
            trajectory=trajectory,
            start_date=date(2026, 4, 1),
            end_date=date(2026, 9, 30),
        )
        later = DeploymentFactory.create(
            client=client_file,
            trajectory=trajectory,
            start_date=date(2026, 9, 1),
            end_date=date(2026, 10, 31),
            status=DeploymentStatus.REQUESTED,
        )
        done = DeploymentFactory.create(
            client=client_file,
            trajectory=trajectory,
            start_date=date(2026, 4, 1),
            end_date=date(2026, 5, 31),
        )
        services.trajectory_end(
            user=klantmanager_velsen,
            trajectory=trajectory,
            expected_version=1,
            end_date=date(2026, 8, 31),
            end_reason=trajectory_end_reason(),
        )
        running.refresh_from_db()
        later.refresh_from_db()
        done.refresh_from_db()
        assert (running.status, running.end_date) == (
            DeploymentStatus.ENDED,
            date(2026, 8, 31),
        )
        assert later.status == DeploymentStatus.CANCELLED
        assert (done.status, done.version) == (DeploymentStatus.RUNNING, 1)
        assert {e.object_id for e in events("updated")} == {
            str(running.pk),
            str(later.pk),
        }

    def test_end_needs_a_reason_and_stores_nothing_without(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        with pytest.raises(ValidationError) as error:
            services.trajectory_end(
                user=klantmanager_velsen,
                trajectory=trajectory,
                expected_version=1,
                end_date=date(2026, 8, 31),
                end_reason=None,
            )
        assert refused(error)["end_reason"] == ["Kies een reden einde."]
        trajectory.refresh_from_db()
        assert trajectory.end_date is None and not Task.objects.exists()

    @pytest.mark.parametrize(
        ("end", "message"),
        [
            (date(2026, 3, 1), "De einddatum ligt vóór de startdatum."),
            (date(2026, 9, 2), "Deze datum ligt in de toekomst."),
        ],
    )
    def test_refused_end_dates(
        self, klantmanager_velsen: User, client_file: Client, end: date, message: str
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        with pytest.raises(ValidationError) as error:
            services.trajectory_end(
                user=klantmanager_velsen,
                trajectory=trajectory,
                expected_version=1,
                end_date=end,
                end_reason=trajectory_end_reason(),
            )
        assert refused(error)["end_date"] == [message]
        assert not Task.objects.exists() and not events("trajectory_ended")

    def test_ended_once(self, klantmanager_velsen: User, client_file: Client) -> None:
        trajectory = TrajectoryFactory.create(client=client_file, ended=True)
        with pytest.raises(ValidationError) as error:
            services.trajectory_end(
                user=klantmanager_velsen,
                trajectory=trajectory,
                expected_version=1,
                end_date=date(2026, 8, 31),
                end_reason=trajectory_end_reason(),
            )
        assert "al beëindigd op 30-06-2026" in refused(error)["end_date"][0]

    def test_stale_version_is_refused(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        with pytest.raises(ValidationError) as error:
            services.trajectory_end(
                user=klantmanager_velsen,
                trajectory=trajectory,
                expected_version=7,
                end_date=date(2026, 8, 31),
                end_reason=trajectory_end_reason(),
            )
        assert "version" in refused(error)
        assert not Task.objects.exists()

    def test_a_closed_file_can_still_end_its_trajectory(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        Client.objects.filter(pk=client_file.pk).update(status=Client.Status.OUTFLOWED)
        ended = services.trajectory_end(
            user=klantmanager_velsen,
            trajectory=trajectory,
            expected_version=1,
            end_date=date(2026, 8, 31),
            end_reason=trajectory_end_reason(),
        )
        assert ended.end_date == date(2026, 8, 31)

    def test_werkmakelaar_is_not_found(
        self, klantmanager_velsen: User, werkmakelaar: User, client_file: Client
    ) -> None:
        trajectory = create(klantmanager_velsen, client_file)
        with pytest.raises(NotFound):
            services.trajectory_end(
                user=werkmakelaar,
                trajectory=trajectory,
                expected_version=1,
                end_date=date(2026, 8, 31),
                end_reason=trajectory_end_reason(),
            )
        assert not Deployment.objects.exists() and not Task.objects.exists()
