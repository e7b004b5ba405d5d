"""Trajectory, deployment and catalogue pages: who gets in, what they see,
what a refused write does, and what a list costs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.models import Client, ClientAccess
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.inbox.models import Task
from tests.clients.factories import ClientFactory, LadderMeasurementFactory
from tests.conftest import logged_in, make_staff
from tests.trajectories.factories import (
    DeploymentFactory,
    PlacementFactory,
    ProviderFactory,
    TrajectoryFactory,
    WageValueAssessmentFactory,
    instrument,
    trajectory_end_reason,
)
from trajectories import services
from trajectories.models import Deployment, DeploymentStatus, Trajectory

pytestmark = pytest.mark.django_db

# Mid-March 2026: the factories' trajectory (from 5 January) and placement
# (from 1 January) are running, March is a whole month of subsidy.
NOW = datetime(2026, 3, 16, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def velsen_client(klantmanager_velsen: User) -> Client:
    return ClientFactory.create(
        klantmanager=klantmanager_velsen,
        first_name="Piet",
        last_name="Velser",
        target_group=2,
        target_group_date=date(2026, 1, 2),
    )


@pytest.fixture
def group_4_client(klantmanager_velsen: User) -> Client:
    return ClientFactory.create(
        klantmanager=klantmanager_velsen,
        first_name="Gerda",
        last_name="Viergroep",
        target_group=4,
        target_group_date=date(2026, 1, 2),
    )


@pytest.fixture
def beverwijk_client(klantmanager_beverwijk: User, beverwijk: Municipality) -> Client:
    return ClientFactory.create(
        klantmanager=klantmanager_beverwijk,
        municipality=beverwijk,
        first_name="Bea",
        last_name="Beverwijker",
    )


@pytest.fixture
def trajectory(velsen_client: Client) -> Trajectory:
    return TrajectoryFactory.create(
        client=velsen_client, goals="Werkritme opbouwen\nCv op orde"
    )


@pytest.fixture
def deployment(trajectory: Trajectory) -> Deployment:
    return DeploymentFactory.create(
        client=trajectory.client,
        trajectory=trajectory,
        instrument=instrument("jobcoaching"),
        rate=Decimal("65.00"),
        units=Decimal("20"),
        total_cost=Decimal("1300.00"),
        start_date=date(2026, 2, 1),
        end_date=date(2026, 7, 31),
    )


def _body(response: Any) -> str:
    return str(response.content.decode())


# --- who gets in ---------------------------------------------------------------------------

TRAJECTORY_PAGES = [
    "trajectories:detail",
    "trajectories:edit",
    "trajectories:end",
]
DEPLOYMENT_PAGES = ["trajectories:deployment_edit", "trajectories:deployment_stop"]
CLIENT_PAGES = [
    "trajectories:create",
    "trajectories:deployment_create",
    "trajectories:deployment_eligibility",
]


def _urls(trajectory: Trajectory, deployment: Deployment) -> list[str]:
    return [
        reverse("trajectories:list"),
        *(reverse(name, args=[trajectory.uuid]) for name in TRAJECTORY_PAGES),
        *(reverse(name, args=[deployment.uuid]) for name in DEPLOYMENT_PAGES),
        *(reverse(name, args=[trajectory.client.uuid]) for name in CLIENT_PAGES),
    ]


@pytest.mark.parametrize(
    "persona",
    ["werkmakelaar", "manager", "beheerder", "privacy_officer", "user_without_role"],
)
def test_other_roles_are_refused(
    request: pytest.FixtureRequest,
    persona: str,
    trajectory: Trajectory,
    deployment: Deployment,
) -> None:
    browser = logged_in(request.getfixturevalue(persona))
    for url in _urls(trajectory, deployment):
        assert browser.get(url).status_code == 403, url
    assert (
        browser.post(reverse("trajectories:end", args=[trajectory.uuid])).status_code
        == 403
    )


def test_klantmanager_of_another_municipality_finds_nothing(
    klantmanager_beverwijk: User, trajectory: Trajectory, deployment: Deployment
) -> None:
    browser = logged_in(klantmanager_beverwijk)
    for url in _urls(trajectory, deployment)[1:]:
        assert browser.get(url).status_code == 404, url
    response = browser.post(
        reverse("trajectories:end", args=[trajectory.uuid]),
        {"end_date": "2026-03-01", "end_reason": "overig", "version": "1"},
    )
    assert response.status_code == 404
    trajectory.refresh_from_db()
    assert trajectory.end_date is None
    assert trajectory.client.full_name not in _body(
        browser.get(reverse("trajectories:list"), {"lopend": ""})
    )


def test_anonymous_visitor_is_sent_to_login(trajectory: Trajectory) -> None:
    from django.test import Client as HttpClient

    response = HttpClient().get(reverse("trajectories:detail", args=[trajectory.uuid]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_navigation_offers_trajectories_to_klantmanagers_and_the_catalogue_to_staff(
    klantmanager_velsen: User, werkmakelaar: User, manager: User
) -> None:
    page = _body(logged_in(klantmanager_velsen).get(reverse("home")))
    assert reverse("trajectories:list") in page
    assert reverse("trajectories:catalogue") in page
    page = _body(logged_in(werkmakelaar).get(reverse("home")))
    assert reverse("trajectories:list") not in page
    assert reverse("trajectories:catalogue") in page
    page = _body(logged_in(manager).get(reverse("home")))
    assert reverse("trajectories:catalogue") not in page


# --- the list -------------------------------------------------------------------------------


def test_list_shows_running_trajectories_of_own_municipalities(
    klantmanager_velsen: User, trajectory: Trajectory, beverwijk_client: Client
) -> None:
    TrajectoryFactory.create(client=beverwijk_client)
    ended = TrajectoryFactory.create(
        client=ClientFactory.create(first_name="Eddy", last_name="Afgesloten"),
        ended=True,
        start_date=date(2025, 1, 6),
        end_date=date(2025, 6, 30),
    )
    browser = logged_in(klantmanager_velsen)
    response = browser.get(reverse("trajectories:list"))
    assert response.status_code == 200
    body = _body(response)
    assert "Velser, Piet" in body
    assert "Beverwijker" not in body
    assert "Afgesloten" not in body  # running ones by default
    assert "1 traject gevonden" in body
    assert ClientAccess.objects.filter(
        client=trajectory.client, purpose="Overzicht trajecten"
    ).exists()

    everything = _body(browser.get(reverse("trajectories:list"), {"lopend": ""}))
    assert "Afgesloten, Eddy" in everything
    assert ended.end_reason is not None and ended.end_reason.label in everything


def test_list_filters_and_searches(
    klantmanager_velsen: User, trajectory: Trajectory
) -> None:
    other = TrajectoryFactory.create(
        client=ClientFactory.create(first_name="Karin", last_name="Opleiding"),
        kind=Trajectory.Kind.EDUCATION,
        provider=ProviderFactory.create(name="Nova Opleidingen"),
    )
    browser = logged_in(klantmanager_velsen)
    by_kind = _body(browser.get(reverse("trajectories:list"), {"soort": "opleiding"}))
    assert "Opleiding, Karin" in by_kind and "Velser" not in by_kind
    assert "Nova Opleidingen" in by_kind
    by_name = _body(browser.get(reverse("trajectories:list"), {"zoek": "piet velser"}))
    assert "Velser, Piet" in by_name and "Opleiding, Karin" not in by_name
    by_start = _body(
        browser.get(reverse("trajectories:list"), {"start_vanaf": "2026-02-01"})
    )
    assert "Geen trajecten gevonden" in by_start
    assert other.client.full_name not in _body(
        browser.get(
            reverse("trajectories:list"), {"werkzoekende": str(trajectory.client.uuid)}
        )
    )


def test_list_costs_a_fixed_number_of_queries(
    klantmanager_velsen: User,
    trajectory: Trajectory,
    django_assert_num_queries: Any,
) -> None:
    browser = logged_in(klantmanager_velsen)
    browser.get(reverse("trajectories:list"))  # sessions and caches warm
    with CaptureQueriesContext(connection) as one:
        browser.get(reverse("trajectories:list"))
    provider = ProviderFactory.create()
    for _n in range(30):
        TrajectoryFactory.create(
            client=ClientFactory.create(klantmanager=klantmanager_velsen),
            provider=provider,
        )
    with django_assert_num_queries(len(one)):
        response = browser.get(reverse("trajectories:list"), {"pagina": "2"})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 6
    assert "Pagina 2 van 2" in _body(response)


# --- the trajectory page --------------------------------------------------------------


def test_trajectory_page_shows_facts_goals_deployments_placements_and_timeline(
    klantmanager_velsen: User, trajectory: Trajectory, deployment: Deployment
) -> None:
    DeploymentFactory.create(
        client=trajectory.client,
        trajectory=trajectory,
        instrument=instrument("sollicitatietraining"),
        rate=Decimal("650.00"),
        total_cost=Decimal("650.00"),
        status=DeploymentStatus.CANCELLED,
    )
    placement = PlacementFactory.create(
        client=trajectory.client, trajectory=trajectory, job_title="Magazijnmedewerker"
    )
    services.trajectory_update(
        user=klantmanager_velsen,
        trajectory=trajectory,
        expected_version=trajectory.version,
        lead_organisation="IJmond Werkt",
    )
    browser = logged_in(klantmanager_velsen)
    response = browser.get(reverse("trajectories:detail", args=[trajectory.uuid]))
    assert response.status_code == 200
    body = _body(response)
    assert "Re-integratie (individuele begeleiding)" in body
    assert "05-01-2026" in body and "31-12-2026" in body
    assert "Werkritme opbouwen<br>Cv op orde" in body
    assert "Jobcoaching" in body and "€ 1.300,00" in body
    assert "Geannuleerd" in body
    # Committed: the jobcoaching, not the cancelled training.
    assert response.context["committed_cost"] == Decimal("1300.00")
    assert "Magazijnmedewerker" in body and placement.employer.name in body
    # The timeline in the forms' words.
    assert "Traject gewijzigd" in body
    assert "Regievoerende organisatie: <del>–</del> → <ins>IJmond Werkt</ins>" in body
    assert (
        reverse("trajectories:deployment_create", args=[trajectory.client.uuid]) in body
    )
    assert reverse("trajectories:end", args=[trajectory.uuid]) in body
    assert ClientAccess.objects.filter(client=trajectory.client).count() == 1


def test_trajectory_page_costs_a_fixed_number_of_queries(
    klantmanager_velsen: User, trajectory: Trajectory, django_assert_num_queries: Any
) -> None:
    browser = logged_in(klantmanager_velsen)
    url = reverse("trajectories:detail", args=[trajectory.uuid])
    browser.get(url)
    with CaptureQueriesContext(connection) as few:
        browser.get(url)
    for _n in range(8):
        DeploymentFactory.create(client=trajectory.client, trajectory=trajectory)
        PlacementFactory.create(client=trajectory.client, trajectory=trajectory)
    with django_assert_num_queries(len(few)):
        browser.get(url)


# --- start, change, end ------------------------------------------------------------------


def test_klantmanager_starts_a_trajectory_from_the_client_file(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    file_page = _body(browser.get(reverse("clients:detail", args=[velsen_client.uuid])))
    create_url = reverse("trajectories:create", args=[velsen_client.uuid])
    assert create_url in file_page
    form = browser.get(create_url)
    assert form.status_code == 200
    provider = ProviderFactory.create(name="Werkfit Kennemerland")
    response = browser.post(
        create_url,
        {
            "kind": "work-first",
            "provider": str(provider.uuid),
            "start_date": "16-03-2026",
            "planned_end_date": "2026-09-30",
            "goals": "Binnen zes maanden aan het werk",
            "klantmanager": klantmanager_velsen.pk,
        },
    )
    assert response.status_code == 302
    created = Trajectory.objects.get(client=velsen_client)
    assert response["Location"] == created.get_absolute_url()
    assert (created.kind, created.provider, created.start_date) == (
        "work-first",
        provider,
        date(2026, 3, 16),
    )
    assert AuditEvent.objects.filter(
        client=velsen_client, action="trajectory_created"
    ).exists()
    file_page = _body(browser.get(reverse("clients:detail", args=[velsen_client.uuid])))
    assert created.get_absolute_url() in file_page
    assert "Work-first" in file_page


def test_a_past_trajectory_is_registered_with_its_end(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    response = browser.post(
        reverse("trajectories:create", args=[velsen_client.uuid]),
        {
            "kind": "activering",
            "start_date": "2023-02-01",
            "end_date": "2023-11-30",
            "end_reason": "einde-zonder-plaatsing",
            "klantmanager": klantmanager_velsen.pk,
        },
    )
    assert response.status_code == 302
    registered = Trajectory.objects.get(client=velsen_client)
    assert registered.end_date == date(2023, 11, 30)
    assert registered.end_reason == trajectory_end_reason("einde-zonder-plaatsing")


def test_create_refuses_an_end_without_reason_and_stores_nothing(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    response = browser.post(
        reverse("trajectories:create", args=[velsen_client.uuid]),
        {"kind": "activering", "start_date": "2026-03-01", "end_date": "2026-02-01"},
    )
    assert response.status_code == 422
    body = _body(response)
    assert "Controleer het formulier" in body
    assert "Er is niets opgeslagen." in body
    assert not Trajectory.objects.filter(client=velsen_client).exists()


def test_edit_with_a_stale_version_names_the_colleague(
    klantmanager_velsen: User, trajectory: Trajectory, velsen: Municipality
) -> None:
    browser = logged_in(klantmanager_velsen)
    url = reverse("trajectories:edit", args=[trajectory.uuid])
    form = browser.get(url).context["form"]
    assert form.initial["version"] == 1
    colleague = make_staff("collega_velsen", Role.KLANTMANAGER, [velsen])
    colleague.first_name, colleague.last_name = "Carla", "Collega"
    colleague.save()
    services.trajectory_update(
        user=colleague,
        trajectory=trajectory,
        expected_version=1,
        goals="Eerst taal",
    )
    data = {
        "kind": "re-integratie",
        "start_date": "2026-01-05",
        "planned_end_date": "2026-12-31",
        "goals": "Mijn versie",
        "klantmanager": klantmanager_velsen.pk,
        "version": "1",
    }
    response = browser.post(url, data)
    assert response.status_code == 422
    body = _body(response)
    assert "intussen gewijzigd door" in body
    assert colleague.audit_name in body
    trajectory.refresh_from_db()
    assert trajectory.goals == "Eerst taal"

    response = browser.post(url, {**data, "version": "2"})
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.goals, trajectory.version) == ("Mijn versie", 3)


def test_ending_a_trajectory_asks_for_a_ladder_measurement(
    klantmanager_velsen: User, trajectory: Trajectory, deployment: Deployment
) -> None:
    browser = logged_in(klantmanager_velsen)
    url = reverse("trajectories:end", args=[trajectory.uuid])
    assert browser.get(url).status_code == 200
    response = browser.post(
        url,
        {
            "end_date": "2026-03-13",
            "end_reason": "plaatsing-regulier-werk",
            "version": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == trajectory.get_absolute_url()
    trajectory.refresh_from_db()
    assert trajectory.end_date == date(2026, 3, 13)
    deployment.refresh_from_db()
    assert (deployment.status, deployment.end_date) == (
        DeploymentStatus.ENDED,
        date(2026, 3, 13),
    )
    page = browser.get(trajectory.get_absolute_url())
    body = _body(page)
    assert "Het traject is beëindigd" in body
    ladder = reverse("clients:ladder_measure", args=[trajectory.client.uuid])
    assert ladder in body
    assert Task.objects.filter(
        assignee=klantmanager_velsen, link__contains=str(trajectory.client.uuid)
    ).exists()

    # Measured since: the page no longer asks.
    LadderMeasurementFactory.create(
        client=trajectory.client, measured_on=date(2026, 3, 14)
    )
    assert ladder not in _body(browser.get(trajectory.get_absolute_url()))


def test_ending_needs_a_date_and_reason(
    klantmanager_velsen: User, trajectory: Trajectory
) -> None:
    response = logged_in(klantmanager_velsen).post(
        reverse("trajectories:end", args=[trajectory.uuid]), {"version": "1"}
    )
    assert response.status_code == 422
    trajectory.refresh_from_db()
    assert trajectory.end_date is None


# --- deployments ------------------------------------------------------------------------


def test_group_4_client_gets_no_participation_budget_instrument(
    klantmanager_velsen: User, group_4_client: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    url = reverse("trajectories:deployment_create", args=[group_4_client.uuid])
    page = _body(browser.get(url))
    assert 'aria-live="polite"' in page
    assert (
        reverse("trajectories:deployment_eligibility", args=[group_4_client.uuid])
        in page
    )
    response = browser.post(
        url,
        {
            "instrument": "taalcursus",
            "start_date": "2026-04-01",
            "end_date": "2026-09-30",
            "status": "lopend",
        },
    )
    assert response.status_code == 422
    body = _body(response)
    assert "Controleer het formulier" in body
    assert "participatiebudget" in body and "doelgroep 4" in body
    assert not Deployment.objects.filter(client=group_4_client).exists()


def test_eligibility_is_shown_while_the_form_is_filled_in(
    klantmanager_velsen: User, group_4_client: Client, velsen_client: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    check = reverse("trajectories:deployment_eligibility", args=[group_4_client.uuid])
    response = browser.get(
        check,
        {"instrument": "taalcursus", "start_date": "2026-04-01"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = _body(response)
    assert "Taalcursus kan zo niet worden ingezet" in body
    assert "participatiebudget" in body
    assert "<html" not in body  # a fragment for the live region

    beschut = _body(browser.get(check, {"instrument": "beschut-werk-begeleiding"}))
    assert "kan voor deze werkzoekende worden ingezet" in beschut

    check = reverse("trajectories:deployment_eligibility", args=[velsen_client.uuid])
    training = _body(browser.get(check, {"instrument": "functiegerichte-scholing"}))
    assert "alleen binnen een traject" in training
    assert "Kies een voorziening" in _body(browser.get(check))


def test_eligibility_check_of_a_foreign_client_is_404(
    klantmanager_beverwijk: User, velsen_client: Client
) -> None:
    response = logged_in(klantmanager_beverwijk).get(
        reverse("trajectories:deployment_eligibility", args=[velsen_client.uuid]),
        {"instrument": "taalcursus"},
    )
    assert response.status_code == 404


def test_deployment_is_added_to_the_trajectory(
    klantmanager_velsen: User, trajectory: Trajectory
) -> None:
    browser = logged_in(klantmanager_velsen)
    url = reverse("trajectories:deployment_create", args=[trajectory.client.uuid])
    form = browser.get(url, {"traject": str(trajectory.uuid)})
    assert form.context["form"].initial["trajectory"] == trajectory
    response = browser.post(
        url,
        {
            "trajectory": str(trajectory.uuid),
            "instrument": "functiegerichte-scholing",
            "start_date": "2026-04-01",
            "end_date": "2026-12-31",
            "status": "aangevraagd",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == trajectory.get_absolute_url()
    added = Deployment.objects.get(trajectory=trajectory)
    assert (added.total_cost, added.status) == (Decimal("3000.00"), "aangevraagd")


def test_deployment_longer_than_allowed_is_refused(
    klantmanager_velsen: User, trajectory: Trajectory
) -> None:
    response = logged_in(klantmanager_velsen).post(
        reverse("trajectories:deployment_create", args=[trajectory.client.uuid]),
        {
            "trajectory": str(trajectory.uuid),
            "instrument": "sollicitatietraining",
            "start_date": "2026-04-01",
            "end_date": "2026-12-31",
            "status": "lopend",
        },
    )
    assert response.status_code == 422
    assert "hoogstens 3 maanden" in _body(response)
    assert not Deployment.objects.filter(trajectory=trajectory).exists()


def test_deployment_is_changed_with_its_version(
    klantmanager_velsen: User, deployment: Deployment
) -> None:
    browser = logged_in(klantmanager_velsen)
    url = reverse("trajectories:deployment_edit", args=[deployment.uuid])
    assert browser.get(url).status_code == 200
    data = {
        "trajectory": str(deployment.trajectory.uuid),  # type: ignore[union-attr]
        "start_date": "2026-02-01",
        "end_date": "2026-07-31",
        "rate": "65.00",
        "units": "30",
        "status": "lopend",
        "note": "Extra uren",
        "version": "1",
    }
    response = browser.post(url, data)
    assert response.status_code == 302
    deployment.refresh_from_db()
    assert (deployment.total_cost, deployment.version) == (Decimal("1950.00"), 2)
    stale = browser.post(url, {**data, "units": "10"})
    assert stale.status_code == 422
    assert "intussen gewijzigd" in _body(stale)


def test_deployment_is_cancelled_or_ended_after_confirmation(
    klantmanager_velsen: User, deployment: Deployment, trajectory: Trajectory
) -> None:
    browser = logged_in(klantmanager_velsen)
    url = reverse("trajectories:deployment_stop", args=[deployment.uuid])
    page = _body(browser.get(url))
    assert "Weet u het zeker?" in page
    missing_date = browser.post(url, {"status": "beeindigd", "version": "1"})
    assert missing_date.status_code == 422
    assert "Vul de laatste dag van de inzet in." in _body(missing_date)
    response = browser.post(
        url, {"status": "beeindigd", "end_date": "2026-03-15", "version": "1"}
    )
    assert response.status_code == 302
    deployment.refresh_from_db()
    assert (deployment.status, deployment.end_date) == ("beeindigd", date(2026, 3, 15))

    other = DeploymentFactory.create(
        client=trajectory.client,
        trajectory=trajectory,
        status=DeploymentStatus.REQUESTED,
    )
    response = browser.post(
        reverse("trajectories:deployment_stop", args=[other.uuid]),
        {"status": "geannuleerd", "version": "1"},
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == "geannuleerd"


# --- the catalogue ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["klantmanager_velsen", "werkmakelaar"])
def test_catalogue_lists_the_instruments_for_staff(
    request: pytest.FixtureRequest, persona: str
) -> None:
    response = logged_in(request.getfixturevalue(persona)).get(
        reverse("trajectories:catalogue")
    )
    assert response.status_code == 200
    body = _body(response)
    assert "Functiegerichte scholing" in body
    assert "Participatiebudget" in body
    assert "€ 3.000,00 per traject" in body
    assert "12 maanden" in body
    assert "Inkomensdeel (BUIG)" in body  # loonkostensubsidie


@pytest.mark.parametrize(
    "persona", ["manager", "beheerder", "privacy_officer", "user_without_role"]
)
def test_catalogue_is_not_for_other_roles(
    request: pytest.FixtureRequest, persona: str
) -> None:
    response = logged_in(request.getfixturevalue(persona)).get(
        reverse("trajectories:catalogue")
    )
    assert response.status_code == 403


# --- the client file -------------------------------------------------------------------------


def test_client_file_shows_trajectories_placements_and_this_months_subsidy(
    klantmanager_velsen: User, trajectory: Trajectory, deployment: Deployment
) -> None:
    client = trajectory.client
    placement = PlacementFactory.create(
        client=client,
        subsidised=True,
        job_title="Inpakker",
        hours_per_week=Decimal("36"),
    )
    WageValueAssessmentFactory.create(placement=placement, wage_value=60)
    DeploymentFactory.create(
        client=client, instrument=instrument("sociale-activering"), trajectory=None
    )
    response = logged_in(klantmanager_velsen).get(
        reverse("clients:detail", args=[client.uuid])
    )
    assert response.status_code == 200
    body = _body(response)
    assert 'id="kop-trajecten"' in body and trajectory.get_absolute_url() in body
    assert "€ 1.300,00" in body  # the trajectory's committed cost
    assert "Inzetten buiten een traject" in body and "Sociale activering" in body
    assert 'id="kop-plaatsingen"' in body and "Inpakker" in body
    # WML 14.71 × 36 h, loonwaarde 60 %: 1,219.34 euro for the whole of March.
    assert 'id="kop-loonkostensubsidie"' in body
    assert "€ 1.219,34" in body


def test_client_file_sections_cost_a_fixed_number_of_queries(
    klantmanager_velsen: User, velsen_client: Client, django_assert_num_queries: Any
) -> None:
    TrajectoryFactory.create(client=velsen_client)
    placement = PlacementFactory.create(client=velsen_client, subsidised=True)
    WageValueAssessmentFactory.create(placement=placement)
    browser = logged_in(klantmanager_velsen)
    url = reverse("clients:detail", args=[velsen_client.uuid])
    browser.get(url)
    with CaptureQueriesContext(connection) as few:
        browser.get(url)
    for _n in range(6):
        trajectory = TrajectoryFactory.create(client=velsen_client)
        DeploymentFactory.create(client=velsen_client, trajectory=trajectory)
        DeploymentFactory.create(client=velsen_client)
        placement = PlacementFactory.create(client=velsen_client, subsidised=True)
        WageValueAssessmentFactory.create(placement=placement)
    with django_assert_num_queries(len(few)):
        response = browser.get(url)
    assert len(response.context["client_subsidies"]) == 7


def test_editing_keeps_a_provider_that_is_no_longer_active(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    provider = ProviderFactory.create(name="Oud Re-integratiebureau")
    trajectory = TrajectoryFactory.create(client=velsen_client, provider=provider)
    provider.active = False
    provider.save()
    browser = logged_in(klantmanager_velsen)
    url = reverse("trajectories:edit", args=[trajectory.uuid])
    assert "Oud Re-integratiebureau" in _body(browser.get(url))
    response = browser.post(
        url,
        {
            "kind": "re-integratie",
            "provider": str(provider.uuid),
            "start_date": "2026-01-05",
            "planned_end_date": "2026-12-31",
            "goals": "Nieuw doel",
            "klantmanager": klantmanager_velsen.pk,
            "version": "1",
        },
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.goals, trajectory.provider) == ("Nieuw doel", provider)
    changed = AuditEvent.objects.filter(client=velsen_client, action="updated").get()
    assert set(changed.changes) == {"goals"}
