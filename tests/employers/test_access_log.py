"""Doelbinding on the employer side: candidates, proposals and their pages are logged."""

from __future__ import annotations

from typing import Any

import pytest

from django.core.cache import cache

from clients.models import Client, ClientAccess
from employers.models import Vacancy
from ijmondwerkt.accounts.models import Municipality, User
from tests.conftest import PartnerFactory, bearer, logged_in
from tests.employers.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


def reads() -> list[tuple[Any, ...]]:
    return sorted(
        (a.client.first_name, a.user.username if a.user else None, a.channel, a.purpose)
        for a in ClientAccess.objects.select_related("client", "user")
    )


def test_api_candidates_log_each_candidate_for_the_vacancy(
    make_partner: PartnerFactory,
    velsen: Municipality,
    welder_vacancy: Vacancy,
    hand_made: dict[str, Client],
) -> None:
    system, credentials = make_partner(
        scopes=["vacatures.lezen", "voordrachten.lezen"], municipalities=[velsen]
    )
    url = f"/api/v1/vacatures/{welder_vacancy.uuid}/kandidaten"
    shown = bearer(credentials.api_key).get(url).json()
    purpose = f"Matching vacature {welder_vacancy.uuid}"
    assert reads() == sorted(
        (
            Client.objects.get(uuid=row["werkzoekende"]).first_name,
            system.user.username,
            "api",
            purpose,
        )
        for row in shown
    )
    ClientAccess.objects.all().delete()
    assert (
        bearer(credentials.api_key)
        .get(f"/api/v1/vacatures/{welder_vacancy.uuid}")
        .status_code
        == 200
    )
    assert not ClientAccess.objects.exists()  # the vacancy itself holds no client data


def test_api_candidates_without_the_proposals_scope_log_nothing(
    make_partner: PartnerFactory,
    velsen: Municipality,
    welder_vacancy: Vacancy,
    hand_made: Any,
) -> None:
    _, credentials = make_partner(scopes=["vacatures.lezen"], municipalities=[velsen])
    url = f"/api/v1/vacatures/{welder_vacancy.uuid}/kandidaten"
    assert bearer(credentials.api_key).get(url).status_code == 403
    assert not ClientAccess.objects.exists()


def test_api_proposals_are_logged_and_foreign_ones_are_not_shown(
    make_partner: PartnerFactory,
    velsen: Municipality,
    beverwijk: Municipality,
    welder_vacancy: Vacancy,
    hand_made: dict[str, Client],
    werkmakelaar: User,
) -> None:
    proposal = ProposalFactory.create(
        vacancy=welder_vacancy, client=hand_made["ideal"], proposed_by=werkmakelaar
    )
    system, credentials = make_partner(
        scopes=["voordrachten.lezen"], municipalities=[velsen]
    )
    api = bearer(credentials.api_key)
    assert api.get("/api/v1/voordrachten").json()["count"] == 1
    assert api.get(f"/api/v1/voordrachten/{proposal.uuid}").status_code == 200
    expected = ("Ideaal", system.user.username, "api", "API-raadpleging")
    assert reads() == [expected, expected]  # one row per response
    ClientAccess.objects.all().delete()
    _, foreign = make_partner(scopes=["voordrachten.lezen"], municipalities=[beverwijk])
    assert (
        bearer(foreign.api_key).get(f"/api/v1/voordrachten/{proposal.uuid}").status_code
        == 404
    )
    assert bearer(foreign.api_key).get("/api/v1/voordrachten").json()["count"] == 0
    assert not ClientAccess.objects.exists()


def test_the_vacancy_page_logs_candidates_and_the_board(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    ProposalFactory.create(
        vacancy=welder_vacancy, client=hand_made["ideal"], proposed_by=werkmakelaar
    )
    page = logged_in(werkmakelaar).get(welder_vacancy.get_absolute_url())
    assert page.status_code == 200
    logged = {a.client_id: a for a in ClientAccess.objects.all()}
    shown = {m.client_id for m in page.context["matches"]}
    assert set(logged) == shown | {hand_made["ideal"].pk}
    assert len(logged) == ClientAccess.objects.count()  # one row per client
    matching = f"Matching vacature {welder_vacancy.uuid}"
    assert {a.purpose for a in logged.values()} <= {
        matching,
        f"Voordrachten vacature {welder_vacancy.uuid}",
    }
    assert all(a.user == werkmakelaar and a.channel == "web" for a in logged.values())


def test_the_employer_page_and_the_start_page_log_the_proposals(
    werkmakelaar: User, welder_vacancy: Vacancy, hand_made: dict[str, Client]
) -> None:
    ProposalFactory.create(
        vacancy=welder_vacancy, client=hand_made["ideal"], proposed_by=werkmakelaar
    )
    browser = logged_in(werkmakelaar)
    employer = welder_vacancy.employer
    assert browser.get(employer.get_absolute_url()).status_code == 200
    assert reads() == [
        (
            "Ideaal",
            "werkmakelaar_regio",
            "web",
            f"Voordrachten werkgever {employer.uuid}",
        )
    ]
    ClientAccess.objects.all().delete()
    assert browser.get("/").status_code == 200
    assert reads() == [
        ("Ideaal", "werkmakelaar_regio", "web", "Startpagina: mijn voordrachten")
    ]


def test_fitting_vacancies_of_a_client_are_logged_for_its_klantmanager_only(
    klantmanager_velsen: User,
    klantmanager_beverwijk: User,
    welder_vacancy: Vacancy,
    hand_made: dict[str, Client],
) -> None:
    url = f"/vacatures/passend/{hand_made['ideal'].uuid}"
    assert logged_in(klantmanager_velsen).get(url).status_code == 200
    assert reads() == [("Ideaal", "klantmanager_velsen", "web", "Passende vacatures")]
    ClientAccess.objects.all().delete()
    assert logged_in(klantmanager_beverwijk).get(url).status_code == 404
    assert not ClientAccess.objects.exists()
