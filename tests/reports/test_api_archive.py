"""The reports API's archive: the list, one report and its files, scoped like the pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ijmondwerkt.accounts.models import Municipality, User
from reports.models import Report, scope_key_of
from tests.conftest import PartnerFactory, bearer
from tests.reports.test_api import names, problem, session

pytestmark = pytest.mark.django_db

NOW = "2026-11-20 12:00 +0100"
ARCHIVE = "/api/v1/rapportages"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def archived(
    municipalities: list[Municipality],
    month: date = date(2026, 10, 1),
    *,
    status: str = Report.Status.DONE,
    publication: bool = False,
) -> Report:
    done = status == Report.Status.DONE
    name = "IJmond" if len(municipalities) > 1 else municipalities[0].name
    report = Report.objects.create(
        month=month,
        scope_key=scope_key_of(m.cbs_code for m in municipalities),
        is_region=len(municipalities) > 1,
        name=name,
        publication=publication,
        status=status,
        as_of=date(2026, 10, 31) if done else None,
        pdf=b"%PDF-1.7 " + name.encode() if done else None,
        csv=b"cijfer;" + name.encode() if done else None,
        xlsx=b"PK" if done else None,
        error=""
        if status != Report.Status.FAILED
        else "De cijfers konden niet worden berekend.",
    )
    report.municipalities.set(municipalities)
    return report


@pytest.fixture
def reports(
    velsen: Municipality, beverwijk: Municipality, heemskerk: Municipality
) -> dict[str, Report]:
    return {
        "velsen": archived([velsen]),
        "velsen_september": archived([velsen], date(2026, 9, 1)),
        "velsen_public": archived([velsen], publication=True),
        "beverwijk": archived([beverwijk]),
        "region": archived([velsen, beverwijk, heemskerk]),
        "queued": archived([velsen], date(2026, 8, 1), status=Report.Status.QUEUED),
    }


def _uuids(response: Any) -> set[str]:
    assert response.status_code == 200, response.content[:300]
    return {r["uuid"] for r in response.json()["results"]}


def test_the_list_shows_reports_whose_municipalities_are_all_served(
    reports: dict[str, Report], manager: User, manager_velsen: User
) -> None:
    everything = _uuids(session(manager).get(ARCHIVE))
    assert everything == {str(r.uuid) for r in reports.values()}
    own = _uuids(session(manager_velsen).get(ARCHIVE))
    # Beverwijk's report and the region with Beverwijk and Heemskerk are not Velsen's.
    assert own == {
        str(reports[k].uuid)
        for k in ("velsen", "velsen_september", "velsen_public", "queued")
    }


def test_a_report_with_its_links(
    reports: dict[str, Report], manager_velsen: User
) -> None:
    client = session(manager_velsen)
    report = reports["velsen"]
    body = client.get(f"{ARCHIVE}/{report.uuid}").json()
    assert body["maand"] == "2026-10"
    assert (body["naam"], body["gemeenten"], body["regio"]) == (
        "Velsen",
        ["0453"],
        False,
    )
    assert (body["status"], body["publicatie"], body["peildatum"]) == (
        "klaar",
        False,
        "2026-10-31",
    )
    assert body["bestanden"]["pdf"].endswith(f"{ARCHIVE}/{report.uuid}/pdf")
    assert body["url"].endswith(f"{ARCHIVE}/{report.uuid}")
    queued = client.get(f"{ARCHIVE}/{reports['queued'].uuid}").json()
    assert queued["bestanden"] == {"pdf": None, "csv": None, "xlsx": None}


@pytest.mark.parametrize(
    ("fmt", "content_type", "start"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("csv", "text/csv; charset=utf-8", b"cijfer;"),
        ("xlsx", XLSX, b"PK"),
    ],
)
def test_the_files_come_with_their_type_and_name(
    reports: dict[str, Report],
    manager_velsen: User,
    fmt: str,
    content_type: str,
    start: bytes,
) -> None:
    client = session(manager_velsen)
    response = client.get(f"{ARCHIVE}/{reports['velsen'].uuid}/{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="rapportage-velsen-2026-10.{fmt}"'
    )
    assert response.content.startswith(start)
    public = client.get(f"{ARCHIVE}/{reports['velsen_public'].uuid}/{fmt}")
    assert "rapportage-velsen-2026-10-publicatie" in public["Content-Disposition"]
    # Also when the caller asks for exactly that type.
    asked = client.get(
        f"{ARCHIVE}/{reports['velsen'].uuid}/{fmt}", HTTP_ACCEPT=content_type
    )
    assert asked.status_code == 200


def test_a_file_not_yet_made_is_404(
    reports: dict[str, Report], manager_velsen: User, velsen: Municipality
) -> None:
    client = session(manager_velsen)
    failed = archived([velsen], date(2026, 7, 1), status=Report.Status.FAILED)
    for report in (reports["queued"], failed):
        for fmt in ("pdf", "csv", "xlsx"):
            body = problem(client.get(f"{ARCHIVE}/{report.uuid}/{fmt}"), 404)
            assert body["code"] == "not_found"
    assert client.get(f"{ARCHIVE}/{failed.uuid}").json()["foutmelding"]


@pytest.mark.parametrize("suffix", ["", "/pdf", "/csv", "/xlsx"])
def test_another_municipalitys_report_and_files_are_not_found(
    reports: dict[str, Report], manager_velsen: User, suffix: str
) -> None:
    client = session(manager_velsen)
    for key in ("beverwijk", "region"):
        problem(client.get(f"{ARCHIVE}/{reports[key].uuid}{suffix}"), 404)


@pytest.mark.parametrize("persona", ["klantmanager_velsen", "werkmakelaar"])
def test_caseworkers_get_no_archive(
    reports: dict[str, Report], persona: str, request: pytest.FixtureRequest
) -> None:
    client = session(request.getfixturevalue(persona))
    problem(client.get(ARCHIVE), 403)
    problem(client.get(f"{ARCHIVE}/{reports['velsen'].uuid}/pdf"), 403)


def test_partners_are_bounded_by_scope_and_municipalities(
    reports: dict[str, Report], make_partner: PartnerFactory, velsen: Municipality
) -> None:
    _, without = make_partner(scopes=["budgetten.lezen"], municipalities=[velsen])
    problem(bearer(without.api_key).get(ARCHIVE), 403)
    problem(bearer(without.api_key).get(f"{ARCHIVE}/{reports['velsen'].uuid}/pdf"), 403)
    _, with_scope = make_partner(scopes=["rapportages.lezen"], municipalities=[velsen])
    client = bearer(with_scope.api_key)
    assert str(reports["region"].uuid) not in _uuids(client.get(ARCHIVE))
    assert client.get(f"{ARCHIVE}/{reports['velsen'].uuid}/pdf").status_code == 200
    problem(client.get(f"{ARCHIVE}/{reports['beverwijk'].uuid}/pdf"), 404)


def test_filters(reports: dict[str, Report], manager: User) -> None:
    client = session(manager)
    assert _uuids(client.get(ARCHIVE, {"gemeente": "0375"})) == {
        str(reports["beverwijk"].uuid),
        str(reports["region"].uuid),
    }
    september = _uuids(client.get(ARCHIVE, {"maand": "2026-09"}))
    assert september == {str(reports["velsen_september"].uuid)}
    assert len(_uuids(client.get(ARCHIVE, {"jaar": "2026"}))) == len(reports)
    assert _uuids(client.get(ARCHIVE, {"jaar": "2025"})) == set()
    assert _uuids(client.get(ARCHIVE, {"status": "wachtrij"})) == {
        str(reports["queued"].uuid)
    }
    assert _uuids(client.get(ARCHIVE, {"regio": "true"})) == {
        str(reports["region"].uuid)
    }
    assert _uuids(client.get(ARCHIVE, {"publicatie": "true"})) == {
        str(reports["velsen_public"].uuid)
    }


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"maand": "2026-13"}, "maand"),
        ({"maand": "oktober"}, "maand"),
        ({"maand": "0000-01"}, "maand"),  # a month of no year a report can cover
        ({"jaar": "twintig"}, "jaar"),
        ({"status": "gereed"}, "status"),
        ({"gemeente": "9999"}, "gemeente"),
        ({"ordering": "grootte"}, "ordering"),
        ({"gemeenten": "0453"}, "gemeenten"),
    ],
)
def test_a_wrong_filter_is_named(
    manager_velsen: User, query: dict[str, str], parameter: str
) -> None:
    body = problem(session(manager_velsen).get(ARCHIVE, query), 400)
    assert names(body) == [parameter]


def test_a_municipality_not_served_is_refused_as_filter(
    reports: dict[str, Report], manager_velsen: User
) -> None:
    body = problem(session(manager_velsen).get(ARCHIVE, {"gemeente": "0375"}), 400)
    assert names(body) == ["gemeente"]


def _queries(client: APIClient) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(ARCHIVE).status_code == 200
    return len(captured)


def test_the_list_reads_no_files_and_a_fixed_number_of_queries(
    reports: dict[str, Report],
    manager: User,
    velsen: Municipality,
    beverwijk: Municipality,
) -> None:
    client = session(manager)
    small = _queries(client)
    for month in range(1, 7):
        archived([velsen], date(2026, month, 1))
        archived([velsen, beverwijk], date(2026, month, 1))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(ARCHIVE).status_code == 200
    assert len(captured) == small
    report_reads = [q["sql"] for q in captured if 'FROM "reports_report"' in q["sql"]]
    assert report_reads
    assert not any('"reports_report"."pdf"' in sql for sql in report_reads)
