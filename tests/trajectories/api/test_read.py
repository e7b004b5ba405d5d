"""Reading the catalogue, trajectories, deployments, placements and assessments."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clients.models import Client, ClientAccess
from ijmondwerkt.accounts.models import Municipality, User
from tests.clients.factories import ClientFactory
from tests.conftest import PartnerFactory, bearer
from tests.employers.factories import EmployerFactory
from tests.trajectories.api.conftest import CASEWORK_SCOPES, invalid_names, session
from tests.trajectories.factories import (
    DeploymentFactory,
    PlacementFactory,
    TrajectoryFactory,
    WageValueAssessmentFactory,
    instrument,
    placement_kind,
)
from trajectories.models import Provider, TrajectoryKind

pytestmark = pytest.mark.django_db


def results(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    return list(response.json()["results"])


# --- the catalogue --------------------------------------------------------------------


def test_partner_reads_the_catalogue_by_code(partner: APIClient) -> None:
    rows = results(partner.get("/api/v1/voorzieningen?pageSize=500"))
    assert "functiegerichte-scholing" in {r["code"] for r in rows}
    detail = partner.get("/api/v1/voorzieningen/functiegerichte-scholing").json()
    assert detail == {
        "url": "http://testserver/api/v1/voorzieningen/functiegerichte-scholing",
        "code": "functiegerichte-scholing",
        "naam": "Functiegerichte scholing",
        "categorie": "scholing",
        "financieringsstroom": "participatiebudget",
        "standaardkosten": "3000.00",
        "eenheid": "traject",
        "doelgroepen": [1, 2, 3],
        "alleenBinnenTraject": True,
        "maximaleDuurMaanden": 12,
        "codeSoortVoorziening": "3",
        "soortenAanbieders": ["onderwijs"],
        "omschrijving": "",
        "actief": True,
    }
    assert partner.get("/api/v1/voorzieningen/bestaat-niet").status_code == 404


def test_catalogue_filters_by_target_group_and_funding(partner: APIClient) -> None:
    for_4 = {
        r["code"] for r in results(partner.get("/api/v1/voorzieningen?doelgroep=4"))
    }
    assert "taalcursus" in for_4 and "competentieonderzoek" not in for_4
    buig = results(partner.get("/api/v1/voorzieningen?financieringsstroom=buig"))
    assert [r["code"] for r in buig] == ["loonkostensubsidie"]
    assert invalid_names(partner.get("/api/v1/voorzieningen?doelgroep=5")) == [
        "doelgroep"
    ]


def test_partner_reads_providers(partner: APIClient) -> None:
    ijmond = Provider.objects.get(name="IJmond Werkt")
    rows = results(partner.get("/api/v1/aanbieders?soort=eigen-organisatie"))
    assert [r["naam"] for r in rows] == ["IJmond Werkt"]
    detail = partner.get(f"/api/v1/aanbieders/{ijmond.uuid}").json()
    assert detail["soort"] == "eigen-organisatie"
    assert detail["kvkNummer"] == ""


def test_the_catalogue_cannot_be_written(
    make_partner: PartnerFactory, velsen: Any
) -> None:
    """Read-only resources have no write scope and no write method."""
    from ijmondwerkt.rest.scopes import all_scopes

    assert "voorzieningen.schrijven" not in all_scopes()
    assert "aanbieders.schrijven" not in all_scopes()
    _, credentials = make_partner(scopes=list(all_scopes()), municipalities=[velsen])
    client = bearer(credentials.api_key)
    assert client.post("/api/v1/voorzieningen", {}, format="json").status_code == 405
    provider = Provider.objects.order_by("pk").first()
    assert provider is not None
    response = client.patch(f"/api/v1/aanbieders/{provider.uuid}")
    assert response.status_code == 405


# --- trajecten ------------------------------------------------------------------------


def test_trajectory_fields_are_dutch_and_reference_by_uuid_and_code(
    partner: APIClient, client_velsen: Client, klantmanager_velsen: User
) -> None:
    provider = Provider.objects.get(name="IJmond Werkt")
    trajectory = TrajectoryFactory.create(
        client=client_velsen,
        provider=provider,
        lead_organisation="Gemeente Velsen",
        goals="Werkritme opbouwen",
        ended=True,
    )
    detail = partner.get(f"/api/v1/trajecten/{trajectory.uuid}").json()
    assert detail == {
        "url": f"http://testserver/api/v1/trajecten/{trajectory.uuid}",
        "uuid": str(trajectory.uuid),
        "werkzoekende": str(client_velsen.uuid),
        "soort": "re-integratie",
        "aanbieder": str(provider.uuid),
        "regievoerendeOrganisatie": "Gemeente Velsen",
        "startdatum": "2026-01-05",
        "geplandeEinddatum": "2026-12-31",
        "einddatum": "2026-06-30",
        "redenEinde": "plaatsing-regulier-werk",
        "doelen": "Werkritme opbouwen",
        "klantmanager": klantmanager_velsen.username,
        "versie": 1,
    }


def test_trajectory_filters_shared_with_the_pages(
    partner: APIClient, client_velsen: Client, velsen: Municipality
) -> None:
    other = ClientFactory.create(municipality=velsen)
    running = TrajectoryFactory.create(client=client_velsen)
    ended = TrajectoryFactory.create(
        client=client_velsen,
        kind=TrajectoryKind.ACTIVATION,
        ended=True,
        end_date=date(2026, 5, 31),
    )
    ends_later = TrajectoryFactory.create(
        client=other,
        start_date=date(2025, 3, 1),
        end_date=date(2026, 7, 1),
        end_reason=ended.end_reason,
    )

    def uuids(query: str) -> set[str]:
        return {r["uuid"] for r in results(partner.get(f"/api/v1/trajecten?{query}"))}

    assert uuids("lopend=true") == {str(running.uuid), str(ends_later.uuid)}
    assert uuids("lopend=false") == {str(ended.uuid)}
    assert uuids("soort=activering") == {str(ended.uuid)}
    assert uuids("startVanaf=2026-01-01") == {str(running.uuid), str(ended.uuid)}
    assert uuids("startTot=2026-01-05") == {str(ends_later.uuid)}
    assert uuids(f"werkzoekende={other.uuid}") == {str(ends_later.uuid)}
    assert len(uuids("gemeente=0453")) == 3
    assert invalid_names(partner.get("/api/v1/trajecten?lopend=misschien")) == [
        "lopend"
    ]
    # The API takes the camelCase name only (and reports it so).
    assert invalid_names(partner.get("/api/v1/trajecten?start_vanaf=2026-01-01")) == [
        "startVanaf"
    ]
    ordered = results(partner.get("/api/v1/trajecten?ordering=startdatum"))
    assert ordered[0]["uuid"] == str(ends_later.uuid)


def test_trajectory_list_costs_a_fixed_number_of_queries(
    partner: APIClient, client_velsen: Client, velsen: Municipality
) -> None:
    TrajectoryFactory.create(client=client_velsen)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert partner.get("/api/v1/trajecten").status_code == 200
        return len(queries)

    few = count()
    for _ in range(5):
        TrajectoryFactory.create(
            client=ClientFactory.create(municipality=velsen),
            provider=Provider.objects.first(),
            ended=True,
        )
    assert count() == few


# --- inzetten, plaatsingen, loonwaardebepalingen ---------------------------------------


def test_deployment_placement_and_assessment_read(
    partner: APIClient, client_velsen: Client
) -> None:
    scholing = instrument("functiegerichte-scholing")
    trajectory = TrajectoryFactory.create(client=client_velsen)
    deployment = DeploymentFactory.create(
        client=client_velsen,
        trajectory=trajectory,
        instrument=scholing,
        units=2,
        total_cost="6000.00",
    )
    row = results(partner.get(f"/api/v1/inzetten?traject={trajectory.uuid}"))[0]
    assert row["uuid"] == str(deployment.uuid)
    assert row["voorziening"] == "functiegerichte-scholing"
    assert row["traject"] == str(trajectory.uuid)
    assert (row["tarief"], row["aantal"], row["totaleKosten"]) == (
        "3000.00",
        "2.00",
        "6000.00",
    )
    assert row["status"] == "lopend" and row["eenheid"] == "traject"

    placement = PlacementFactory.create(client=client_velsen, subsidised=True)
    assessment = WageValueAssessmentFactory.create(placement=placement)
    found = results(partner.get("/api/v1/plaatsingen?metLoonkostensubsidie=true"))
    assert [p["uuid"] for p in found] == [str(placement.uuid)]
    detail = partner.get(f"/api/v1/plaatsingen/{placement.uuid}").json()
    assert detail["soort"] == "garantiebaan"
    assert detail["werkgever"] == str(placement.employer.uuid)
    assert detail["urenPerWeek"] == 36.0 and detail["uurloon"] == "15.00"
    assert detail["duurzaam"] is False  # 15 June: not yet 6 months
    assert [
        (n["maanden"], n["geplandOp"], n["uitkomst"]) for n in detail["nazorg"]
    ] == [
        (1, "2026-02-01", ""),
        (3, "2026-04-01", ""),
        (6, "2026-07-01", ""),
        (12, "2027-01-01", ""),
    ]
    rows = results(
        partner.get(f"/api/v1/loonwaardebepalingen?plaatsing={placement.uuid}")
    )
    assert [(r["uuid"], r["loonwaarde"], r["volgendeBepaling"]) for r in rows] == [
        (str(assessment.uuid), 60, "2027-01-01")
    ]


def test_placement_filters(partner: APIClient, client_velsen: Client) -> None:
    employer = EmployerFactory.create()
    regular = PlacementFactory.create(client=client_velsen, employer=employer)
    trial = PlacementFactory.create(
        client=client_velsen, trial=True, ended=True, end_date=date(2026, 2, 28)
    )

    def uuids(query: str) -> list[str]:
        return [r["uuid"] for r in results(partner.get(f"/api/v1/plaatsingen?{query}"))]

    assert uuids("soort=proefplaatsing") == [str(trial.uuid)]
    assert uuids("lopend=true") == [str(regular.uuid)]
    assert uuids(f"werkgever={employer.uuid}") == [str(regular.uuid)]
    assert uuids("metLoonkostensubsidie=true") == []
    assert invalid_names(partner.get("/api/v1/plaatsingen?soort=bestaat-niet")) == [
        "soort"
    ]
    assert placement_kind("proefplaatsing").is_trial


# --- who sees what --------------------------------------------------------------------


@pytest.fixture
def casework(client_velsen: Client) -> dict[str, Any]:
    placement = PlacementFactory.create(client=client_velsen, subsidised=True)
    return {
        "trajecten": TrajectoryFactory.create(client=client_velsen),
        "inzetten": DeploymentFactory.create(client=client_velsen),
        "plaatsingen": placement,
        "loonwaardebepalingen": WageValueAssessmentFactory.create(placement=placement),
    }


def test_klantmanager_of_another_municipality_finds_nothing(
    klantmanager_velsen: User,
    klantmanager_beverwijk: User,
    casework: dict[str, Any],
) -> None:
    own, other = session(klantmanager_velsen), session(klantmanager_beverwijk)
    for resource, obj in casework.items():
        assert own.get(f"/api/v1/{resource}/{obj.uuid}").status_code == 200
        assert other.get(f"/api/v1/{resource}/{obj.uuid}").status_code == 404, resource
        assert other.get(f"/api/v1/{resource}").json()["count"] == 0
    placement = casework["plaatsingen"]
    url = f"/api/v1/plaatsingen/{placement.uuid}/loonkostensubsidie"
    assert other.get(url).status_code == 404


def test_werkmakelaar_gets_placements_only(
    werkmakelaar: User, casework: dict[str, Any]
) -> None:
    client = session(werkmakelaar)
    placement = casework["plaatsingen"]
    assert client.get(f"/api/v1/plaatsingen/{placement.uuid}").status_code == 200
    # The subsidy reveals the loonwaarde, which is client-file data.
    assert (
        client.get(
            f"/api/v1/plaatsingen/{placement.uuid}/loonkostensubsidie"
        ).status_code
        == 403
    )
    for resource in ("trajecten", "inzetten", "loonwaardebepalingen"):
        assert client.get(f"/api/v1/{resource}").status_code == 403, resource
        obj = casework[resource]
        assert client.get(f"/api/v1/{resource}/{obj.uuid}").status_code == 403


@pytest.mark.parametrize("persona", ["manager", "beheerder", "privacy_officer"])
def test_manager_beheerder_and_privacy_officer_get_no_casework(
    request: pytest.FixtureRequest, persona: str, casework: dict[str, Any]
) -> None:
    client = session(request.getfixturevalue(persona))
    for resource, obj in casework.items():
        response = client.get(f"/api/v1/{resource}/{obj.uuid}")
        assert response.status_code == 403, (persona, resource)
        assert response["Content-Type"] == "application/problem+json"
        assert client.get(f"/api/v1/{resource}").status_code == 403
    assert not ClientAccess.objects.exists()


def test_partner_without_the_scope_is_refused(
    make_partner: PartnerFactory, velsen: Municipality, casework: dict[str, Any]
) -> None:
    for resource, obj in casework.items():
        others = [s for s in CASEWORK_SCOPES if not s.startswith(resource + ".")]
        _, credentials = make_partner(scopes=others, municipalities=[velsen])
        client = bearer(credentials.api_key)
        assert client.get(f"/api/v1/{resource}/{obj.uuid}").status_code == 403
        assert client.get(f"/api/v1/{resource}").status_code == 403
        assert client.post(f"/api/v1/{resource}", {}, format="json").status_code == 403
    _, reader = make_partner(
        scopes=[s for s in CASEWORK_SCOPES if s.endswith(".lezen")],
        municipalities=[velsen],
    )
    refused = bearer(reader.api_key).post("/api/v1/trajecten", {}, format="json")
    assert refused.status_code == 403
    _, none = make_partner(scopes=CASEWORK_SCOPES, municipalities=[])
    assert bearer(none.api_key).get("/api/v1/plaatsingen").json()["count"] == 0


# --- doelbinding ------------------------------------------------------------------------


def test_every_read_of_casework_is_logged_once_per_client(
    make_partner: PartnerFactory,
    velsen: Municipality,
    casework: dict[str, Any],
    client_velsen: Client,
) -> None:
    system, credentials = make_partner(scopes=CASEWORK_SCOPES, municipalities=[velsen])
    client = bearer(credentials.api_key)
    urls = [
        *(f"/api/v1/{resource}" for resource in casework),
        *(f"/api/v1/{r}/{obj.uuid}" for r, obj in casework.items()),
        f"/api/v1/plaatsingen/{casework['plaatsingen'].uuid}/loonkostensubsidie",
    ]
    for url in urls:
        ClientAccess.objects.all().delete()
        response = client.get(url, HTTP_X_DOELBINDING="Controle traject")
        assert response.status_code == 200, url
        rows = list(ClientAccess.objects.values_list("client", "purpose", "channel"))
        assert rows == [(client_velsen.pk, "Controle traject", "api")], url
        assert ClientAccess.objects.get().user == system.user
    ClientAccess.objects.all().delete()
    client.get("/api/v1/voorzieningen")
    client.get("/api/v1/aanbieders")
    assert not ClientAccess.objects.exists()


def test_placement_list_and_subsidy_cost_a_fixed_number_of_queries(
    partner: APIClient, client_velsen: Client, velsen: Municipality
) -> None:
    first = PlacementFactory.create(client=client_velsen, subsidised=True)
    WageValueAssessmentFactory.create(placement=first)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert partner.get(url).status_code == 200
        return len(queries)

    subsidy = f"/api/v1/plaatsingen/{first.uuid}/loonkostensubsidie"
    few = count("/api/v1/plaatsingen")
    one_month = count(f"{subsidy}?vanMaand=2026-01&totMaand=2026-01")
    for _ in range(4):
        placement = PlacementFactory.create(
            client=ClientFactory.create(municipality=velsen), subsidised=True
        )
        WageValueAssessmentFactory.create(placement=placement)
    assert count("/api/v1/plaatsingen") == few
    assert count(f"{subsidy}?vanMaand=2024-01&totMaand=2026-12") == one_month
