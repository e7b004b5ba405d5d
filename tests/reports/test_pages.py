"""The report pages: archive, request → progress → downloads, retry, scope, queries."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
import time_machine

from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from reports.models import Report, ReportStatus
from reports.services import report_generate
from tests.conftest import logged_in, make_staff
from tests.reports.conftest import register

pytestmark = pytest.mark.django_db

# 12:00 on 15 November 2026 in Amsterdam: October is the last month that is over.
MID_NOVEMBER = "2026-11-15 12:00 +0100"
ARCHIVE = "/rapportages/"
REQUEST = "/rapportages/aanvragen/"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(MID_NOVEMBER, tick=False):
        yield


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The report ids handed to the worker (instead of a broker)."""
    sent: list[int] = []
    monkeypatch.setattr("reports.tasks.generate_report.delay", sent.append)
    return sent


def ask(
    user: User,
    capture: Callable[..., Any],
    month: str = "2026-10",
    municipality: str = "0453",
    publication: str = "nee",
) -> Any:
    with capture(execute=True):
        return logged_in(user).post(
            REQUEST,
            {"month": month, "municipality": municipality, "publication": publication},
        )


def report_of(
    velsen: Municipality, *, status: str = ReportStatus.DONE, **kw: Any
) -> Report:
    report = Report.objects.create(
        month=kw.pop("month", date(2026, 10, 1)),
        scope_key=velsen.cbs_code,
        name=velsen.name,
        status=status,
        pdf=b"%PDF-1.7 test" if status == ReportStatus.DONE else None,
        csv=b"\xef\xbb\xbfcijfer;Velsen\n" if status == ReportStatus.DONE else None,
        xlsx=b"PK\x03\x04" if status == ReportStatus.DONE else None,
        **kw,
    )
    report.municipalities.set([velsen])
    return report


class TestRequestToDownload:
    def test_request_progress_done_downloads_and_preview(
        self,
        manager_velsen: User,
        velsen: Municipality,
        queued: list[int],
        django_capture_on_commit_callbacks: Callable[..., Any],
    ) -> None:
        register(velsen, date(2026, 10, 5))
        response = ask(manager_velsen, django_capture_on_commit_callbacks)

        report = Report.objects.get()
        detail = reverse("reports:detail", args=[report.uuid])
        assert response.status_code == 302 and response["Location"] == detail
        assert queued == [report.pk]
        assert report.status == ReportStatus.QUEUED and report.month == date(
            2026, 10, 1
        )

        client = logged_in(manager_velsen)
        html = client.get(detail).content.decode()
        status_url = reverse("reports:status", args=[report.uuid])
        assert f'hx-get="{status_url}?was=wachtrij"' in html
        assert 'hx-trigger="every 2s"' in html
        assert 'aria-live="polite"' in html
        assert "In de wachtrij" in html
        assert "downloaden" not in html

        # While nothing changes, the poll gets 204 and the page stays as it is.
        assert client.get(status_url, {"was": "wachtrij"}).status_code == 204

        report_generate(report.pk)
        fragment = client.get(status_url, {"was": "wachtrij"})
        text = fragment.content.decode()
        assert fragment.status_code == 200
        assert "Status: Klaar" in text
        assert "hx-trigger" not in text  # the polling stops
        assert 'hx-swap-oob="true"' in text
        for fmt in ("pdf", "csv", "xlsx"):
            assert reverse("reports:download", args=[report.uuid, fmt]) in text
        assert 'id="bestand"' in text  # the preview's first section

        page = client.get(detail).content.decode()
        assert "hx-trigger" not in page
        assert "Maandrapportage oktober 2026: Velsen" in page
        assert "Cijfers per 31 oktober 2026." in page
        assert 'id="instroom-uitstroom"' in page

        expected = {
            "pdf": ("application/pdf", b"%PDF"),
            "csv": ("text/csv; charset=utf-8", b"\xef\xbb\xbf"),
            "xlsx": (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                b"PK",
            ),
        }
        for fmt, (content_type, start) in expected.items():
            download = client.get(reverse("reports:download", args=[report.uuid, fmt]))
            assert download.status_code == 200
            assert download["Content-Type"] == content_type
            assert download["Content-Disposition"] == (
                f'attachment; filename="rapportage-velsen-2026-10.{fmt}"'
            )
            assert download.content.startswith(start)

    def test_the_region_and_the_publication_variant(
        self,
        manager: User,
        queued: list[int],
        django_capture_on_commit_callbacks: Callable[..., Any],
    ) -> None:
        form = logged_in(manager).get(REQUEST).content.decode()
        assert "Regio (Beverwijk, Heemskerk, Velsen)" in form
        response = ask(
            manager,
            django_capture_on_commit_callbacks,
            month="09-2026",
            municipality="regio",
            publication="ja",
        )
        assert response.status_code == 302
        report = Report.objects.get()
        assert report.is_region and report.publication
        assert report.scope_key == "0375,0396,0453" and report.month == date(2026, 9, 1)

    def test_the_form_offers_last_month(
        self, manager_velsen: User, velsen: Any
    ) -> None:
        html = logged_in(manager_velsen).get(REQUEST).content.decode()
        assert 'type="month"' in html
        assert 'value="2026-10"' in html and 'max="2026-10"' in html
        assert "Regio" not in html  # one municipality: no region to choose

    @pytest.mark.parametrize(
        ("month", "message"),
        [
            ("2026-11", "Kies een maand die voorbij is"),  # the running month
            ("2027-01", "Kies een maand die voorbij is"),
            ("1999-12", "Kies een maand vanaf januari 2000."),
            ("oktober", "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-10."),
            ("2026-13", "Vul een maand in als jjjj-mm"),
        ],
    )
    def test_a_bad_month_is_refused_in_dutch(
        self,
        manager_velsen: User,
        velsen: Municipality,
        queued: list[int],
        django_capture_on_commit_callbacks: Callable[..., Any],
        month: str,
        message: str,
    ) -> None:
        response = ask(manager_velsen, django_capture_on_commit_callbacks, month=month)
        assert response.status_code == 422
        html = response.content.decode()
        assert message in html
        assert 'href="#id_month"' in html  # the error summary links to the field
        assert not Report.objects.exists() and queued == []


