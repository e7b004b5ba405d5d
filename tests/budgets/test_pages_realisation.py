"""Realisation through its pages: by hand (listed, filtered, removed) and the
CSV import: the upload, the report of every rejected row, a file read twice,
encodings, empty and oversized files; a rejected file leaves nothing behind."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets import services
from budgets.models import Realisation, RealisationImport
from ijmondwerkt.accounts.models import Municipality, User
from tests.budgets.pages import (
    BAD_ROW_CSV,
    GOOD_CSV,
    NOW,
    html,
    services_import,
    upload,
)
from tests.conftest import logged_in
from tests.test_forms_markup import problems

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def web(manager_velsen: User) -> HttpClient:
    """Velsen's manager, logged in."""
    return logged_in(manager_velsen)


# --- realisation ------------------------------------------------------------------------


def test_realisation_by_hand_is_listed_filtered_and_removed(
    web: HttpClient, velsen: Municipality
) -> None:
    response = web.post(
        reverse("budgets:realisation_create"),
        {
            "municipality": "0453",
            "funding_stream": "wsw",
            "year": "2026",
            "month": "9",
            "amount": "2.345,67",
            "reference": "HAND-1",
            "description": "Correctie",
        },
    )
    assert response.status_code == 302
    row = Realisation.objects.get()
    assert (row.month, row.amount, row.source) == (9, Decimal("2345.67"), "handmatig")
    listed = html(web.get(reverse("budgets:realisation_list") + "?maand=9"))
    assert not problems(listed), problems(listed)
    assert "€ 2.345,67" in listed and "1 boeking gevonden" in listed
    assert "HAND-1" not in html(
        web.get(reverse("budgets:realisation_list") + "?stroom=buig")
    )
    delete_url = reverse("budgets:realisation_delete", args=[row.uuid])
    confirm = html(web.get(delete_url))
    assert "Weet u zeker" in confirm
    assert Realisation.objects.exists()  # asking is not deleting
    assert web.post(delete_url).status_code == 302
    assert not Realisation.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "jaar=99999999999999999999",
        "jaar=NaN&maand=13",
        "stroom=onbekend&gemeente=9999",
        "jaar=2026.5&pagina=-1",
    ],
)
def test_odd_filters_are_ignored_not_a_crash(web: HttpClient, query: str) -> None:
    response = web.get(reverse("budgets:realisation_list") + "?" + query)
    assert response.status_code == 200


def test_realisation_of_a_future_month_is_refused(web: HttpClient) -> None:
    response = web.post(
        reverse("budgets:realisation_create"),
        {
            "municipality": "0453",
            "funding_stream": "wsw",
            "year": "2026",
            "month": "11",
            "amount": "10,00",
        },
    )
    assert response.status_code == 422
    assert "Een realisatie gaat over een maand die al begonnen is." in html(response)
    assert not Realisation.objects.exists()


def test_an_imported_booking_is_not_removed_by_hand(
    web: HttpClient, manager_velsen: User
) -> None:
    services_import(manager_velsen, GOOD_CSV.encode())
    row = Realisation.objects.order_by("pk").first()
    assert row is not None
    url = reverse("budgets:realisation_delete", args=[row.uuid])
    page = html(web.get(url))
    assert "Een ingelezen realisatie wordt niet verwijderd" in page
    assert "<button" not in page.split("<main")[1].split("</main>")[0]
    response = web.post(url)
    assert response.status_code == 422
    assert Realisation.objects.filter(pk=row.pk).exists()


def test_the_realisation_list_costs_the_same_for_more_rows(
    web: HttpClient, manager_velsen: User, velsen: Municipality
) -> None:
    def add(n: int) -> None:
        for i in range(n):
            services.realisation_create(
                user=manager_velsen,
                municipality=velsen,
                funding_stream="buig",
                year=2026,
                month=1 + i % 10,
                amount=Decimal("5.00"),
                reference=f"R-{Realisation.objects.count()}",
            )

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert web.get(url).status_code == 200
        return len(captured)

    services_import(manager_velsen, GOOD_CSV.encode())
    add(2)
    url = reverse("budgets:realisation_list")
    imports = reverse("budgets:import_list")
    web.get(url)
    few, few_imports = queries(url), queries(imports)
    add(20)
    services_import(
        manager_velsen,
        GOOD_CSV.replace("FIN-", "FIN-B").encode(),
    )
    assert queries(url) == few
    assert queries(imports) == few_imports


