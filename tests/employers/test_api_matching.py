"""API: writing employers and vacancies, candidates (kandidaten) and voordrachten."""

from __future__ import annotations

from datetime import timedelta

import pytest

from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from clients.models import Client
from employers.models import Employer, EmployerContact, Proposal, Vacancy
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.inbox.models import Task
from tests.conftest import PartnerFactory, bearer, verify_second_factor
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db

ALL = [
    "werkgevers.lezen",
    "werkgevers.schrijven",
    "werkgeverscontacten.lezen",
    "werkgeverscontacten.schrijven",
    "vacatures.lezen",
    "vacatures.schrijven",
    "voordrachten.lezen",
    "voordrachten.schrijven",
]
PROFILE_KEYS = {
    "werkzoekende",
    "naam",
    "leeftijd",
    "gemeente",
    "gewensteSectoren",
    "gewensteBeroepen",
    "gewensteUrenPerWeek",
    "opleidingsniveau",
    "rijbewijs",
    "talen",
    "trede",
    "score",
    "opbouw",
    "alVoorgedragen",
}


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


@pytest.fixture
def wsp(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    """A werkgeversservicepunt system for Velsen with every employer scope."""
    return bearer(make_partner(scopes=ALL, municipalities=[velsen])[1].api_key)


def test_candidates_are_ranked_with_the_limited_profile(
    wsp: APIClient, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    response = wsp.get(f"/api/v1/vacatures/{welder_vacancy.uuid}/kandidaten")
    assert response.status_code == 200
    rows = response.json()
    assert [r["score"] for r in rows] == [110, 10, -40]  # Beverwijk not visible
    for row in rows:
        assert set(row) == PROFILE_KEYS
        assert sum(p["punten"] for p in row["opbouw"]) == row["score"]
    text = response.content.decode()
    assert hand_made["ideal"].bsn not in text
    assert "GEHEIM-BELEMMERING" not in text
    assert (
        wsp.get(
            f"/api/v1/vacatures/{welder_vacancy.uuid}/kandidaten?aantal=0"
        ).status_code
        == 400
    )


def test_candidates_need_the_proposals_scope(
    make_partner: PartnerFactory, velsen: Municipality, welder_vacancy: Vacancy
) -> None:
    reader = bearer(
        make_partner(scopes=["vacatures.lezen"], municipalities=[velsen])[1].api_key
    )
    assert reader.get(f"/api/v1/vacatures/{welder_vacancy.uuid}").status_code == 200
    url = f"/api/v1/vacatures/{welder_vacancy.uuid}/kandidaten"
    assert reader.get(url).status_code == 403


def test_propose_twice_is_400_and_foreign_client_is_404(
    wsp: APIClient, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    body = {
        "vacature": str(welder_vacancy.uuid),
        "werkzoekende": str(hand_made["ideal"].uuid),
    }
    created = wsp.post("/api/v1/voordrachten", body, format="json")
    assert created.status_code == 201
    assert created.json()["status"] == "voorgesteld"
    again = wsp.post("/api/v1/voordrachten", body, format="json")
    assert again.status_code == 400
    assert again.json()["invalidParams"][0] == {
        "name": "werkzoekende",
        "code": "invalid",
        "reason": "Deze werkzoekende is al voorgedragen voor deze vacature.",
    }
    foreign = {**body, "werkzoekende": str(hand_made["beverwijk"].uuid)}
    assert wsp.post("/api/v1/voordrachten", foreign, format="json").status_code == 404
    assert Proposal.objects.count() == 1


def test_advance_a_proposal(
    wsp: APIClient, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    body = {
        "vacature": str(welder_vacancy.uuid),
        "werkzoekende": str(hand_made["ideal"].uuid),
    }
    created = wsp.post("/api/v1/voordrachten", body, format="json").json()
    url, version = created["url"], created["versie"]
    moved = wsp.patch(url, {"status": "uitgenodigd", "versie": version}, format="json")
    assert moved.status_code == 200
    assert moved.json()["uitgenodigdOp"] is not None
    assert moved.json()["versie"] == version + 1
    stale = wsp.patch(url, {"status": "gesprek", "versie": version}, format="json")
    assert stale.status_code == 400
    assert stale.json()["invalidParams"][0]["name"] == "versie"
    current = version + 1
    back = wsp.patch(url, {"status": "voorgesteld", "versie": current}, format="json")
    assert back.status_code == 400
    assert back.json()["invalidParams"][0]["name"] == "status"
    no_reason = wsp.patch(
        url, {"status": "afgewezen", "versie": current}, format="json"
    )
    assert no_reason.json()["invalidParams"][0]["name"] == "redenAfwijzing"
    without_version = wsp.patch(url, {"status": "gesprek"}, format="json")
    assert without_version.json()["invalidParams"][0]["name"] == "versie"
    assert Proposal.objects.get().status == "uitgenodigd"


def test_proposals_of_foreign_clients_are_not_found(
    make_partner: PartnerFactory,
    beverwijk: Municipality,
    wsp: APIClient,
    welder_vacancy: Vacancy,
    hand_made: dict[str, Client],
) -> None:
    body = {
        "vacature": str(welder_vacancy.uuid),
        "werkzoekende": str(hand_made["ideal"].uuid),
    }
    proposal = wsp.post("/api/v1/voordrachten", body, format="json").json()
    other = bearer(make_partner(scopes=ALL, municipalities=[beverwijk])[1].api_key)
    assert other.get(f"/api/v1/voordrachten/{proposal['uuid']}").status_code == 404
    assert other.get("/api/v1/voordrachten").json()["count"] == 0
    no_scope = bearer(
        make_partner(scopes=["vacatures.lezen"], municipalities=[beverwijk])[1].api_key
    )
    assert no_scope.get("/api/v1/voordrachten").status_code == 403


def test_vacancy_rules_hold_over_the_api(wsp: APIClient) -> None:
    employer = EmployerFactory.create()
    body = {
        "werkgever": str(employer.uuid),
        "functietitel": "Schoonmaker",
        "urenPerWeek": 24,
        "openVanaf": "2026-05-01",
        "sluitingsdatum": "2026-04-01",
    }
    early = wsp.post("/api/v1/vacatures", body, format="json")
    assert early.status_code == 400
    assert early.json()["invalidParams"][0]["name"] == "sluitingsdatum"
    negative = wsp.post(
        "/api/v1/vacatures",
        {**body, "sluitingsdatum": None, "urenPerWeek": -4, "aantalPlaatsen": 0},
        format="json",
    )
    assert {p["name"] for p in negative.json()["invalidParams"]} == {
        "urenPerWeek",
        "aantalPlaatsen",
    }
    created = wsp.post(
        "/api/v1/vacatures", {**body, "sluitingsdatum": None}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["branchecluster"] == "techniek-industrie"
    stale = wsp.patch(
        created.json()["url"], {"versie": 0, "beroep": "x"}, format="json"
    )
    assert stale.json()["invalidParams"][0]["name"] == "versie"
    assert Vacancy.objects.count() == 1


def test_employer_rules_hold_over_the_api(wsp: APIClient) -> None:
    EmployerFactory.create(kvk_number="34011246")
    invalid = wsp.post(
        "/api/v1/werkgevers", {"naam": "X", "kvkNummer": "1234"}, format="json"
    )
    assert invalid.json()["invalidParams"][0]["name"] == "kvkNummer"
    duplicate = wsp.post(
        "/api/v1/werkgevers", {"naam": "X", "kvkNummer": "3401 1246"}, format="json"
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["invalidParams"][0]["reason"] == (
        "Er is al een werkgever met dit KvK-nummer."
    )
    created = wsp.post(
        "/api/v1/werkgevers",
        {"naam": "Nieuw B.V.", "kvkNummer": "12345678"},
        format="json",
    )
    assert created.status_code == 201
    changed = wsp.patch(
        created.json()["url"], {"versie": 1, "plaats": "Velsen-Zuid"}, format="json"
    )
    assert changed.json()["plaats"] == "Velsen-Zuid"
    assert Employer.objects.count() == 2


def test_contacts_are_logged_over_the_api(wsp: APIClient, werkmakelaar: User) -> None:
    employer = EmployerFactory.create()
    follow_up = timezone.localdate() + timedelta(days=30)
    body = {
        "werkgever": str(employer.uuid),
        "soort": "bedrijfsbezoek",
        "onderwerp": "Rondleiding productiehal",
        "vervolgafspraak": follow_up.isoformat(),
    }
    anonymous = wsp.post("/api/v1/werkgeverscontacten", body, format="json")
    assert anonymous.json()["invalidParams"][0]["name"] == "werkmakelaar"
    future = wsp.post(
        "/api/v1/werkgeverscontacten",
        {**body, "werkmakelaar": werkmakelaar.username, "datum": "2099-01-01"},
        format="json",
    )
    assert future.json()["invalidParams"][0]["name"] == "datum"
    unknown_kind = wsp.post(
        "/api/v1/werkgeverscontacten",
        {**body, "werkmakelaar": werkmakelaar.username, "soort": "roddel"},
        format="json",
    )
    assert unknown_kind.json()["invalidParams"][0]["name"] == "soort"
    assert not EmployerContact.objects.exists()
    created = wsp.post(
        "/api/v1/werkgeverscontacten",
        {**body, "werkmakelaar": werkmakelaar.username},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["werkmakelaar"] == werkmakelaar.username
    task = Task.objects.get(assignee=werkmakelaar)
    assert task.due_date == follow_up
    employer.archived_at = employer.created_at
    employer.save()
    archived = wsp.post(
        "/api/v1/werkgeverscontacten",
        {**body, "werkmakelaar": werkmakelaar.username},
        format="json",
    )
    assert archived.status_code == 400
    assert EmployerContact.objects.count() == 1


def test_a_werkmakelaar_session_logs_as_itself(werkmakelaar: User) -> None:
    employer = EmployerFactory.create()
    client = APIClient()
    client.force_login(werkmakelaar)
    verify_second_factor(client, werkmakelaar)
    created = client.post(
        "/api/v1/werkgeverscontacten",
        {"werkgever": str(employer.uuid), "soort": "telefoon", "onderwerp": "Bellen"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["werkmakelaar"] == werkmakelaar.username