class TestFailureAndRetry:
    def test_a_failed_report_shows_its_error_and_can_be_made_again(
        self,
        manager_velsen: User,
        velsen: Municipality,
        queued: list[int],
        monkeypatch: pytest.MonkeyPatch,
        django_capture_on_commit_callbacks: Callable[..., Any],
    ) -> None:
        ask(manager_velsen, django_capture_on_commit_callbacks)
        report = Report.objects.get()

        def broken(*args: Any, **kwargs: Any) -> bytes:
            raise RuntimeError("no fonts")

        monkeypatch.setattr("reports.services.render_month_pdf", broken)
        report_generate(report.pk)
        report.refresh_from_db()
        assert report.status == ReportStatus.FAILED

        client = logged_in(manager_velsen)
        retry_url = reverse("reports:retry", args=[report.uuid])
        for url in (ARCHIVE, reverse("reports:detail", args=[report.uuid])):
            html = client.get(url).content.decode()
            assert "Mislukt" in html
            assert "de bestanden (PDF, CSV, Excel) konden niet" in html
            assert "no fonts" not in html and "RuntimeError" not in html
            assert f'action="{retry_url}"' in html
            assert "csrfmiddlewaretoken" in html
        pdf = reverse("reports:download", args=[report.uuid, "pdf"])
        assert client.get(pdf).status_code == 404  # not ready

        assert client.get(retry_url).status_code == 405
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(retry_url)
        assert response.status_code == 302
        assert response["Location"] == reverse("reports:detail", args=[report.uuid])
        report.refresh_from_db()
        assert report.status == ReportStatus.QUEUED and report.error == ""
        assert queued == [report.pk, report.pk]

        monkeypatch.undo()
        report_generate(report.pk)
        assert client.get(pdf).status_code == 200

    def test_retry_needs_the_csrf_token(
        self, manager_velsen: User, velsen: Any
    ) -> None:
        report = report_of(velsen, status=ReportStatus.FAILED, error="Mislukt.")
        client = HttpClient(enforce_csrf_checks=True)
        client.force_login(manager_velsen)
        from tests.conftest import verify_second_factor

        verify_second_factor(client, manager_velsen)
        response = client.post(reverse("reports:retry", args=[report.uuid]))
        assert response.status_code == 403
        report.refresh_from_db()
        assert report.status == ReportStatus.FAILED


