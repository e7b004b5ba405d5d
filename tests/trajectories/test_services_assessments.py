"""Wage-value assessment services: the percentage, the next due date, closed files, scoping."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from django.core.exceptions import ValidationError

from clients.models import Client
from ijmondwerkt.accounts.models import User
from ijmondwerkt.domain import NotFound
from tests.trajectories.factories import (
    PlacementFactory,
    WageValueAssessmentFactory,
    assessment_method,
)
from tests.trajectories.servicekit import _today, events, make_client, refused  # noqa: F401
from trajectories import services
from trajectories.models import Placement, WageValueAssessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_file(klantmanager_velsen: User) -> Client:
    return make_client(klantmanager_velsen, target_group=3)


@pytest.fixture
def placement(client_file: Client) -> Placement:
    return PlacementFactory.create(client=client_file, subsidised=True)


def assess(user: User, client: Client, **overrides: Any) -> WageValueAssessment:
    data: dict[str, Any] = {
        "assessed_on": date(2026, 2, 10),
        "method": assessment_method(),
        "assessor": "A. de Vries, arbeidsdeskundige",
        "wage_value": 60,
        "job_description": "Inpakker",
    }
    data.update(overrides)
    return services.assessment_create(user=user, client=client, **data)


class TestCreate:
    def test_next_due_after_twelve_months(
        self, klantmanager_velsen: User, client_file: Client, placement: Placement
    ) -> None:
        assessment = assess(klantmanager_velsen, client_file, placement=placement)
        assert assessment.next_due_date == date(2027, 2, 10)
        [event] = events("assessment_created")
        assert event.client_id == client_file.pk
        assert event.user_id == klantmanager_velsen.pk
        assert event.changes["wage_value"] == [None, 60]

    def test_next_due_follows_the_setting(
        self, klantmanager_velsen: User, client_file: Client, settings: Any
    ) -> None:
        settings.WAGE_VALUE_REASSESSMENT_MONTHS = 6
        assessment = assess(klantmanager_velsen, client_file)
        assert assessment.next_due_date == date(2026, 8, 10)

    def test_the_assessor_may_set_the_next_date(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        assessment = assess(
            klantmanager_velsen, client_file, next_due_date=date(2026, 8, 1)
        )
        assert assessment.next_due_date == date(2026, 8, 1)

    @pytest.mark.parametrize("value", [0, 100])
    def test_the_bounds_are_allowed(
        self, klantmanager_velsen: User, client_file: Client, value: int
    ) -> None:
        assert assess(klantmanager_velsen, client_file, wage_value=value).pk

    @pytest.mark.parametrize("value", [-1, 101, 250, 60.5, None])
    def test_wage_value_outside_0_to_100_refused(
        self, klantmanager_velsen: User, client_file: Client, value: Any
    ) -> None:
        with pytest.raises(ValidationError) as error:
            assess(klantmanager_velsen, client_file, wage_value=value)
        assert refused(error)["wage_value"] == [
            "De loonwaarde is een heel percentage van 0 tot en met 100."
        ]
        assert not WageValueAssessment.objects.exists() and not events()

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"next_due_date": date(2026, 2, 10)},
                "next_due_date",
                "De volgende bepaling ligt na de datum van deze bepaling.",
            ),
            (
                {"job_description": "  "},
                "job_description",
                "Kies de plaatsing of beschrijf de beoordeelde functie.",
            ),
            (
                {"assessed_on": date(2026, 9, 2)},
                "assessed_on",
                "Deze datum ligt in de toekomst.",
            ),
        ],
    )
    def test_refused(
        self,
        klantmanager_velsen: User,
        client_file: Client,
        overrides: dict[str, Any],
        field: str,
        message: str,
    ) -> None:
        with pytest.raises(ValidationError) as error:
            assess(klantmanager_velsen, client_file, **overrides)
        assert refused(error)[field] == [message]
        assert not WageValueAssessment.objects.exists()

    def test_placement_of_another_client_refused(
        self, klantmanager_velsen: User, client_file: Client
    ) -> None:
        other = PlacementFactory.create(client=make_client(klantmanager_velsen))
        with pytest.raises(ValidationError) as error:
            assess(klantmanager_velsen, client_file, placement=other)
        assert refused(error)["placement"] == [
            "Deze plaatsing hoort bij een andere werkzoekende."
        ]

    def test_closed_file_refused_without_a_running_placement(
        self, klantmanager_velsen: User
    ) -> None:
        closed = make_client(klantmanager_velsen, status=Client.Status.OUTFLOWED)
        with pytest.raises(ValidationError) as error:
            assess(klantmanager_velsen, closed)
        assert "niet actief" in refused(error)["client"][0]
        ended = PlacementFactory.create(client=closed, ended=True)
        with pytest.raises(ValidationError):
            assess(klantmanager_velsen, closed, placement=ended)
        assert not WageValueAssessment.objects.exists()

    def test_closed_file_reassessed_for_its_running_subsidy(
        self, klantmanager_velsen: User, placement: Placement
    ) -> None:
        """After outflow to work the subsidy goes on, and needs its reassessment."""
        Client.objects.filter(pk=placement.client_id).update(
            status=Client.Status.OUTFLOWED
        )
        closed = Client.objects.get(pk=placement.client_id)
        assert assess(klantmanager_velsen, closed, placement=placement).pk

    @pytest.mark.parametrize(
        "persona", ["werkmakelaar", "klantmanager_beverwijk", "manager"]
    )
    def test_who_may_not_is_not_found(
        self, request: pytest.FixtureRequest, persona: str, client_file: Client
    ) -> None:
        with pytest.raises(NotFound):
            assess(request.getfixturevalue(persona), client_file)
        assert not WageValueAssessment.objects.exists()

    def test_partner_system(
        self, make_partner: Any, velsen: Any, client_file: Client
    ) -> None:
        partner, _ = make_partner(
            scopes=["loonwaardebepalingen.schrijven"], municipalities=[velsen]
        )
        assert assess(partner.user, client_file).pk
        assert events("assessment_created")[0].partner_id == partner.pk


class TestUpdate:
    @pytest.fixture
    def assessment(self, placement: Placement) -> WageValueAssessment:
        return WageValueAssessmentFactory.create(placement=placement)

    def test_correct_with_old_and_new_values(
        self, klantmanager_velsen: User, assessment: WageValueAssessment
    ) -> None:
        updated = services.assessment_update(
            user=klantmanager_velsen,
            assessment=assessment,
            expected_version=1,
            wage_value=55,
        )
        assert (updated.wage_value, updated.version) == (55, 2)
        [event] = events("updated")
        assert event.changes["wage_value"] == [60, 55]
        assert event.client_id == assessment.client_id

    def test_wage_value_outside_0_to_100_refused(
        self, klantmanager_velsen: User, assessment: WageValueAssessment
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.assessment_update(
                user=klantmanager_velsen,
                assessment=assessment,
                expected_version=1,
                wage_value=120,
            )
        assert "wage_value" in refused(error)
        assessment.refresh_from_db()
        assert (assessment.wage_value, assessment.version) == (60, 1)

    def test_stale_version_refused_and_nothing_stored(
        self, klantmanager_velsen: User, assessment: WageValueAssessment
    ) -> None:
        services.assessment_update(
            user=klantmanager_velsen,
            assessment=assessment,
            expected_version=1,
            note="Eerste",
        )
        with pytest.raises(ValidationError) as error:
            services.assessment_update(
                user=klantmanager_velsen,
                assessment=assessment,
                expected_version=1,
                note="Tweede",
            )
        assert (
            "Deze loonwaardebepaling is intussen gewijzigd"
            in (refused(error)["version"][0])
        )
        assessment.refresh_from_db()
        assert (assessment.note, assessment.version) == ("Eerste", 2)
        assert len(events("updated")) == 1

    @pytest.mark.parametrize("persona", ["werkmakelaar", "klantmanager_beverwijk"])
    def test_who_may_not_is_not_found(
        self,
        request: pytest.FixtureRequest,
        persona: str,
        assessment: WageValueAssessment,
    ) -> None:
        with pytest.raises(NotFound):
            services.assessment_update(
                user=request.getfixturevalue(persona),
                assessment=assessment,
                expected_version=1,
                wage_value=10,
            )
        assessment.refresh_from_db()
        assert assessment.wage_value == 60
