"""The evaluation page and the manager's start page with the month's headline figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ijmondwerkt.accounts.models import Municipality, User
from reports.models import Report, ReportStatus
from tests.conftest import logged_in
from tests.reports.conftest import outflow, register, trajectory
from trajectories.models import TrajectoryKind

pytestmark = pytest.mark.django_db

MID_NOVEMBER = "2026-11-15 12:00 +0100"
EVALUATION = "/rapportages/evaluatie/"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(MID_NOVEMBER, tick=False):
        yield


@pytest.fixture
def history(velsen: Municipality, beverwijk: Municipality) -> None:
    """2006: two Velsen participants, one to work; 2007: one running; Beverwijk 2006."""
    first = register(velsen, date(2006, 1, 1))
    second = register(velsen, date(2006, 1, 1))
    trajectory(first, date(2006, 2, 1), date(2006, 9, 1), "plaatsing-regulier-werk")
    trajectory(second, date(2006, 3, 1), date(2006, 10, 1), "einde-zonder-plaatsing")
    trajectory(first, date(2007, 1, 1), kind=TrajectoryKind.WORK_FIRST)
    other = register(beverwijk, date(2006, 1, 1))
    trajectory(other, date(2006, 5, 1), date(2006, 6, 1), "plaatsing-regulier-werk")


def rows(html: str, table_id: str) -> list[str]:
    table = html.split(f'<table id="{table_id}">', 1)[1].split("</table>", 1)[0]
    return [
        " ".join(part.split(">")[-1].strip() for part in row.split("<") if ">" in part)
        for row in table.split("<tr")[1:]
    ]


class TestEvaluation:
    def test_years_total_and_end_reasons(
        self, history: None, manager: User, velsen: Municipality
    ) -> None:
        html = logged_in(manager).get(EVALUATION, {"gemeente": "0453"}).content.decode()
        table = rows(html, "evaluatie")
        assert [" ".join(r.split()) for r in table[1:]] == [
            "2006 2 2 1 50 %",
            "2007 1 1 0 0 %",
            "Totaal 3 2 1 50 %",  # distinct participants over the years
        ]
        assert "Deelnemers en uitstroom naar werk per startjaar" in html
        reasons = html.split('<table id="eindredenen">', 1)[1].split("</table>")[0]
        assert "Nog lopend" in reasons and '<th scope="row">Totaal</th>' in reasons
        assert "uitstroom naar werk" in reasons

    def test_all_municipalities_kind_and_years(
        self, history: None, manager: User
    ) -> None:
        client = logged_in(manager)
        html = client.get(EVALUATION).content.decode()
        assert " ".join(rows(html, "evaluatie")[-1].split()) == "Totaal 4 3 2 67 %"
        html = client.get(EVALUATION, {"soort": "work-first"}).content.decode()
        assert " ".join(rows(html, "evaluatie")[-1].split()) == "Totaal 1 1 0 0 %"
        assert "Work-first" in html
        html = client.get(EVALUATION, {"van": "2007", "tot": "2007"}).content.decode()
        assert [" ".join(r.split()) for r in rows(html, "evaluatie")[1:]] == [
            "2007 1 1 0 0 %",
            "Totaal 1 1 0 0 %",
        ]

    def test_van_after_tot_is_answered_in_dutch(self, manager: User) -> None:
        response = logged_in(manager).get(EVALUATION, {"van": "2011", "tot": "2006"})
        assert response.status_code == 422
        html = response.content.decode()
        assert "Controleer het formulier" in html
        assert "Het jaar ‘tot en met’ (2006) ligt vóór het jaar ‘van’ (2011)" in html
        assert 'href="#id_tot"' in html
        assert 'id="evaluatie"' not in html

    def test_no_year_or_a_foreign_municipality(
        self, manager_velsen: User, beverwijk: Municipality
    ) -> None:
        client = logged_in(manager_velsen)
        response = client.get(EVALUATION, {"van": "twee"})
        assert response.status_code == 422 and "Voer een geheel getal in." in (
            response.content.decode()
        )
        assert client.get(EVALUATION, {"gemeente": "0375"}).status_code == 422

    def test_without_trajectories(self, manager_velsen: User) -> None:
        html = logged_in(manager_velsen).get(EVALUATION).content.decode()
        assert "Geen trajecten gevonden met deze filters." in html


class TestHome:
    def test_this_month_so_far_next_to_last_months_report(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        km = manager_velsen
        register(velsen, date(2026, 9, 1))
        register(velsen, date(2026, 11, 3))
        leaving = register(velsen, date(2026, 1, 5))
        outflow(leaving, date(2026, 11, 10), "werk-loondienst", km)
        report = Report.objects.create(
            month=date(2026, 10, 1),
            scope_key="0453",
            name="Velsen",
            status=ReportStatus.DONE,
            pdf=b"%PDF",
            figures={
                "total": {
                    "caseload": {"total": 1234},
                    "flows": {"inflow": 7, "outflow": 5, "outflow_to_work": 3},
                }
            },
        )
        report.municipalities.set([velsen])

        html = logged_in(manager_velsen).get("/").content.decode()
        section = html.split('aria-labelledby="start-rapportages"', 1)[1]
        section = section.split("</section>", 1)[0]
        assert "november 2026 (t/m 15 november 2026)" in section
        assert "oktober 2026 (rapportage)" in section
        cells = rows(section.replace("<table>", '<table id="kern">', 1), "kern")
        assert [" ".join(r.split()) for r in cells[1:]] == [
            "Bestand 2 1.234",
            "Instroom 1 7",
            "Uitstroom 1 5",
            "Uitstroom naar werk 1 3",
        ]
        assert f"/rapportages/{report.uuid}/pdf/" in section
        assert 'href="/rapportages/"' in section
        assert "Managementinformatie: budgetten 2026" in html  # still there

    def test_without_last_months_report(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        html = logged_in(manager_velsen).get("/").content.decode()
        assert "De rapportage over oktober 2026 staat nog niet in het archief." in html
        assert 'href="/rapportages/aanvragen/"' in html

    def test_query_count_fixed(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        client = logged_in(manager_velsen)
        client.get("/")

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/").status_code == 200
            return len(queries)

        small = count()
        for day in range(1, 10):
            person = register(velsen, date(2026, 11, day))
            outflow(person, date(2026, 11, 12), "werk-loondienst", manager_velsen)
            trajectory(person, date(2026, 10, day))
        assert count() == small


class TestMarkup:
    def test_each_field_once_and_help_and_errors_where_they_point(
        self, manager: User
    ) -> None:
        from tests.test_forms_markup import problems

        client = logged_in(manager)
        pages = [
            client.get("/rapportages/aanvragen/"),
            client.post("/rapportages/aanvragen/", {"month": "oktober"}),
            client.get("/rapportages/"),
            client.get(EVALUATION),
            client.get(EVALUATION, {"van": "2011", "tot": "2006"}),
        ]
        assert [p.status_code for p in pages] == [200, 422, 200, 200, 422]
        for response in pages:
            assert problems(response.content.decode()) == []
        sent_back = pages[1].content.decode()
        assert 'aria-describedby="id_month_helptext id_month_error"' in sent_back
        assert 'aria-invalid="true"' in sent_back
