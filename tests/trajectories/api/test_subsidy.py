"""GET /plaatsingen/{uuid}/loonkostensubsidie: one row per month, with what was used."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rest_framework.test import APIClient

from clients.models import Client
from tests.trajectories.api.conftest import invalid_names
from tests.trajectories.factories import PlacementFactory, WageValueAssessmentFactory
from trajectories.models import Placement, WageValueAssessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def subsidised(client_velsen: Client) -> tuple[Placement, WageValueAssessment]:
    """36 hours a week from 1 January 2026, loonwaarde 60 % for the whole year."""
    placement = PlacementFactory.create(client=client_velsen, subsidised=True)
    return placement, WageValueAssessmentFactory.create(placement=placement)


def months(partner: APIClient, placement: Placement, query: str = "") -> Any:
    url = f"/api/v1/plaatsingen/{placement.uuid}/loonkostensubsidie"
    response = partner.get(f"{url}?{query}" if query else url)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_whole_month_at_wml_14_71_36_hours_60_percent_is_1219_34(
    partner: APIClient,
    client_velsen: Client,
    subsidised: tuple[Placement, WageValueAssessment],
) -> None:
    placement, assessment = subsidised
    body = months(partner, placement, "vanMaand=2026-01&totMaand=2026-12")
    assert (body["plaatsing"], body["werkzoekende"]) == (
        str(placement.uuid),
        str(client_velsen.uuid),
    )
    assert (body["vanMaand"], body["totMaand"]) == ("2026-01", "2026-12")
    assert len(body["maanden"]) == 12
    assert body["maanden"][0] == {
        "maand": "2026-01",
        "bedrag": "1219.34",
        "reden": "",
        "dagenGedekt": 31,
        "dagenInMaand": 31,
        "wmlPerUur": "14.71",
        "vakantiegeldPercentage": "8.00",
        "maximumPercentage": "70.00",
        "werkgeverslastenPercentage": "23.00",
        "geldigVanaf": "2026-01-01",
        "loonwaarde": 60,
        "loonwaardebepaling": str(assessment.uuid),
    }
    # Every whole month of 2026 pays the same; February has 28 days, all covered.
    assert {m["bedrag"] for m in body["maanden"]} == {"1219.34"}
    assert body["maanden"][1]["dagenGedekt"] == 28


def test_months_outside_the_placement_and_a_partial_month(
    partner: APIClient, client_velsen: Client
) -> None:
    placement = PlacementFactory.create(
        client=client_velsen, subsidised=True, start_date=date(2026, 1, 16)
    )
    WageValueAssessmentFactory.create(
        placement=placement, assessed_on=date(2026, 1, 16)
    )
    rows = months(partner, placement, "vanMaand=2025-12&totMaand=2026-02")["maanden"]
    december, january, february = rows
    assert (december["bedrag"], december["dagenGedekt"]) == ("0.00", 0)
    assert december["wmlPerUur"] is None and december["loonwaardebepaling"] is None
    # 1219.3436736 × 16 / 31 = 629.3386702…, rounded half up to cents.
    assert (january["bedrag"], january["dagenGedekt"], january["dagenInMaand"]) == (
        "629.34",
        16,
        31,
    )
    assert february["bedrag"] == "1219.34"


def test_a_month_without_a_valid_assessment_has_no_amount_but_a_reason(
    partner: APIClient, client_velsen: Client
) -> None:
    placement = PlacementFactory.create(client=client_velsen, subsidised=True)
    WageValueAssessmentFactory.create(
        placement=placement, next_due_date=date(2026, 3, 31)
    )
    march, april = months(partner, placement, "vanMaand=2026-03&totMaand=2026-04")[
        "maanden"
    ]
    assert march["bedrag"] == "1219.34"
    assert april["bedrag"] is None
    assert "loonwaardebepaling" in april["reden"]
    assert april["loonwaarde"] is None and april["wmlPerUur"] == "14.71"


def test_without_months_this_calendar_year_with_one_twelve_months(
    partner: APIClient, subsidised: tuple[Placement, WageValueAssessment]
) -> None:
    placement, _ = subsidised
    this_year = months(partner, placement)  # today is 15 June 2026
    assert (this_year["vanMaand"], this_year["totMaand"]) == ("2026-01", "2026-12")
    forward = months(partner, placement, "vanMaand=2025-07")
    assert (forward["vanMaand"], forward["totMaand"]) == ("2025-07", "2026-06")
    back = months(partner, placement, "totMaand=2026-03")
    assert (back["vanMaand"], back["totMaand"]) == ("2025-04", "2026-03")
    widest = months(partner, placement, "vanMaand=2024-01&totMaand=2026-12")
    assert len(widest["maanden"]) == 36


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("vanMaand=2026-13", ["vanMaand"]),
        ("vanMaand=2026-1", ["vanMaand"]),
        ("vanMaand=januari", ["vanMaand"]),
        ("totMaand=0000-01", ["totMaand"]),
        ("vanMaand=2026-01-01&totMaand=2026-1x", ["vanMaand", "totMaand"]),
        ("vanMaand=2026-05&totMaand=2026-04", ["vanMaand"]),
        ("vanMaand=2023-12&totMaand=2026-12", ["totMaand"]),
        ("maand=2026-01", ["maand"]),
    ],
)
def test_malformed_or_too_wide_months_are_problems_naming_the_parameter(
    partner: APIClient,
    subsidised: tuple[Placement, WageValueAssessment],
    query: str,
    names: list[str],
) -> None:
    placement, _ = subsidised
    url = f"/api/v1/plaatsingen/{placement.uuid}/loonkostensubsidie?{query}"
    response = partner.get(url)
    assert sorted(invalid_names(response)) == sorted(names)
    assert response.json()["instance"] == url.split("?")[0]


def test_subsidy_of_a_placement_out_of_scope_is_404(
    partner: APIClient, beverwijk: Any
) -> None:
    from tests.clients.factories import ClientFactory

    elsewhere = PlacementFactory.create(
        client=ClientFactory.create(municipality=beverwijk), subsidised=True
    )
    response = partner.get(f"/api/v1/plaatsingen/{elsewhere.uuid}/loonkostensubsidie")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_subsidy_needs_the_assessments_scope_too(
    make_partner: Any,
    velsen: Any,
    werkmakelaar: Any,
    subsidised: tuple[Placement, WageValueAssessment],
) -> None:
    from tests.trajectories.api.conftest import bearer, session

    placement, _ = subsidised
    _, credentials = make_partner(scopes=["plaatsingen.lezen"], municipalities=[velsen])
    only_placements = bearer(credentials.api_key)
    url = f"/api/v1/plaatsingen/{placement.uuid}/loonkostensubsidie"

    assert (
        only_placements.get(f"/api/v1/plaatsingen/{placement.uuid}").status_code == 200
    )
    refused = only_placements.get(url)
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert session(werkmakelaar).get(url).status_code == 403
