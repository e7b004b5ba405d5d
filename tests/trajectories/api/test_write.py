"""Writing through the API: the services' rules, answered as problem+json."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rest_framework.test import APIClient

from clients.models import Client
from employers.models import ProposalStatus
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.inbox.models import Task
from tests.clients.factories import ClientFactory
from tests.employers.factories import EmployerFactory, ProposalFactory, VacancyFactory
from tests.trajectories.api.conftest import session
from tests.trajectories.factories import (
    DeploymentFactory,
    PlacementFactory,
    TrajectoryFactory,
    instrument,
)
from trajectories.models import (
    Deployment,
    Placement,
    Provider,
    Trajectory,
    WageValueAssessment,
)

pytestmark = pytest.mark.django_db


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return dict(response.json())


def reasons(response: Any) -> dict[str, str]:
    body = problem(response, 400)
    return {p["name"]: p["reason"] for p in body["invalidParams"]}


# --- trajecten ------------------------------------------------------------------------


def test_partner_registers_a_running_trajectory(
    partner: APIClient, client_velsen: Client, klantmanager_velsen: User
) -> None:
    provider = Provider.objects.get(name="IJmond Werkt")
    response = partner.post(
        "/api/v1/trajecten",
        {
            "werkzoekende": str(client_velsen.uuid),
            "soort": "work-first",
            "aanbieder": str(provider.uuid),
            "startdatum": "2026-06-01",
            "geplandeEinddatum": "2026-11-30",
            "doelen": "Binnen drie maanden aan het werk",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    trajectory = Trajectory.objects.get(uuid=body["uuid"])
    assert (trajectory.client, trajectory.provider) == (client_velsen, provider)
    assert (body["einddatum"], body["redenEinde"], body["versie"]) == (None, None, 1)
    # A partner system is no klantmanager: the file's klantmanager guides it.
    assert body["klantmanager"] == klantmanager_velsen.username
    event = AuditEvent.objects.get(action="trajectory_created")
    assert event.client == client_velsen and event.partner is not None


def test_partner_registers_history_from_a_previous_system(
    partner: APIClient, velsen: Municipality
) -> None:
    """A trajectory that started and ended years ago, with its end reason by code;
    also for a file that has been closed since."""
    closed = ClientFactory.create(municipality=velsen, outflowed=True)
    history = {
        "werkzoekende": str(closed.uuid),
        "soort": "re-integratie",
        "regievoerendeOrganisatie": "Gemeente Velsen (vorig systeem)",
        "startdatum": "2019-03-01",
        "geplandeEinddatum": "2019-12-31",
        "einddatum": "2020-02-28",
        "redenEinde": "plaatsing-loonkostensubsidie",
    }
    response = partner.post("/api/v1/trajecten", history, format="json")
    assert response.status_code == 201, response.content
    stored = Trajectory.objects.get(uuid=response.json()["uuid"])
    assert (stored.start_date, stored.end_date) == (date(2019, 3, 1), date(2020, 2, 28))
    assert stored.end_reason is not None
    assert stored.end_reason.code == "plaatsing-loonkostensubsidie"
    assert stored.end_reason.outflow_to_work
    assert not Task.objects.filter(client=closed).exists()  # history asks nothing

    # A running trajectory on that closed file is refused, naming the client.
    running = {**history, "einddatum": None, "redenEinde": None}
    assert "werkzoekende" in reasons(
        partner.post("/api/v1/trajecten", running, format="json")
    )
    assert Trajectory.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"einddatum": "2020-02-28"}, "redenEinde"),
        ({"redenEinde": "overig"}, "einddatum"),
        ({"einddatum": "2018-12-31", "redenEinde": "overig"}, "einddatum"),
        ({"einddatum": "2026-07-01", "redenEinde": "overig"}, "einddatum"),
        ({"einddatum": "2020-02-28", "redenEinde": "bestaat-niet"}, "redenEinde"),
        ({"geplandeEinddatum": "2018-01-01"}, "geplandeEinddatum"),
        ({"soort": "cursus"}, "soort"),
    ],
)
def test_trajectory_refusals_name_the_field(
    partner: APIClient, client_velsen: Client, changes: dict[str, Any], field: str
) -> None:
    data = {
        "werkzoekende": str(client_velsen.uuid),
        "soort": "re-integratie",
        "startdatum": "2019-03-01",
        **changes,
    }
    found = reasons(partner.post("/api/v1/trajecten", data, format="json"))
    assert field in found, found
    assert all(found.values())
    assert not Trajectory.objects.exists()


def test_a_client_of_another_municipality_cannot_be_named(
    partner: APIClient, beverwijk: Municipality
) -> None:
    elsewhere = ClientFactory.create(municipality=beverwijk)
    data = {
        "werkzoekende": str(elsewhere.uuid),
        "soort": "re-integratie",
        "startdatum": "2026-06-01",
    }
    assert list(reasons(partner.post("/api/v1/trajecten", data, format="json"))) == [
        "werkzoekende"
    ]
    assert not Trajectory.objects.exists()


def test_patch_needs_the_version_as_read_and_refuses_a_stale_one(
    partner: APIClient, client_velsen: Client
) -> None:
    trajectory = TrajectoryFactory.create(client=client_velsen, goals="Oud")
    url = f"/api/v1/trajecten/{trajectory.uuid}"
    assert list(reasons(partner.patch(url, {"doelen": "Nieuw"}, format="json"))) == [
        "versie"
    ]
    changed = partner.patch(url, {"doelen": "Nieuw", "versie": 1}, format="json")
    assert changed.status_code == 200, changed.content
    assert (changed.json()["doelen"], changed.json()["versie"]) == ("Nieuw", 2)

    stale = partner.patch(url, {"doelen": "Te laat", "versie": 1}, format="json")
    found = reasons(stale)
    assert list(found) == ["versie"]
    assert "intussen gewijzigd" in found["versie"]
    trajectory.refresh_from_db()
    assert (trajectory.goals, trajectory.version) == ("Nieuw", 2)


def test_patch_with_an_end_ends_the_trajectory_and_asks_for_a_ladder_measurement(
    partner: APIClient, client_velsen: Client, klantmanager_velsen: User
) -> None:
    trajectory = TrajectoryFactory.create(client=client_velsen)
    deployment = DeploymentFactory.create(
        client=client_velsen,
        trajectory=trajectory,
        start_date=date(2026, 2, 1),
        end_date=date(2026, 9, 30),
    )
    response = partner.patch(
        f"/api/v1/trajecten/{trajectory.uuid}",
        {
            "versie": 1,
            "doelen": "Afgerond",
            "einddatum": "2026-06-12",
            "redenEinde": "plaatsing-regulier-werk",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["einddatum"], body["redenEinde"], body["doelen"]) == (
        "2026-06-12",
        "plaatsing-regulier-werk",
        "Afgerond",
    )
    assert body["versie"] == 3  # the change, then the end
    task = Task.objects.get(client=client_velsen)
    assert task.assignee == klantmanager_velsen
    assert "ladder" in task.title
    deployment.refresh_from_db()
    assert (deployment.end_date, deployment.status) == (date(2026, 6, 12), "beeindigd")


def test_a_refused_end_leaves_the_trajectory_as_it_was(
    partner: APIClient, client_velsen: Client
) -> None:
    trajectory = TrajectoryFactory.create(client=client_velsen, goals="Oud")
    found = reasons(
        partner.patch(
            f"/api/v1/trajecten/{trajectory.uuid}",
            {"versie": 1, "doelen": "Nieuw", "einddatum": "2026-06-12"},
            format="json",
        )
    )
    assert list(found) == ["redenEinde"]
    trajectory.refresh_from_db()
    assert (trajectory.goals, trajectory.end_date, trajectory.version) == (
        "Oud",
        None,
        1,
    )


# --- inzetten -------------------------------------------------------------------------


def test_group_4_is_refused_a_participation_budget_instrument(
    partner: APIClient, velsen: Municipality
) -> None:
    group_4 = ClientFactory.create(municipality=velsen, group_4=True)
    response = partner.post(
        "/api/v1/inzetten",
        {
            "werkzoekende": str(group_4.uuid),
            "voorziening": "taalcursus",
            "startdatum": "2026-07-01",
            "einddatum": "2026-12-31",
        },
        format="json",
    )
    body = problem(response, 400)
    assert body["code"] == "invalid"
    [param] = body["invalidParams"]
    assert param["name"] == "voorziening"
    assert "participatiebudget" in param["reason"]
    assert "doelgroep 4" in param["reason"]
    assert not Deployment.objects.exists()


def test_deployment_needing_a_trajectory_is_refused_without_one(
    partner: APIClient, client_velsen: Client
) -> None:
    data = {
        "werkzoekende": str(client_velsen.uuid),
        "voorziening": "functiegerichte-scholing",
        "startdatum": "2026-07-01",
        "einddatum": "2026-12-31",
    }
    assert "traject" in reasons(partner.post("/api/v1/inzetten", data, format="json"))
    trajectory = TrajectoryFactory.create(client=client_velsen)
    created = partner.post(
        "/api/v1/inzetten", {**data, "traject": str(trajectory.uuid)}, format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["tarief"], body["aantal"], body["totaleKosten"]) == (
        "3000.00",
        "1.00",
        "3000.00",
    )
    assert body["traject"] == str(trajectory.uuid) and body["status"] == "lopend"


def test_deployment_rate_times_units_and_status_change(
    partner: APIClient, client_velsen: Client
) -> None:
    created = partner.post(
        "/api/v1/inzetten",
        {
            "werkzoekende": str(client_velsen.uuid),
            "voorziening": "jobcoaching",
            "startdatum": "2026-07-01",
            "einddatum": "2026-12-31",
            "tarief": "70.00",
            "aantal": "40",
            "status": "aangevraagd",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["eenheid"], body["totaleKosten"]) == ("uur", "2800.00")
    url = f"/api/v1/inzetten/{body['uuid']}"
    moved = partner.patch(url, {"versie": 1, "status": "geannuleerd"}, format="json")
    assert moved.status_code == 200, moved.content
    assert moved.json()["status"] == "geannuleerd"
    assert "versie" in reasons(
        partner.patch(url, {"versie": 1, "toelichting": "x"}, format="json")
    )
    assert instrument("jobcoaching").cost_unit == "uur"


# --- plaatsingen ----------------------------------------------------------------------


def test_werkmakelaar_registers_a_placement_from_a_hired_proposal(
    werkmakelaar: User, client_velsen: Client
) -> None:
    employer = EmployerFactory.create()
    vacancy = VacancyFactory.create(employer=employer, close_date=None)
    proposal = ProposalFactory.create(
        vacancy=vacancy,
        client=client_velsen,
        proposed_by=werkmakelaar,
        status=ProposalStatus.HIRED,
    )
    response = session(werkmakelaar).post(
        "/api/v1/plaatsingen",
        {
            "werkzoekende": str(client_velsen.uuid),
            "werkgever": str(employer.uuid),
            "voordracht": str(proposal.uuid),
            "soort": "regulier",
            "functie": "Lasser",
            "startdatum": "2026-06-01",
            "urenPerWeek": 32,
            "uurloon": "16.50",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["vacature"] == str(vacancy.uuid)  # the proposal's vacancy
    assert [n["maanden"] for n in body["nazorg"]] == [1, 3, 6, 12]
    placement = Placement.objects.get(uuid=body["uuid"])
    assert placement.registered_by == werkmakelaar


def test_trial_placement_longer_than_two_months_is_refused(
    partner: APIClient, client_velsen: Client
) -> None:
    data = {
        "werkzoekende": str(client_velsen.uuid),
        "werkgever": str(EmployerFactory.create().uuid),
        "soort": "proefplaatsing",
        "functie": "Magazijnmedewerker",
        "startdatum": "2026-06-01",
        "eindeProefplaatsing": "2026-08-15",
        "urenPerWeek": 24,
    }
    found = reasons(partner.post("/api/v1/plaatsingen", data, format="json"))
    assert list(found) == ["eindeProefplaatsing"]
    assert "2 maanden" in found["eindeProefplaatsing"]
    assert not Placement.objects.exists()


def test_placement_for_a_closed_file_is_refused(
    partner: APIClient, velsen: Municipality
) -> None:
    closed = ClientFactory.create(municipality=velsen, outflowed=True)
    data = {
        "werkzoekende": str(closed.uuid),
        "werkgever": str(EmployerFactory.create().uuid),
        "soort": "regulier",
        "functie": "Lasser",
        "startdatum": "2026-06-01",
        "urenPerWeek": 36,
    }
    assert "werkzoekende" in reasons(
        partner.post("/api/v1/plaatsingen", data, format="json")
    )
    assert not Placement.objects.exists()


def test_placement_patch_and_end(partner: APIClient, client_velsen: Client) -> None:
    placement = PlacementFactory.create(client=client_velsen)
    url = f"/api/v1/plaatsingen/{placement.uuid}"
    changed = partner.patch(url, {"versie": 1, "urenPerWeek": 32}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["urenPerWeek"] == 32.0
    ended = partner.patch(
        url,
        {"versie": 2, "einddatum": "2026-06-12", "redenEinde": "einde-contract"},
        format="json",
    )
    assert ended.status_code == 200, ended.content
    assert (ended.json()["einddatum"], ended.json()["versie"]) == ("2026-06-12", 3)
    assert AuditEvent.objects.filter(action="placement_ended").count() == 1
    assert "versie" in reasons(
        partner.patch(url, {"versie": 2, "functie": "Te laat"}, format="json")
    )


# --- loonwaardebepalingen -------------------------------------------------------------


def test_assessment_create_with_default_next_date_and_range_check(
    partner: APIClient, client_velsen: Client
) -> None:
    placement = PlacementFactory.create(client=client_velsen, subsidised=True)
    data = {
        "werkzoekende": str(client_velsen.uuid),
        "plaatsing": str(placement.uuid),
        "datum": "2026-06-01",
        "methode": "werkplekmethode",
        "deskundige": "A. de Vries",
        "loonwaarde": 101,
    }
    assert list(
        reasons(partner.post("/api/v1/loonwaardebepalingen", data, format="json"))
    ) == ["loonwaarde"]
    created = partner.post(
        "/api/v1/loonwaardebepalingen", {**data, "loonwaarde": 55}, format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["loonwaarde"], body["volgendeBepaling"]) == (55, "2027-06-01")
    url = f"/api/v1/loonwaardebepalingen/{body['uuid']}"
    fixed = partner.patch(url, {"versie": 1, "loonwaarde": 50}, format="json")
    assert fixed.status_code == 200, fixed.content
    assert "versie" in reasons(
        partner.patch(url, {"versie": 1, "loonwaarde": 45}, format="json")
    )
    assert WageValueAssessment.objects.get().wage_value == 50


def test_assessment_without_placement_needs_a_job_description(
    partner: APIClient, client_velsen: Client
) -> None:
    data = {
        "werkzoekende": str(client_velsen.uuid),
        "datum": "2026-06-01",
        "methode": "dariuz",
        "deskundige": "A. de Vries",
        "loonwaarde": 70,
    }
    assert reasons(partner.post("/api/v1/loonwaardebepalingen", data, format="json"))
    created = partner.post(
        "/api/v1/loonwaardebepalingen",
        {**data, "functieomschrijving": "Inpakker"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["plaatsing"] is None


def test_klantmanager_session_writes_for_own_municipality_only(
    klantmanager_velsen: User,
    klantmanager_beverwijk: User,
    client_velsen: Client,
) -> None:
    data = {
        "werkzoekende": str(client_velsen.uuid),
        "soort": "activering",
        "startdatum": "2026-06-01",
    }
    refused = session(klantmanager_beverwijk).post(
        "/api/v1/trajecten", data, format="json"
    )
    assert list(reasons(refused)) == ["werkzoekende"]
    created = session(klantmanager_velsen).post(
        "/api/v1/trajecten", data, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["klantmanager"] == klantmanager_velsen.username
    event = AuditEvent.objects.get(action="trajectory_created")
    assert event.user == klantmanager_velsen
