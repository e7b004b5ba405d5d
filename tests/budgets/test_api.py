"""The partner API of budgets: who gets in, writes through the services, the overview."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from budgets.models import Budget, BudgetLine, Commitment, Realisation
from budgets.selectors import budget_overview
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit.models import AuditEvent
from tests.budgets.conftest import budget, deployment
from tests.conftest import PartnerFactory, bearer, verify_second_factor
from tests.trajectories.factories import category
from trajectories.models import FundingStream

pytestmark = pytest.mark.django_db

NOW = "2026-11-20 12:00 +0100"
BUDGETS = "/api/v1/budgetten"
OVERVIEW = "/api/v1/budgetten/overzicht"
REALISATIONS = "/api/v1/realisaties"
PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def session(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:400]
    assert response["Content-Type"] == PROBLEM
    return dict(response.json())


def names(body: dict[str, Any]) -> list[str]:
    return [p["name"] for p in body.get("invalidParams", [])]


def new_budget(**fields: Any) -> dict[str, Any]:
    return {
        "gemeente": "0453",
        "jaar": 2026,
        "financieringsstroom": "participatiebudget",
        "bedrag": "1000000.00",
        **fields,
    }


@pytest.fixture
def partner(make_partner: PartnerFactory, velsen: Municipality) -> APIClient:
    _, credentials = make_partner(
        scopes=["budgetten.lezen", "budgetten.schrijven"], municipalities=[velsen]
    )
    return bearer(credentials.api_key)


# --- who gets in -----------------------------------------------------------------


@pytest.mark.parametrize("persona", ["klantmanager_velsen", "werkmakelaar"])
@pytest.mark.parametrize("path", [BUDGETS, OVERVIEW, REALISATIONS])
def test_caseworkers_get_no_budgets(
    request: pytest.FixtureRequest, persona: str, path: str, velsen: Municipality
) -> None:
    budget(velsen, "1000.00")
    client = session(request.getfixturevalue(persona))
    assert problem(client.get(path), 403)["code"] == "permission_denied"
    assert problem(client.post(BUDGETS, new_budget(), format="json"), 403)


def test_partner_without_the_scope_is_refused(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(scopes=["gemeenten.lezen"], municipalities=[velsen])
    client = bearer(credentials.api_key)
    for path in (BUDGETS, OVERVIEW, REALISATIONS):
        problem(client.get(path), 403)
    problem(client.post(BUDGETS, new_budget(), format="json"), 403)
    assert not Budget.objects.exists()


def test_partner_with_the_scope_sees_only_its_municipalities(
    partner: APIClient, velsen: Municipality, beverwijk: Municipality
) -> None:
    own = budget(velsen, "1000.00")
    other = budget(beverwijk, "2000.00")
    listed = partner.get(BUDGETS).json()
    assert [b["uuid"] for b in listed["results"]] == [str(own.uuid)]
    assert listed["results"][0]["gemeente"] == "0453"
    problem(partner.get(f"{BUDGETS}/{other.uuid}"), 404)
    rows = partner.get(OVERVIEW, {"jaar": "2026"}).json()["results"]
    assert {r["gemeente"] for r in rows} == {"0453"}


def test_manager_of_another_municipality_finds_nothing(
    manager_beverwijk: User, velsen: Municipality
) -> None:
    row = budget(velsen, "1000.00")
    client = session(manager_beverwijk)
    assert client.get(BUDGETS).json()["count"] == 0
    problem(client.get(f"{BUDGETS}/{row.uuid}"), 404)
    body = problem(
        client.patch(
            f"{BUDGETS}/{row.uuid}", {"bedrag": "1.00", "versie": 1}, format="json"
        ),
        404,
    )
    assert body["code"] == "not_found"
    problem(client.post(BUDGETS, new_budget(), format="json"), 404)
    assert Budget.objects.get().amount == Decimal("1000.00")
    assert Budget.objects.count() == 1


# --- budgetten: create and amend ------------------------------------------------------


def test_manager_creates_a_budget_with_lines(manager_velsen: User) -> None:
    training, coaching = category("training"), category("scholing")
    client = session(manager_velsen)
    response = client.post(
        BUDGETS,
        new_budget(
            toelichting="Begroting 2026",
            regels=[
                {"categorie": training.code, "bedrag": "400000.00"},
                {"categorie": coaching.code, "bedrag": "100000.00"},
            ],
        ),
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["bedrag"] == "1000000.00"
    assert body["versie"] == 1
    assert {(r["categorie"], r["bedrag"]) for r in body["regels"]} == {
        ("training", "400000.00"),
        ("scholing", "100000.00"),
    }
    stored = Budget.objects.get(uuid=body["uuid"])
    assert stored.note == "Begroting 2026"
    assert AuditEvent.objects.filter(action="budget_created").count() == 1
    detail = client.get(f"{BUDGETS}/{stored.uuid}").json()
    assert detail == body


def test_negative_amounts_are_refused(manager_velsen: User) -> None:
    client = session(manager_velsen)
    body = problem(client.post(BUDGETS, new_budget(bedrag="-1.00"), format="json"), 400)
    assert names(body) == ["bedrag"]
    line = {"categorie": category().code, "bedrag": "-5.00"}
    body = problem(client.post(BUDGETS, new_budget(regels=[line]), format="json"), 400)
    assert names(body) == ["regels.0.bedrag"]
    assert not Budget.objects.exists()
    assert not BudgetLine.objects.exists()


def test_lines_above_the_budget_are_refused_and_nothing_stored(
    manager_velsen: User,
) -> None:
    line = {"categorie": category().code, "bedrag": "2000000.00"}
    body = problem(
        session(manager_velsen).post(BUDGETS, new_budget(regels=[line]), format="json"),
        400,
    )
    assert names(body) == ["regels"]
    assert "meer dan het budget" in body["invalidParams"][0]["reason"]
    assert not Budget.objects.exists()


def test_a_second_budget_for_the_same_year_and_stream_is_400_in_dutch(
    manager_velsen: User, velsen: Municipality
) -> None:
    budget(velsen, "1000.00")
    body = problem(
        session(manager_velsen).post(BUDGETS, new_budget(), format="json"), 400
    )
    assert names(body) == ["nonFieldErrors"]
    assert body["invalidParams"][0]["reason"].startswith(
        "Er is al een budget voor deze gemeente, dit jaar en deze financieringsstroom"
    )
    assert Budget.objects.count() == 1


def test_amendment_with_versie_and_a_stale_versie(
    manager_velsen: User, beheerder_velsen: User, velsen: Municipality
) -> None:
    row = budget(velsen, "1000.00")
    manager, beheerder = session(manager_velsen), session(beheerder_velsen)
    url = f"{BUDGETS}/{row.uuid}"
    first = manager.patch(url, {"bedrag": "1500.00", "versie": 1}, format="json")
    assert first.status_code == 200, first.content
    assert (first.json()["bedrag"], first.json()["versie"]) == ("1500.00", 2)
    # The beheerder read version 1 before the manager's change.
    body = problem(
        beheerder.patch(url, {"bedrag": "900.00", "versie": 1}, format="json"), 400
    )
    assert names(body) == ["versie"]
    assert "intussen gewijzigd" in body["invalidParams"][0]["reason"]
    row.refresh_from_db()
    assert (row.amount, row.version) == (Decimal("1500.00"), 2)
    body = problem(manager.patch(url, {"bedrag": "900.00"}, format="json"), 400)
    assert names(body) == ["versie"]
    change = AuditEvent.objects.filter(object_id=str(row.pk)).order_by("-pk").first()
    assert change is not None and "1.500,00" in change.summary


def test_patch_replaces_the_lines_and_keeps_the_year(
    manager_velsen: User, velsen: Municipality
) -> None:
    row = budget(velsen, "1000.00")
    url = f"{BUDGETS}/{row.uuid}"
    line = {"categorie": category().code, "bedrag": "600.00"}
    response = session(manager_velsen).patch(
        url, {"regels": [line], "jaar": 2030, "versie": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["jaar"] == 2026
    assert [(r["categorie"], r["bedrag"]) for r in response.json()["regels"]] == [
        ("training", "600.00")
    ]


def test_budget_filters(manager_velsen: User, velsen: Municipality) -> None:
    budget(velsen, "1.00", year=2025)
    budget(velsen, "2.00", stream=FundingStream.BENEFITS)
    client = session(manager_velsen)
    found = client.get(BUDGETS, {"jaar": "2025"}).json()["results"]
    assert [b["bedrag"] for b in found] == ["1.00"]
    found = client.get(BUDGETS, {"financieringsstroom": "buig"}).json()["results"]
    assert [b["bedrag"] for b in found] == ["2.00"]
    assert client.get(BUDGETS, {"gemeente": "0453"}).json()["count"] == 2
    assert names(problem(client.get(BUDGETS, {"jaar": "twintig"}), 400)) == ["jaar"]
    assert names(problem(client.get(BUDGETS, {"gemeente": "0375"}), 400)) == [
        "gemeente"
    ]


# --- the overview --------------------------------------------------------------------


def test_overview_figures_equal_the_selector(
    manager_velsen: User, velsen: Municipality
) -> None:
    budget(velsen, "10000.00")
    deployment(velsen, date(2026, 1, 1), date(2026, 12, 31))
    Realisation.objects.create(
        municipality=velsen,
        funding_stream=FundingStream.PARTICIPATION,
        year=2026,
        month=3,
        amount=Decimal("250.00"),
        source=Realisation.Source.MANUAL,
        created_by=manager_velsen,
    )
    body = session(manager_velsen).get(OVERVIEW, {"gemeente": "0453", "jaar": "2026"})
    assert body.status_code == 200, body.content
    rows = body.json()["results"]
    expected = budget_overview(manager_velsen, year=2026)
    assert len(rows) == len(expected) == len(FundingStream.values)
    by_stream = {r["financieringsstroom"]: r for r in rows}
    for figures in expected:
        row = by_stream[figures.funding_stream]
        assert row["gemeente"] == "0453"
        assert row["budget"] == (
            None if figures.budget is None else str(figures.budget)
        )
        assert Decimal(row["verplicht"]) == figures.committed
        assert Decimal(row["gerealiseerd"]) == figures.realised
        assert Decimal(row["prognose"]) == figures.forecast
        pct = figures.exhaustion_pct
        assert row["uitputting"] == (None if pct is None else str(pct))
        assert row["signaal"] == (figures.level or "geen")
    participation = by_stream["participatiebudget"]
    assert participation["budget"] == "10000.00"
    months = participation["maanden"]
    assert [m["maand"] for m in months] == list(range(1, 13))
    assert months[2]["gerealiseerd"] == "250.00"
    assert sum(Decimal(m["verplicht"]) for m in months) == Decimal(
        participation["verplicht"]
    )
    assert Commitment.objects.exists()


def test_overview_names_a_wrong_parameter(
    manager_velsen: User, beverwijk: Municipality
) -> None:
    client = session(manager_velsen)
    assert names(problem(client.get(OVERVIEW, {"jaar": "2026x"}), 400)) == ["jaar"]
    assert names(problem(client.get(OVERVIEW, {"jaar": "1999"}), 400)) == ["jaar"]
    assert names(problem(client.get(OVERVIEW, {"gemeente": "0375"}), 400)) == [
        "gemeente"
    ]
    assert names(problem(client.get(OVERVIEW, {"gemeente": "abc"}), 400)) == [
        "gemeente"
    ]
    assert names(problem(client.get(OVERVIEW, {"stroom": "buig"}), 400)) == ["stroom"]


def test_overview_without_gemeente_covers_every_served_municipality(
    manager: User,
) -> None:
    rows = session(manager).get(OVERVIEW).json()["results"]
    assert {r["gemeente"] for r in rows} == {"0375", "0396", "0453"}
    assert {r["jaar"] for r in rows} == {2026}


def _queries(client: APIClient, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_overview_and_lists_cost_a_fixed_number_of_queries(
    manager: User, all_municipalities: list[Municipality]
) -> None:
    client = session(manager)
    line_category = category()

    def add(year: int) -> None:
        for municipality in all_municipalities:
            for stream in FundingStream.values:
                row = budget(municipality, "1000.00", year=year, stream=stream)
                BudgetLine.objects.create(
                    budget=row, category=line_category, amount=Decimal("10.00")
                )
                Realisation.objects.create(
                    municipality=municipality,
                    funding_stream=stream,
                    year=year,
                    month=1,
                    amount=Decimal("5.00"),
                    source=Realisation.Source.MANUAL,
                    created_by=manager,
                )

    add(2025)
    small = [_queries(client, p) for p in (OVERVIEW, BUDGETS, REALISATIONS)]
    add(2026)
    add(2024)
    large = [_queries(client, p) for p in (OVERVIEW, BUDGETS, REALISATIONS)]
    assert large == small