class TestScope:
    def test_another_municipality_finds_nothing(
        self,
        velsen: Municipality,
        manager_beverwijk: User,
        queued: list[int],
        django_capture_on_commit_callbacks: Callable[..., Any],
    ) -> None:
        report = report_of(velsen)
        client = logged_in(manager_beverwijk)
        urls = [
            reverse("reports:detail", args=[report.uuid]),
            reverse("reports:status", args=[report.uuid]),
            *(
                reverse("reports:download", args=[report.uuid, f])
                for f in ("pdf", "csv", "xlsx")
            ),
        ]
        for url in urls:
            assert client.get(url).status_code == 404, url
        assert (
            client.post(reverse("reports:retry", args=[report.uuid])).status_code == 404
        )
        archive = client.get(ARCHIVE).content.decode()
        assert str(report.uuid) not in archive and "0 rapportages gevonden." in archive

        # Velsen is no choice for Beverwijk's manager.
        response = ask(manager_beverwijk, django_capture_on_commit_callbacks)
        assert response.status_code == 422
        assert Report.objects.count() == 1 and queued == []
        assert "0453" not in client.get(REQUEST).content.decode()

    def test_a_region_report_is_not_for_one_municipality(
        self, velsen: Municipality, beverwijk: Municipality, manager_velsen: User
    ) -> None:
        region = Report.objects.create(
            month=date(2026, 10, 1),
            scope_key="0375,0453",
            name="Regio IJmond (Beverwijk, Velsen)",
            is_region=True,
        )
        region.municipalities.set([velsen, beverwijk])
        client = logged_in(manager_velsen)
        assert (
            client.get(reverse("reports:detail", args=[region.uuid])).status_code == 404
        )
        assert str(region.uuid) not in client.get(ARCHIVE).content.decode()

    @pytest.mark.parametrize(
        "role", [Role.KLANTMANAGER, Role.WERKMAKELAAR, Role.PRIVACY_OFFICER]
    )
    def test_other_roles_get_403(self, velsen: Municipality, role: Role) -> None:
        user = make_staff(f"geen_rapportages_{role.name.lower()}", role, [velsen])
        client = logged_in(user)
        for url in (ARCHIVE, REQUEST, "/rapportages/evaluatie/"):
            assert client.get(url).status_code == 403
        assert "/rapportages/" not in client.get("/").content.decode()

    def test_the_menu_offers_reports(
        self, manager_velsen: User, beheerder: User
    ) -> None:
        for user in (manager_velsen, beheerder):
            html = logged_in(user).get("/rapportages/").content.decode()
            assert 'href="/rapportages/" aria-current="page">Rapportages</a>' in html


class TestArchive:
    def test_rows_filters_and_pagination(
        self, velsen: Municipality, beverwijk: Municipality, manager: User
    ) -> None:
        for month in range(1, 11):
            report_of(velsen, month=date(2026, month, 1))
        report_of(velsen, month=date(2025, 12, 1), status=ReportStatus.QUEUED)
        other = report_of(beverwijk, month=date(2026, 10, 1))
        Report.objects.filter(pk=other.pk).update(scope_key="0375", name="Beverwijk")
        client = logged_in(manager)

        html = client.get(ARCHIVE).content.decode()
        assert "12 rapportages gevonden." in html
        assert "<caption" in html and '<th scope="col">Status</th>' in html
        assert "oktober 2026" in html and "december 2025" in html
        done = Report.objects.get(scope_key="0453", month=date(2026, 10, 1))
        assert reverse("reports:download", args=[done.uuid, "pdf"]) in html
        assert reverse("reports:request") in html

        html = client.get(ARCHIVE, {"gemeente": "0375"}).content.decode()
        assert "1 rapportage gevonden." in html and "Beverwijk" in html
        html = client.get(ARCHIVE, {"jaar": "2025"}).content.decode()
        assert "1 rapportage gevonden." in html and "In de wachtrij" in html
        html = client.get(ARCHIVE, {"gemeente": "regio"}).content.decode()
        assert "0 rapportages gevonden." in html

        for month in range(1, 13):
            report_of(velsen, month=date(2024, month, 1))
        for month in range(1, 10):
            report_of(velsen, month=date(2023, month, 1))
        html = client.get(ARCHIVE, {"pagina": "2"}).content.decode()
        assert "Pagina 2 van 2" in html

    def test_query_count_fixed_across_data_sizes(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        report_of(velsen, month=date(2026, 10, 1))
        report_of(velsen, month=date(2026, 9, 1), status=ReportStatus.FAILED, error="x")
        client = logged_in(manager_velsen)
        client.get(ARCHIVE)

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(ARCHIVE).status_code == 200
            return len(queries)

        small = count()
        for month in range(1, 9):
            report_of(velsen, month=date(2026, month, 1))
            report_of(velsen, month=date(2025, month, 1), status=ReportStatus.FAILED)
        assert count() == small
