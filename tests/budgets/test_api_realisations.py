"""Realisaties through the API: by hand, and the CSV import with its report."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from budgets.models import Realisation, RealisationImport
from ijmondwerkt.accounts.models import Municipality, User
from tests.conftest import PartnerFactory, bearer, verify_second_factor

pytestmark = pytest.mark.django_db

NOW = "2026-11-20 12:00 +0100"
REALISATIONS = "/api/v1/realisaties"
IMPORT = "/api/v1/realisaties/import"
PROBLEM = "application/problem+json"
HEADER = "gemeente;stroom;datum;bedrag;omschrijving;boekingskenmerk"
GOOD = "\r\n".join(
    [
        HEADER,
        "0453;participatiebudget;15-10-2026;1.234,56;Scholing lassen;FIN-2026-0001",
        "0453;buig;31-10-2026;12.500,00;Loonkostensubsidie oktober;FIN-2026-0002",
        "",
    ]
)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def client(manager_velsen: User) -> APIClient:
    api = APIClient()
    api.force_login(manager_velsen)
    verify_second_factor(api, manager_velsen)
    return api


def upload(client: APIClient, content: bytes | str, **fields: Any) -> Any:
    data = content.encode("utf-8") if isinstance(content, str) else content
    bestand = SimpleUploadedFile("export.csv", data, content_type="text/csv")
    return client.post(IMPORT, {"bestand": bestand, **fields}, format="multipart")


def rejected(response: Any) -> dict[str, Any]:
    assert response.status_code == 400, response.content[:400]
    assert response["Content-Type"] == PROBLEM
    body = dict(response.json())
    assert body["verslag"]["status"] == "afgewezen"
    assert body["verslag"]["ingelezen"] == 0
    assert {p["name"] for p in body["invalidParams"]} == {"bestand"}
    assert not Realisation.objects.exists()
    return body


# --- by hand ---------------------------------------------------------------------------


def test_manager_records_a_realisation_by_hand(client: APIClient) -> None:
    response = client.post(
        REALISATIONS,
        {
            "gemeente": "0453",
            "financieringsstroom": "buig",
            "jaar": 2026,
            "maand": 10,
            "bedrag": "99.95",
            "boekingskenmerk": "HAND-1",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["bron"], body["bronImport"], body["bedrag"]) == (
        "handmatig",
        None,
        "99.95",
    )
    found = client.get(REALISATIONS, {"maand": "10", "jaar": "2026"}).json()
    assert [r["uuid"] for r in found["results"]] == [body["uuid"]]
    assert client.get(REALISATIONS, {"maand": "9"}).json()["count"] == 0
    assert client.get(f"{REALISATIONS}/{body['uuid']}").json() == body


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"bedrag": "-1.00"}, "bedrag"),
        ({"maand": 12}, "maand"),  # a month not yet begun
        ({"maand": 13}, "maand"),
    ],
)
def test_a_wrong_realisation_is_400_naming_the_field(
    client: APIClient, change: dict[str, Any], field: str
) -> None:
    data = {
        "gemeente": "0453",
        "financieringsstroom": "buig",
        "jaar": 2026,
        "maand": 10,
        "bedrag": "10.00",
        **change,
    }
    response = client.post(REALISATIONS, data, format="json")
    assert response.status_code == 400, response.content
    assert [p["name"] for p in response.json()["invalidParams"]] == [field]
    assert not Realisation.objects.exists()


def test_a_municipality_not_served_is_404(
    client: APIClient, beverwijk: Municipality
) -> None:
    data = {
        "gemeente": "0375",
        "financieringsstroom": "buig",
        "jaar": 2026,
        "maand": 10,
        "bedrag": "10.00",
    }
    response = client.post(REALISATIONS, data, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert not Realisation.objects.exists()


# --- the import ----------------------------------------------------------------------


def test_a_good_file_is_stored_with_its_report(client: APIClient) -> None:
    response = upload(client, GOOD, jaar=2026)
    assert response.status_code == 201, response.content
    report = response.json()
    assert (report["status"], report["regels"], report["ingelezen"]) == (
        "verwerkt",
        2,
        2,
    )
    assert report["totaalBedrag"] == "13734.56"
    assert report["fouten"] == []
    assert Realisation.objects.count() == 2
    imported = client.get(REALISATIONS, {"financieringsstroom": "buig"}).json()
    assert imported["results"][0]["bronImport"] == report["uuid"]
    assert imported["results"][0]["boekdatum"] == "2026-10-31"


def test_the_same_file_twice_is_refused_without_doubling(client: APIClient) -> None:
    assert upload(client, GOOD).status_code == 201
    body = problem_again = upload(client, GOOD)
    assert problem_again.status_code == 400
    data = body.json()
    assert data["code"] == "already_imported"
    assert "al ingelezen" in data["detail"]
    assert Realisation.objects.count() == 2
    assert RealisationImport.objects.filter(status="verwerkt").count() == 1


def test_bad_rows_reject_the_whole_file_with_row_and_column(
    client: APIClient,
) -> None:
    text = "\r\n".join(
        [
            HEADER,
            "0453;participatiebudget;15-10-2026;1.234,56;Goed;FIN-1",
            "0453;participatiebudget;15-10-2026;-5,00;Negatief;FIN-2",
            "0453;onbekend;15-10-2026;5,00;Stroom;FIN-3",
        ]
    )
    body = rejected(upload(client, text))
    errors = {(e["regel"], e["kolom"]) for e in body["verslag"]["fouten"]}
    assert errors == {(3, "bedrag"), (4, "stroom")}
    assert body["code"] == "invalid"
    assert any("Regel 3, kolom bedrag" in p["reason"] for p in body["invalidParams"])


def test_a_windows_1252_file_is_read(client: APIClient) -> None:
    text = GOOD.replace("Scholing lassen", "Scholing café")
    response = upload(client, text.encode("cp1252"))
    assert response.status_code == 201, response.content
    assert response.json()["tekenset"] == "windows-1252"
    assert Realisation.objects.filter(description="Scholing café").exists()


@pytest.mark.parametrize(
    "content",
    [b"", "naam;bedrag\r\nPiet;5,00\r\n", HEADER + "\r\n"],
    ids=["empty", "wrong-columns", "header-only"],
)
def test_an_empty_or_wrong_file_is_rejected(
    client: APIClient, content: bytes | str
) -> None:
    body = rejected(upload(client, content))
    assert body["verslag"]["fouten"]


def test_no_file_is_400_naming_bestand_and_json_is_415(client: APIClient) -> None:
    response = client.post(IMPORT, {}, format="multipart")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["bestand"]
    response = client.post(IMPORT, {"bestand": GOOD}, format="json")
    assert response.status_code == 415
    assert not RealisationImport.objects.exists()


def test_import_needs_the_write_scope(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(scopes=["budgetten.lezen"], municipalities=[velsen])
    response = upload(bearer(credentials.api_key), GOOD)
    assert response.status_code == 403
    assert not RealisationImport.objects.exists()


def test_a_partner_with_the_scope_imports_for_its_municipality(
    make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, credentials = make_partner(
        scopes=["budgetten.lezen", "budgetten.schrijven"], municipalities=[velsen]
    )
    response = upload(bearer(credentials.api_key), GOOD)
    assert response.status_code == 201, response.content
    assert Realisation.objects.filter(municipality=velsen).count() == 2
    assert Decimal(response.json()["totaalBedrag"]) == Decimal("13734.56")
