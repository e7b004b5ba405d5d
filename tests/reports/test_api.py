"""The reports API's figures: the month and the evaluation, their parameters and who gets in.

October 2026, frozen on 20 November 2026 (Europe/Amsterdam). Velsen (0453):

- a: registered 01-09, still open
- b: registered 05-10 → 20-10 work (werk in loondienst)
- c: registered 10-10, still open
- d: registered 01-08 → 15-10 moved away (verhuizing)

Beverwijk (0375): e registered 01-10, open; f registered 01-07 → 31-10 work
(werk als zelfstandige). Heemskerk (0396): nothing.

End of October: Velsen a, c (2), Beverwijk e (1), region 3. Inflow 2 + 1,
outflow 2 + 1, to work 1 + 1.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ijmondwerkt.accounts.models import Municipality, User
from reports.figures import month_report
from reports.figures.types import Figures
from tests.conftest import PartnerFactory, bearer, verify_second_factor
from tests.reports.conftest import outflow, register, trajectory
from trajectories.models import TrajectoryKind

pytestmark = pytest.mark.django_db

NOW = "2026-11-20 12:00 +0100"
OCTOBER = date(2026, 10, 1)
MONTH = "/api/v1/rapportages/maand"
EVALUATION = "/api/v1/rapportages/evaluatie"
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


@pytest.fixture
def october(
    velsen: Municipality, beverwijk: Municipality, klantmanager_velsen: User
) -> dict[str, Any]:
    km = klantmanager_velsen
    a = register(velsen, date(2026, 9, 1))
    b = register(velsen, date(2026, 10, 5))
    outflow(b, date(2026, 10, 20), "werk-loondienst", km)
    c = register(velsen, date(2026, 10, 10))
    d = register(velsen, date(2026, 8, 1))
    outflow(d, date(2026, 10, 15), "verhuizing", km)
    e = register(beverwijk, date(2026, 10, 1))
    f = register(beverwijk, date(2026, 7, 1))
    outflow(f, date(2026, 10, 31), "werk-zelfstandige", km)
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


# --- the month ---------------------------------------------------------------------


def _headline(column: dict[str, Any]) -> tuple[int, int, int, int]:
    return (
        column["bestandEindeMaand"],
        column["instroom"],
        column["uitstroom"],
        column["uitstroomNaarWerk"],
    )


def test_month_figures_per_municipality_and_region(
    october: dict[str, Any], manager: User
) -> None:
    body = session(manager).get(MONTH, {"maand": "2026-10"}).json()
    assert body["maand"] == "2026-10"
    assert body["peildatum"] == "2026-10-31"
    columns = {c["code"]: c for c in body["gemeenten"]}
    assert [c["naam"] for c in body["gemeenten"]] == [
        "Beverwijk",
        "Heemskerk",
        "Velsen",
    ]
    assert _headline(columns["0453"]) == (2, 2, 2, 1)
    assert _headline(columns["0375"]) == (1, 1, 1, 1)
    assert _headline(columns["0396"]) == (0, 0, 0, 0)
    assert body["totaal"]["code"] == ""
    assert _headline(body["totaal"]) == (3, 3, 3, 2)
    velsen = columns["0453"]
    assert velsen["bestand"]["vorigeMaand"] == 2  # a and d at the end of September
    reasons = {r["code"]: r["aantal"] for r in velsen["stromen"]["uitstroomPerReden"]}
    assert reasons == {"werk-loondienst": 1, "verhuizing": 1}
    assert velsen["stromen"]["trend"][-1] == {
        "maand": "2026-10",
        "instroom": 2,
        "uitstroom": 2,
        "bestand": 2,
    }


def _section_names(figures: Figures) -> dict[str, int]:
    return {
        f.name: len(dataclasses.fields(getattr(figures, f.name)))
        for f in dataclasses.fields(figures)
        if dataclasses.is_dataclass(getattr(figures, f.name))
    }


SECTIONS = {
    "caseload": "bestand",
    "flows": "stromen",
    "intake": "intake",
    "trajectories": "trajecten",
    "placements": "plaatsingen",
    "ladder": "participatieladder",
    "employers": "werkgevers",
    "subsidy": "loonkostensubsidie",
    "budget": "budget",
}


def test_every_section_and_figure_of_the_structure_is_in_the_answer(
    october: dict[str, Any], manager: User
) -> None:
    report = month_report(manager, OCTOBER)
    body = session(manager).get(MONTH, {"maand": "2026-10"}).json()
    for structure, column in [
        *zip(report.municipalities, body["gemeenten"], strict=True),
        (report.total, body["totaal"]),
    ]:
        assert column["code"] == structure.code
        assert column["naam"] == structure.name
        for section, count in _section_names(structure).items():
            assert len(column[SECTIONS[section]]) == count, section
        caseload, flows = structure.caseload, structure.flows
        assert column["bestand"]["totaal"] == caseload.total
        assert column["bestand"]["verschil"] == caseload.change
        assert column["stromen"]["instroomDitJaar"] == flows.inflow_year_to_date
        assert column["intake"]["aanmeldingen"] == structure.intake.registrations
        assert column["trajecten"]["lopend"] == structure.trajectories.running
        assert len(column["budget"]["stromen"]) == len(structure.budget.streams)
        for api_row, row in zip(
            column["budget"]["stromen"], structure.budget.streams, strict=True
        ):
            assert api_row["code"] == row.code
            assert api_row["verplicht"] == f"{row.committed:.2f}"
        assert column["budget"]["besparing"]["besparing"] == (
            f"{structure.budget.savings.saving:.2f}"
        )
        ladder = column["participatieladder"]
        assert set(ladder) == {"maand", "ditJaar"}
        assert set(ladder["maand"]) == {"omhoog", "omlaag", "gelijk", "eerste"}


def test_one_municipality_narrows_the_report(
    october: dict[str, Any], manager: User
) -> None:
    body = session(manager).get(MONTH, {"maand": "2026-10", "gemeente": "0453"}).json()
    assert [c["code"] for c in body["gemeenten"]] == ["0453"]
    assert _headline(body["totaal"]) == (2, 2, 2, 1)


def test_without_maand_the_previous_month(
    october: dict[str, Any], manager: User
) -> None:
    body = session(manager).get(MONTH).json()
    assert body["maand"] == "2026-10"


def test_the_running_month_gives_its_figures_so_far(
    october: dict[str, Any], manager: User, velsen: Municipality
) -> None:
    register(velsen, date(2026, 11, 3))
    body = session(manager).get(MONTH, {"maand": "2026-11"}).json()
    assert body["maand"] == "2026-11"
    assert body["peildatum"] == "2026-11-20"
    assert body["totaal"]["instroom"] == 1
    assert body["totaal"]["bestandEindeMaand"] == 4


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"maand": "2026-13"}, "maand"),
        ({"maand": "oktober"}, "maand"),
        ({"maand": "2026-1"}, "maand"),
        ({"maand": "2026-12"}, "maand"),  # not yet begun
        ({"maand": "2027-01"}, "maand"),
        ({"gemeente": "9999"}, "gemeente"),
        ({"gemeente": "Velsen"}, "gemeente"),
        ({"maand": "2026-10", "gemeenten": "0453"}, "gemeenten"),
    ],
)
def test_a_wrong_month_parameter_is_named(
    manager: User, query: dict[str, str], parameter: str
) -> None:
    body = problem(session(manager).get(MONTH, query), 400)
    assert names(body) == [parameter]


# --- who gets in ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["klantmanager_velsen", "werkmakelaar"])
@pytest.mark.parametrize("path", [MONTH, EVALUATION])
def test_caseworkers_get_no_report_figures(
    persona: str, path: str, request: pytest.FixtureRequest
) -> None:
    problem(session(request.getfixturevalue(persona)).get(path), 403)


def test_a_manager_of_another_municipality_is_refused_velsen(
    october: dict[str, Any], manager_beverwijk: User
) -> None:
    client = session(manager_beverwijk)
    for path in (MONTH, EVALUATION):
        body = problem(client.get(path, {"gemeente": "0453"}), 400)
        assert names(body) == ["gemeente"]
    body = client.get(MONTH, {"maand": "2026-10"}).json()
    assert [c["code"] for c in body["gemeenten"]] == ["0375"]
    assert _headline(body["totaal"]) == (1, 1, 1, 1)


def test_a_partner_without_the_scope_is_refused(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(
        scopes=["budgetten.lezen", "gemeenten.lezen"], municipalities=[velsen]
    )
    client = bearer(credentials.api_key)
    for path in (MONTH, EVALUATION):
        problem(client.get(path), 403)


def test_a_partner_with_the_scope_gets_its_municipalities(
    october: dict[str, Any], make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(scopes=["rapportages.lezen"], municipalities=[velsen])
    client = bearer(credentials.api_key)
    body = client.get(MONTH, {"maand": "2026-10"}).json()
    assert [c["code"] for c in body["gemeenten"]] == ["0453"]
    assert _headline(body["totaal"]) == (2, 2, 2, 1)
    assert names(problem(client.get(MONTH, {"gemeente": "0375"}), 400)) == ["gemeente"]
    years = client.get(EVALUATION).json()
    assert years["gemeenten"] == ["0453"]


# --- the evaluation -------------------------------------------------------------------


@pytest.fixture
def history(october: dict[str, Any]) -> None:
    a, c, e = october["a"], october["c"], october["e"]
    trajectory(
        a,
        date(2006, 3, 1),
        date(2006, 9, 1),
        "plaatsing-regulier-werk",
        kind=TrajectoryKind.WORK_FIRST,
    )
    trajectory(c, date(2008, 5, 1))
    trajectory(e, date(2011, 2, 1), date(2011, 8, 1), "verhuizing")
    trajectory(a, date(2012, 1, 1))


def test_evaluation_by_start_year_within_the_years_asked(
    history: None, manager: User
) -> None:
    body = (
        session(manager).get(EVALUATION, {"vanJaar": "2006", "totJaar": "2011"}).json()
    )
    assert (body["vanJaar"], body["totJaar"], body["soort"]) == (2006, 2011, None)
    assert [y["jaar"] for y in body["jaren"]] == [2006, 2008, 2011]
    first = body["jaren"][0]
    assert (
        first["deelnemers"],
        first["uitstroomNaarWerk"],
        first["uitstroomPercentage"],
    ) == (1, 1, 100)
    assert first["eindredenen"] == [
        {
            "code": "plaatsing-regulier-werk",
            "omschrijving": first["eindredenen"][0]["omschrijving"],
            "succesvol": True,
            "uitstroomNaarWerk": True,
            "aantal": 1,
        }
    ]
    total = body["totaal"]
    # a (2006), c (2008), e (2011); a's trajectory of 2012 is outside the years.
    assert total["jaar"] is None
    assert (total["trajecten"], total["deelnemers"]) == (3, 3)
    assert (total["uitstroomNaarWerk"], total["uitstroomPercentage"]) == (1, 33)
    running = {r["code"]: r["aantal"] for r in total["eindredenen"]}
    assert running == {"plaatsing-regulier-werk": 1, "verhuizing": 1, "lopend": 1}


def test_evaluation_of_one_kind_and_one_municipality(
    history: None, manager: User
) -> None:
    client = session(manager)
    work_first = client.get(EVALUATION, {"soort": "work-first"}).json()
    assert [y["jaar"] for y in work_first["jaren"]] == [2006]
    assert work_first["soort"] == "work-first"
    beverwijk = client.get(EVALUATION, {"gemeente": "0375"}).json()
    assert beverwijk["gemeenten"] == ["0375"]
    assert [y["jaar"] for y in beverwijk["jaren"]] == [2011]
    everything = client.get(EVALUATION).json()
    assert [y["jaar"] for y in everything["jaren"]] == [2006, 2008, 2011, 2012]
    assert everything["totaal"]["deelnemers"] == 3  # a counted once


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"vanJaar": "2012", "totJaar": "2011"}, "vanJaar"),
        ({"vanJaar": "tweeduizend"}, "vanJaar"),
        ({"totJaar": "1999"}, "totJaar"),
        ({"soort": "onbekend"}, "soort"),
        ({"gemeente": "0000"}, "gemeente"),
        ({"jaar": "2011"}, "jaar"),
    ],
)
def test_a_wrong_evaluation_parameter_is_named(
    manager: User, query: dict[str, str], parameter: str
) -> None:
    body = problem(session(manager).get(EVALUATION, query), 400)
    assert names(body) == [parameter]


# --- cost -----------------------------------------------------------------------------


def _queries(client: APIClient, path: str, query: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, query).status_code == 200
    return len(captured)


def test_a_fixed_number_of_queries_whatever_the_data(
    october: dict[str, Any], manager: User, all_municipalities: list[Municipality]
) -> None:
    client = session(manager)
    asks = [(MONTH, {"maand": "2026-10"}), (EVALUATION, {})]
    small = [_queries(client, path, query) for path, query in asks]
    for municipality in all_municipalities:
        for month in (3, 9, 10):
            person = register(municipality, date(2026, month, 2))
            trajectory(person, date(2026, month, 2), date(2026, 10, 9), "verhuizing")
            trajectory(person, date(2007, 1, 1))
    large = [_queries(client, path, query) for path, query in asks]
    assert large == small


# --- the document ---------------------------------------------------------------------


def test_the_document_describes_every_figure(client: Any) -> None:
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    month = document["paths"]["/rapportages/maand"]["get"]
    ok = month["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/Maandrapportage"}
    column = schemas["RapportageCijfers"]["properties"]
    for name in ("bestandEindeMaand", "instroom", "uitstroom", "uitstroomNaarWerk"):
        assert column[name]["type"] == "integer"
    assert set(SECTIONS.values()) <= set(column)
    assert schemas["RapportageBestand"]["properties"]["perTrede"]["type"] == "array"
    year = schemas["EvaluatieJaar"]["properties"]
    assert {"jaar", "deelnemers", "uitstroomNaarWerk", "uitstroomPercentage"} <= set(
        year
    )
    assert {p["name"] for p in month["parameters"]} == {"maand", "gemeente"}
    assert month["security"][0] == {"oauth2": ["rapportages.lezen"]}
