"""The manager's reports journey of issue 13 in a real browser, with axe,
HTML_CodeSniffer and the structure check on every reports page it visits:

start page (this month's headline figures) → "Rapportages" → the empty
archive → request last month's report → its page shows the status while the
report waits ("In de wachtrij"), the worker makes it and the polled status
turns to "Klaar" → download the PDF → the preview on the page → the archive
lists it → the yearly evaluation, also with its Dutch message for a range
the wrong way round.

The worker is a thread that makes the report (``reports.services.report_generate``)
once the test lets it, so the page is seen waiting before it is done.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.e2e.test_accessibility import log_in, violations

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MADE_WITHIN = 120_000  # ms: figures and the PDF on a busy two-core machine


class Worker:
    """Stands in for Celery: makes the queued report in a thread when released."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []

    def delay(self, report_id: int) -> None:
        thread = threading.Thread(target=self._run, args=(report_id,), daemon=True)
        self.threads.append(thread)
        thread.start()

    def _run(self, report_id: int) -> None:
        from reports.services import report_generate

        try:
            self.release.wait(timeout=120)
            report_generate(report_id)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.errors.append(exc)
        finally:
            connection.close()

    def join(self) -> None:
        self.release.set()
        for thread in self.threads:
            thread.join(timeout=120)


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Any:
    worker = Worker()
    monkeypatch.setattr("reports.tasks.generate_report.delay", worker.delay)
    yield worker
    worker.join()


@pytest.fixture
def manager_velsen(velsen: Any) -> Any:
    """A manager of Velsen, with a client registered last month and one this month."""
    from ijmondwerkt.accounts.roles import Role
    from reports.figures import previous_month
    from tests.conftest import make_staff
    from tests.reports.conftest import register

    last = previous_month()
    register(velsen, last.replace(day=3))
    register(velsen, timezone.localdate().replace(day=1))
    return make_staff("manager_velsen", Role.MANAGER, [velsen])


def test_manager_requests_downloads_and_reads_a_report(
    page: Page, live_server: Any, manager_velsen: Any, worker: Worker
) -> None:
    from reports.figures import previous_month
    from reports.models import Report
    from reports.rendering.formats import month_name

    base = live_server.url
    last = previous_month()
    period = month_name(last)
    problems: list[str] = []

    log_in(page, base, manager_velsen.username)
    headline = page.get_by_role("table", name="Kerncijfers")
    expect(headline).to_contain_text("Instroom")
    expect(page.get_by_role("main")).to_contain_text(
        f"De rapportage over {period} staat nog niet in het archief."
    )
    problems += violations(page)  # the start page with the headline figures

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Rapportages"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapportages")
    expect(page.get_by_role("main")).to_contain_text("0 rapportages gevonden.")
    problems += violations(page)

    # The request form: a month that is not over yet is refused in Dutch.
    page.get_by_role("link", name="Rapportage aanvragen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapportage aanvragen")
    problems += violations(page)
    this_month = timezone.localdate().replace(day=1)
    page.get_by_label("Maand").fill(f"{this_month:%Y-%m}")
    page.get_by_role("button", name="Aanvragen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies een maand die voorbij is")
    problems += violations(page)  # the form sent back with its error
    page.get_by_label("Maand").fill(f"{last:%Y-%m}")
    expect(page.get_by_label("Intern: alle aantallen")).to_be_checked()
    page.get_by_role("button", name="Aanvragen").click()

    # The report's page: waiting, then made by the worker; the status polls.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Maandrapportage {period}: Velsen"
    )
    progress = page.locator(".report-progress")
    expect(progress).to_have_attribute("aria-live", "polite")
    expect(progress).to_contain_text("In de wachtrij")
    problems += violations(page)
    worker.release.set()
    expect(progress).to_contain_text("Status: Klaar", timeout=MADE_WITHIN)
    assert not worker.errors, worker.errors
    expect(page.locator("#rapportage-status")).not_to_have_attribute(
        "hx-trigger", "every 2s"
    )

    # Download the PDF from the finished page.
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF downloaden").click()
    download = info.value
    assert download.suggested_filename == f"rapportage-velsen-{last:%Y-%m}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # The preview arrived with the status, from the stored figures.
    expect(page.get_by_role("heading", name="Voorbeeld")).to_be_visible()
    expect(page.get_by_role("heading", name="1. Bestand")).to_be_visible()
    problems += violations(page)

    # The archive lists it; its preview opens from there.
    report = Report.objects.get()
    page.get_by_role("link", name="← Rapportages").click()
    expect(page.get_by_role("main")).to_contain_text("1 rapportage gevonden.")
    expect(page.get_by_role("table")).to_contain_text("Klaar")
    problems += violations(page)
    row = page.get_by_role("row").filter(has_text=period)
    row.get_by_role("link", name="Bekijken").click()
    assert page.url == f"{base}{reverse('reports:detail', args=[report.uuid])}"
    expect(page.get_by_role("heading", name="2. Instroom en uitstroom")).to_be_visible()
    problems += violations(page)

    # The yearly evaluation, and a range the wrong way round.
    page.get_by_role("link", name="← Rapportages").click()
    page.get_by_role("link", name="Jaarevaluatie trajecten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jaarevaluatie trajecten")
    problems += violations(page)
    page.get_by_label("Van startjaar").fill("2011")
    page.get_by_label("Tot en met startjaar").fill("2006")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("alert")).to_contain_text("ligt vóór het jaar ‘van’")
    problems += violations(page)

    assert not problems, "\n".join(problems)
