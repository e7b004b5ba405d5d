"""Placement services: follow-ups, trial length, the hired proposal, suggestions, scoping."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from django.core.exceptions import ValidationError

from clients.models import Client
from employers.models import Proposal, ProposalStatus, Vacancy
from ijmondwerkt.accounts.models import User
from ijmondwerkt.domain import NotFound
from ijmondwerkt.inbox.models import Task
from tests.employers.factories import EmployerFactory, ProposalFactory, VacancyFactory
from tests.trajectories.factories import (
    PlacementFactory,
    TrajectoryFactory,
    placement_end_reason,
    placement_kind,
)
from tests.trajectories.servicekit import _today, events, make_client, refused  # noqa: F401
from trajectories import services
from trajectories.models import FollowUp, FollowUpOutcome, Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_file(klantmanager_velsen: User) -> Client:
    return make_client(klantmanager_velsen, first_name="Piet")


def place(user: User, client: Client, **overrides: Any) -> Placement:
    data: dict[str, Any] = {
        "employer": overrides.pop("employer", None) or EmployerFactory.create(),
        "kind": placement_kind("regulier"),
        "job_title": "Lasser",
        "start_date": date(2026, 3, 2),
        "hours_per_week": Decimal("36"),
    }
    data.update(overrides)
    return services.placement_create(user=user, client=client, **data)


class TestCreate:
    def test_plans_the_four_follow_ups(
        self, werkmakelaar: User, client_file: Client
    ) -> None:
        placement = place(werkmakelaar, client_file, start_date=date(2026, 1, 31))
        moments = [(f.months, f.due_date) for f in placement.follow_ups.all()]
        assert moments == [
            (1, date(2026, 2, 28)),
            (3, date(2026, 4, 30)),
            (6, date(2026, 7, 31)),
            (12, date(2027, 1, 31)),
        ]
        assert placement.registered_by == werkmakelaar
        [event] = events("placement_registered")
        assert event.client_id == client_file.pk
        assert event.user_id == werkmakelaar.pk
        assert event.changes["job_title"] == [None, "Lasser"]

    def test_the_klantmanager_is_asked_to_confirm(
        self, werkmakelaar: User, client_file: Client, klantmanager_velsen: User
    ) -> None:
        placement = place(werkmakelaar, client_file)
        [task] = Task.objects.all()
        assert task.assignee == klantmanager_velsen and task.client == client_file
        assert task.kind == services.PLACEMENT_TASK_KIND
        assert task.dedupe_key == f"plaatsing-start:{placement.uuid}"
        assert task.link == placement.get_absolute_url()
        assert "bevestig de ladder-meting en de uitstroom" in task.title

    def test_no_task_for_the_klantmanager_who_registers_it(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        place(klantmanager_velsen, client_file)
        assert not Task.objects.exists()

    def test_klantmanager_may_register_too(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        trajectory = TrajectoryFactory.create(client=client_file)
        placement = place(klantmanager_velsen, client_file, trajectory=trajectory)
        assert placement.trajectory == trajectory

    def test_trial_gets_its_longest_end(
        self, werkmakelaar: User, client_file: Client
    ) -> None:
        placement = place(
            werkmakelaar, client_file, kind=placement_kind("proefplaatsing")
        )
        assert placement.trial_end_date == date(2026, 5, 1)

    @pytest.mark.parametrize("field", ["trial_end_date", "end_date"])
    def test_trial_longer_than_two_months_refused(
        self, werkmakelaar: User, client_file: Client, field: str
    ) -> None:
        overrides: dict[str, Any] = {field: date(2026, 5, 2)}
        if field == "end_date":
            overrides["end_reason"] = placement_end_reason("einde-proefplaatsing")
        with pytest.raises(ValidationError) as error:
            place(
                werkmakelaar,
                client_file,
                kind=placement_kind("proefplaatsing"),
                **overrides,
            )
        assert refused(error)[field] == [
            "Een proefplaatsing duurt hoogstens 2 maanden: uiterlijk tot en met "
            "01-05-2026."
        ]
        assert not Placement.objects.exists() and not FollowUp.objects.exists()
        assert not events()

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"end_date": date(2026, 3, 1), "end_reason": True},
                "end_date",
                "De einddatum ligt vóór de startdatum.",
            ),
            (
                {"end_reason": True},
                "end_date",
                "Bij een reden einde hoort een einddatum.",
            ),
            (
                {"end_date": date(2026, 6, 30)},
                "end_reason",
                "Bij een einddatum hoort een reden einde.",
            ),
            (
                {"trial_end_date": date(2026, 3, 1)},
                "trial_end_date",
                "Het einde van de proefplaatsing ligt vóór de startdatum.",
            ),
            (
                {"kind": "werkervaringsplaats", "wage_cost_subsidy": True},
                "wage_cost_subsidy",
                "Loonkostensubsidie hoort bij betaald werk; werkervaringsplaats is "
                "onbetaald.",
            ),
        ],
    )
    def test_refused(
        self,
        werkmakelaar: User,
        client_file: Client,
        overrides: dict[str, Any],
        field: str,
        message: str,
    ) -> None:
        if overrides.get("end_reason"):
            overrides["end_reason"] = placement_end_reason()
        if "kind" in overrides:
            overrides["kind"] = placement_kind(overrides["kind"])
        with pytest.raises(ValidationError) as error:
            place(werkmakelaar, client_file, **overrides)
        assert refused(error)[field] == [message]
        assert not Placement.objects.exists() and not FollowUp.objects.exists()

    def test_closed_file_refused(
        self, werkmakelaar: User, klantmanager_velsen: User
    ) -> None:
        closed = make_client(klantmanager_velsen, status=Client.Status.OUTFLOWED)
        with pytest.raises(ValidationError) as error:
            place(werkmakelaar, closed)
        assert "niet actief (status: uitgestroomd)" in refused(error)["client"][0]
        assert not Placement.objects.exists() and not FollowUp.objects.exists()

    def test_archived_employer_refused(
        self, werkmakelaar: User, client_file: Client
    ) -> None:
        with pytest.raises(ValidationError) as error:
            place(
                werkmakelaar,
                client_file,
                employer=EmployerFactory.create(archived=True),
            )
        assert "gearchiveerd" in refused(error)["employer"][0]

    def test_vacancy_of_another_employer_refused(
        self, werkmakelaar: User, client_file: Client
    ) -> None:
        with pytest.raises(ValidationError) as error:
            place(werkmakelaar, client_file, vacancy=VacancyFactory.create())
        assert refused(error)["vacancy"] == [
            "Deze vacature hoort bij een andere werkgever."
        ]

    def test_proposal_not_hired_refused(
        self, werkmakelaar: User, client_file: Client
    ) -> None:
        proposal = ProposalFactory.create(client=client_file, proposed_by=werkmakelaar)
        with pytest.raises(ValidationError) as error:
            place(
                werkmakelaar,
                client_file,
                employer=proposal.vacancy.employer,
                proposal=proposal,
            )
        assert "aangenomen" in refused(error)["proposal"][0]

    def test_trajectory_of_another_client_refused(
        self, werkmakelaar: User, client_file: Client, klantmanager_velsen: User
    ) -> None:
        other = TrajectoryFactory.create(client=make_client(klantmanager_velsen))
        with pytest.raises(ValidationError) as error:
            place(werkmakelaar, client_file, trajectory=other)
        assert refused(error)["trajectory"] == [
            "Dit traject hoort bij een andere werkzoekende."
        ]

    @pytest.mark.parametrize(
        "persona", ["klantmanager_beverwijk", "manager", "beheerder", "privacy_officer"]
    )
    def test_who_may_not_is_not_found(
        self, request: pytest.FixtureRequest, persona: str, client_file: Client
    ) -> None:
        with pytest.raises(NotFound):
            place(request.getfixturevalue(persona), client_file)
        assert not Placement.objects.exists()


class TestProposalHire:
    @pytest.fixture
    def proposal(self, client_file: Client, werkmakelaar: User) -> Proposal:
        vacancy = VacancyFactory.create(
            title="Lasser", hours_per_week=Decimal("32"), close_date=None
        )
        return ProposalFactory.create(
            client=client_file, vacancy=vacancy, proposed_by=werkmakelaar
        )

    def test_defaults_from_the_vacancy(self, proposal: Proposal) -> None:
        defaults = services.placement_defaults_from_proposal(proposal)
        assert defaults["job_title"] == "Lasser"
        assert defaults["hours_per_week"] == Decimal("32")
        assert defaults["employer"] == proposal.vacancy.employer
        assert defaults["kind"] == placement_kind("regulier")
        assert defaults["client"] == proposal.client

    def test_hire_and_place_in_one_step(
        self, werkmakelaar: User, proposal: Proposal
    ) -> None:
        hired, placement = services.proposal_hire(
            user=werkmakelaar,
            proposal=proposal,
            expected_version=proposal.version,
            decided_on=date(2026, 3, 20),
            placement={"start_date": date(2026, 4, 1), "wage_per_hour": Decimal("16")},
        )
        assert hired.status == ProposalStatus.HIRED
        assert hired.decided_on == date(2026, 3, 20)
        assert placement is not None
        assert placement.proposal == hired
        assert placement.vacancy == proposal.vacancy
        assert placement.job_title == "Lasser"
        assert placement.start_date == date(2026, 4, 1)
        assert placement.follow_ups.count() == 4
        vacancy = Vacancy.objects.get(pk=proposal.vacancy_id)
        assert vacancy.status == Vacancy.Status.FILLED  # its one place is taken
        assert events("proposal_advanced", app="employers")
        assert events("placement_registered")

    def test_hire_without_placement(
        self, werkmakelaar: User, proposal: Proposal
    ) -> None:
        hired, placement = services.proposal_hire(
            user=werkmakelaar,
            proposal=proposal,
            expected_version=proposal.version,
            decided_on=date(2026, 3, 20),
            placement=None,
        )
        assert hired.status == ProposalStatus.HIRED and placement is None
        assert not Placement.objects.exists()

    def test_a_refused_placement_leaves_the_proposal_as_it_was(
        self, werkmakelaar: User, proposal: Proposal
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.proposal_hire(
                user=werkmakelaar,
                proposal=proposal,
                expected_version=proposal.version,
                decided_on=date(2026, 3, 20),
                placement={
                    "kind": placement_kind("proefplaatsing"),
                    "trial_end_date": date(2026, 8, 1),
                },
            )
        assert "hoogstens 2 maanden" in refused(error)["trial_end_date"][0]
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.PROPOSED
        assert proposal.version == 1 and proposal.decided_on is None
        assert Vacancy.objects.get(pk=proposal.vacancy_id).is_open
        assert not Placement.objects.exists()
        assert not events(app="employers") and not events()

    def test_stale_proposal_refused(
        self, werkmakelaar: User, proposal: Proposal
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.proposal_hire(
                user=werkmakelaar,
                proposal=proposal,
                expected_version=proposal.version + 1,
                decided_on=date(2026, 3, 20),
                placement={},
            )
        assert "version" in refused(error)
        assert not Placement.objects.exists()

    def test_a_second_placement_for_one_proposal_refused(
        self, werkmakelaar: User, proposal: Proposal
    ) -> None:
        hired, placement = services.proposal_hire(
            user=werkmakelaar,
            proposal=proposal,
            expected_version=1,
            decided_on=date(2026, 3, 20),
            placement={},
        )
        with pytest.raises(ValidationError) as error:
            place(
                werkmakelaar,
                proposal.client,
                employer=proposal.vacancy.employer,
                proposal=hired,
            )
        assert "al een plaatsing" in refused(error)["proposal"][0]

    def test_klantmanager_of_another_municipality_is_not_found(
        self, klantmanager_beverwijk: User, proposal: Proposal
    ) -> None:
        with pytest.raises(NotFound):
            services.proposal_hire(
                user=klantmanager_beverwijk,
                proposal=proposal,
                expected_version=1,
                decided_on=date(2026, 3, 20),
                placement={},
            )
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.PROPOSED


class TestUpdateAndEnd:
    @pytest.fixture
    def placement(self, werkmakelaar: User, client_file: Client) -> Placement:
        return place(werkmakelaar, client_file)

    def test_new_start_moves_the_open_follow_ups(
        self, werkmakelaar: User, placement: Placement
    ) -> None:
        first = placement.follow_ups.get(months=1)
        services.follow_up_record(
            user=werkmakelaar,
            follow_up=first,
            expected_version=1,
            held_on=date(2026, 4, 2),
            outcome=FollowUpOutcome.STILL_WORKING,
        )
        updated = services.placement_update(
            user=werkmakelaar,
            placement=placement,
            expected_version=1,
            start_date=date(2026, 3, 16),
        )
        assert updated.version == 2
        dues = dict(updated.follow_ups.values_list("months", "due_date"))
        assert dues == {
            1: date(2026, 4, 2),  # held: stays as it was
            3: date(2026, 6, 16),
            6: date(2026, 9, 16),
            12: date(2027, 3, 16),
        }
        placement_events = [
            e for e in events("updated") if e.object_repr.startswith("Lasser")
        ]
        [event] = placement_events
        assert event.changes["start_date"] == ["2026-03-02", "2026-03-16"]
        # The three moved follow-ups are in the audit trail as well.
        assert len(events("updated")) == 4

    def test_stale_version_refused_and_nothing_stored(
        self, werkmakelaar: User, placement: Placement
    ) -> None:
        services.placement_update(
            user=werkmakelaar, placement=placement, expected_version=1, job_title="A"
        )
        with pytest.raises(ValidationError) as error:
            services.placement_update(
                user=werkmakelaar,
                placement=placement,
                expected_version=1,
                job_title="B",
            )
        assert "intussen gewijzigd door Werkmakelaar" in refused(error)["version"][0]
        placement.refresh_from_db()
        assert (placement.job_title, placement.version) == ("A", 2)

    def test_trial_made_too_long_refused(
        self, werkmakelaar: User, client_file: Client
    ) -> None:
        trial = place(werkmakelaar, client_file, kind=placement_kind("proefplaatsing"))
        with pytest.raises(ValidationError) as error:
            services.placement_update(
                user=werkmakelaar,
                placement=trial,
                expected_version=1,
                trial_end_date=date(2026, 6, 1),
            )
        assert "hoogstens 2 maanden" in refused(error)["trial_end_date"][0]

    def test_end(self, werkmakelaar: User, placement: Placement) -> None:
        ended = services.placement_end(
            user=werkmakelaar,
            placement=placement,
            expected_version=1,
            end_date=date(2026, 8, 31),
            end_reason=placement_end_reason("ander-werk"),
        )
        assert ended.end_date == date(2026, 8, 31) and ended.version == 2
        [event] = events("placement_ended")
        assert event.changes["end_reason"] == [None, "Ander werk gevonden"]
        assert not FollowUp.objects.due_by(date(2027, 12, 31)).exists()

    def test_end_once(self, werkmakelaar: User, placement: Placement) -> None:
        services.placement_end(
            user=werkmakelaar,
            placement=placement,
            expected_version=1,
            end_date=date(2026, 8, 31),
            end_reason=placement_end_reason(),
        )
        with pytest.raises(ValidationError) as error:
            services.placement_end(
                user=werkmakelaar,
                placement=placement,
                expected_version=2,
                end_date=date(2026, 9, 1),
                end_reason=placement_end_reason(),
            )
        assert "al beëindigd op 31-08-2026" in refused(error)["end_date"][0]

    def test_end_before_start_refused(
        self, werkmakelaar: User, placement: Placement
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.placement_end(
                user=werkmakelaar,
                placement=placement,
                expected_version=1,
                end_date=date(2026, 3, 1),
                end_reason=placement_end_reason(),
            )
        assert refused(error)["end_date"] == ["De einddatum ligt vóór de startdatum."]
        placement.refresh_from_db()
        assert placement.end_date is None and placement.version == 1

    def test_end_needs_a_reason(self, werkmakelaar: User, placement: Placement) -> None:
        with pytest.raises(ValidationError) as error:
            services.placement_end(
                user=werkmakelaar,
                placement=placement,
                expected_version=1,
                end_date=date(2026, 8, 31),
                end_reason=None,
            )
        assert refused(error)["end_reason"] == ["Kies een reden einde."]

    def test_a_closed_file_can_end_its_placement(
        self, werkmakelaar: User, placement: Placement
    ) -> None:
        Client.objects.filter(pk=placement.client_id).update(
            status=Client.Status.OUTFLOWED
        )
        with pytest.raises(ValidationError):
            services.placement_update(
                user=werkmakelaar,
                placement=placement,
                expected_version=1,
                hours_per_week=Decimal("20"),
            )
        ended = services.placement_end(
            user=werkmakelaar,
            placement=placement,
            expected_version=1,
            end_date=date(2026, 8, 31),
            end_reason=placement_end_reason(),
        )
        assert ended.end_date == date(2026, 8, 31)

    def test_klantmanager_of_another_municipality_is_not_found(
        self, klantmanager_beverwijk: User, placement: Placement
    ) -> None:
        with pytest.raises(NotFound):
            services.placement_update(
                user=klantmanager_beverwijk,
                placement=placement,
                expected_version=1,
                job_title="X",
            )


class TestFollowUp:
    @pytest.fixture
    def follow_up(self, werkmakelaar: User, client_file: Client) -> FollowUp:
        placement = place(werkmakelaar, client_file)
        return placement.follow_ups.get(months=3)

    def test_record(self, werkmakelaar: User, follow_up: FollowUp) -> None:
        recorded = services.follow_up_record(
            user=werkmakelaar,
            follow_up=follow_up,
            expected_version=1,
            held_on=date(2026, 6, 2),
            outcome=FollowUpOutcome.STILL_WORKING,
            note=" Gaat goed ",
        )
        assert recorded.is_done and recorded.version == 2
        assert (recorded.recorded_by, recorded.note) == (werkmakelaar, "Gaat goed")
        [event] = events("follow_up_recorded")
        assert event.client_id == follow_up.placement.client_id
        assert event.changes["outcome"] == ["", "werkt"]

    def test_after_the_file_closed(
        self, werkmakelaar: User, follow_up: FollowUp
    ) -> None:
        Client.objects.filter(pk=follow_up.placement.client_id).update(
            status=Client.Status.OUTFLOWED
        )
        recorded = services.follow_up_record(
            user=werkmakelaar,
            follow_up=follow_up,
            expected_version=1,
            held_on=date(2026, 6, 2),
            outcome=FollowUpOutcome.STILL_WORKING,
        )
        assert recorded.is_done

    @pytest.mark.parametrize(
        ("held_on", "outcome", "field"),
        [
            (date(2026, 9, 2), "werkt", "held_on"),
            (date(2026, 3, 1), "werkt", "held_on"),
            (date(2026, 6, 2), "", "outcome"),
            (date(2026, 6, 2), "misschien", "outcome"),
        ],
    )
    def test_refused(
        self,
        werkmakelaar: User,
        follow_up: FollowUp,
        held_on: date,
        outcome: str,
        field: str,
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.follow_up_record(
                user=werkmakelaar,
                follow_up=follow_up,
                expected_version=1,
                held_on=held_on,
                outcome=outcome,
            )
        assert field in refused(error)
        follow_up.refresh_from_db()
        assert not follow_up.is_done and follow_up.version == 1

    def test_stale_version_refused(
        self, werkmakelaar: User, klantmanager_velsen: User, follow_up: FollowUp
    ) -> None:
        services.follow_up_record(
            user=klantmanager_velsen,
            follow_up=follow_up,
            expected_version=1,
            held_on=date(2026, 6, 2),
            outcome=FollowUpOutcome.STILL_WORKING,
        )
        with pytest.raises(ValidationError) as error:
            services.follow_up_record(
                user=werkmakelaar,
                follow_up=follow_up,
                expected_version=1,
                held_on=date(2026, 6, 3),
                outcome=FollowUpOutcome.STOPPED,
            )
        assert "version" in refused(error)
        follow_up.refresh_from_db()
        assert follow_up.outcome == FollowUpOutcome.STILL_WORKING

    @pytest.mark.parametrize("persona", ["klantmanager_beverwijk", "manager"])
    def test_who_may_not_is_not_found(
        self, request: pytest.FixtureRequest, persona: str, follow_up: FollowUp
    ) -> None:
        with pytest.raises(NotFound):
            services.follow_up_record(
                user=request.getfixturevalue(persona),
                follow_up=follow_up,
                expected_version=1,
                held_on=date(2026, 6, 2),
                outcome=FollowUpOutcome.STILL_WORKING,
            )


class TestSuggestions:
    @pytest.mark.parametrize(
        ("kind", "subsidy", "supplementary", "step", "ask"),
        [
            ("regulier", False, None, 6, True),
            ("regulier", True, None, 5, True),
            ("regulier", False, True, 5, True),
            ("garantiebaan", True, None, 5, False),
            ("detachering", False, None, 5, False),
            ("werkervaringsplaats", False, None, None, False),
            ("proefplaatsing", False, None, None, False),
        ],
    )
    def test_ladder_step_and_outflow(
        self,
        kind: str,
        subsidy: bool,
        supplementary: bool | None,
        step: int | None,
        ask: bool,
    ) -> None:
        placement = PlacementFactory.build(
            kind=placement_kind(kind), wage_cost_subsidy=subsidy
        )
        suggestions = services.placement_suggestions(
            placement, supplementary_benefit=supplementary
        )
        assert suggestions.ladder_step == step
        assert suggestions.ask_outflow is ask
        assert suggestions.ladder_reason
        assert bool(suggestions.outflow_reason) is ask
        assert suggestions.outflow_reason_code == "werk-loondienst"

    def test_the_outflow_reason_exists(self) -> None:
        from clients.models import OutflowReason

        assert OutflowReason.objects.filter(code=services.OUTFLOW_TO_WORK_CODE).exists()