# --- the import ---------------------------------------------------------------------------


def test_a_good_file_is_stored_and_reported(web: HttpClient) -> None:
    form = html(web.get(reverse("budgets:import")))
    assert not problems(form), problems(form)
    assert "boekingskenmerk" in form and "Windows-1252" in form
    response = upload(web, GOOD_CSV.encode())
    entry = RealisationImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:import_detail", args=[entry.uuid])
    report = html(web.get(response["Location"]))
    assert not problems(report), problems(report)
    assert "2 boekingen zijn opgeslagen, samen € 13.734,56." in report
    assert "Het bestand is ingelezen: 2 boekingen" in report
    assert Realisation.objects.count() == 2


def test_a_bad_row_rejects_the_whole_file_with_its_row_and_column(
    web: HttpClient,
) -> None:
    response = upload(web, BAD_ROW_CSV.encode())
    entry = RealisationImport.objects.get()
    assert entry.status == RealisationImport.Status.REJECTED
    report = html(web.get(response["Location"]))
    assert not problems(report), problems(report)
    assert "Afgewezen: er is niets opgeslagen" in report
    table = report.split('id="kop-fouten"')[1]
    assert "<caption>" in table
    assert '<th scope="row">3</th><td>bedrag</td>' in table
    assert "Het bedrag is negatief" in table
    assert not Realisation.objects.exists()  # not even the good row 2


def test_the_same_file_twice_is_refused_the_second_time(web: HttpClient) -> None:
    upload(web, GOOD_CSV.encode())
    response = upload(web, GOOD_CSV.encode(), name="nog-eens.csv")
    second = RealisationImport.objects.get(file_name="nog-eens.csv")
    assert not second.accepted
    report = html(web.get(response["Location"]))
    assert "Dit bestand is al ingelezen op 20-10-2026" in report
    assert "er is niets opnieuw geboekt" in report
    assert Realisation.objects.count() == 2


def test_a_windows_1252_file_is_read(web: HttpClient) -> None:
    content = (
        "gemeente;stroom;periode;bedrag;boekingskenmerk;omschrijving\r\n"
        "453;Inkomensdeel (BUIG);10-2026;€ 99,50;W-1;Cursus één\r\n"
    ).encode("cp1252")
    response = upload(web, content)
    assert response.status_code == 302
    row = Realisation.objects.get()
    assert (row.description, row.amount) == ("Cursus één", Decimal("99.50"))
    assert "windows-1252" in html(web.get(response["Location"]))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"gemeente;stroom;datum;bedrag;boekingskenmerk\n", "alleen een kopregel"),
        (
            b"gemeente;stroom;datum;bedrag;kostenplaats\n0453;buig;01-10-2026;1,00;K\n",
            "Onbekende kolom",
        ),
        (b"\n\n", "Het bestand is leeg."),
    ],
)
def test_a_file_without_bookings_stores_nothing(
    web: HttpClient, content: bytes, message: str
) -> None:
    response = upload(web, content)
    report = html(web.get(response["Location"]))
    assert message in report
    assert "Afgewezen: er is niets opgeslagen" in report
    assert not Realisation.objects.exists()


def test_an_empty_upload_is_refused_on_the_form(web: HttpClient) -> None:
    response = upload(web, b"")
    page = html(response)
    assert response.status_code == 422
    assert "Het verstuurde bestand is leeg." in page
    assert not RealisationImport.objects.exists()


def test_a_file_above_the_limit_is_refused_with_the_limit(
    web: HttpClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("budgets.forms.MAX_BYTES", 100)
    response = upload(web, GOOD_CSV.encode() * 2)
    assert response.status_code == 422
    assert "Het bestand is groter dan" in html(response)
    assert not RealisationImport.objects.exists()


def test_a_body_above_the_request_limit_gets_a_dutch_refusal(
    web: HttpClient, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = upload(web, b"x" * 2000)
    assert response.status_code == 413
    assert "Het verzoek is te groot" in html(response)
    assert not RealisationImport.objects.exists()
