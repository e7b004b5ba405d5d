"""The monthly job: last month's reports of every municipality and the region, on the 1st."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from celery.schedules import crontab

from django.conf import settings

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from reports.models import Report, ReportStatus
from reports.services import NOTICE_KIND, archive_link, monthly_reports_generate
from reports.tasks import monthly_reports
from tests.conftest import make_staff
from tests.reports.conftest import register

pytestmark = pytest.mark.django_db

# 00:30 on 1 November in Amsterdam (CET) is 23:30 on 31 October in UTC.
FIRST_OF_NOVEMBER_AMSTERDAM = "2026-10-31 23:30 +0000"


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stand-in renderers (the real ones have tests of their own): each call's bytes differ."""
    calls: list[str] = []

    def fake(kind: str) -> Any:
        def render(report: Any, **kwargs: Any) -> bytes:
            calls.append(kind)
            names = ",".join(m.name for m in report.municipalities)
            return f"{kind} {report.month:%Y-%m} {names} #{len(calls)}".encode()

        return render

    for kind in ("pdf", "csv", "xlsx"):
        monkeypatch.setattr(f"reports.services.render_month_{kind}", fake(kind))
    return calls


@pytest.fixture
def managers(
    velsen: Municipality, beverwijk: Municipality, heemskerk: Municipality
) -> dict[str, User]:
    return {
        "velsen": make_staff("manager_velsen", Role.MANAGER, [velsen]),
        "regio": make_staff(
            "manager_regio", Role.MANAGER, [velsen, beverwijk, heemskerk]
        ),
        # Not a manager: no notice.
        "klantmanager": make_staff("klantmanager_velsen", Role.KLANTMANAGER, [velsen]),
    }


def test_the_beat_runs_the_job_on_the_first_at_half_past_five() -> None:
    from ijmondwerkt.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["reports-monthly"]
    assert entry["task"] == monthly_reports.name == "reports.tasks.monthly_reports"
    assert monthly_reports.name in app.tasks
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule == crontab(hour=5, minute=30, day_of_month=1)
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"


@time_machine.travel(FIRST_OF_NOVEMBER_AMSTERDAM, tick=False)
def test_the_job_run_twice_keeps_one_report_per_scope_and_one_notice_per_manager(
    velsen: Municipality,
    beverwijk: Municipality,
    heemskerk: Municipality,
    managers: dict[str, User],
    renders: list[str],
) -> None:
    register(velsen, date(2026, 10, 31))
    register(beverwijk, date(2026, 10, 1))
    register(heemskerk, date(2026, 11, 1))  # today in Amsterdam: not October's

    first = monthly_reports_generate()
    # Still 31 October in UTC, but October is over in Amsterdam.
    assert first.month == date(2026, 10, 1)
    assert first.failed == 0 and first.notices == 2
    pdf_before = {r.scope_key: r.file_bytes("pdf") for r in Report.objects.all()}

    second = monthly_reports_generate()
    assert second.notices == 0

    reports = {r.scope_key: r for r in Report.objects.all()}
    assert sorted(reports) == ["0375", "0375,0396,0453", "0396", "0453"]
    assert all(r.month == date(2026, 10, 1) for r in reports.values())
    assert all(r.status == ReportStatus.DONE for r in reports.values())
    assert all(r.requested_by is None and not r.publication for r in reports.values())
    region = reports["0375,0396,0453"]
    assert region.is_region and region.name.startswith("Regio IJmond")
    assert region.figures is not None
    assert region.figures["total"]["flows"]["inflow"] == 2
    assert (reports["0396"].figures or {})["total"]["flows"]["inflow"] == 0
    # The files were made again and replaced, in the same rows.
    assert len(renders) == 2 * 4 * 3
    for key, report in reports.items():
        content = report.file_bytes("pdf")
        assert content is not None and content != pdf_before[key]
        assert content.startswith(b"pdf 2026-10")
    assert report_of("0453").file_bytes("csv") == b"csv 2026-10 Velsen #20"

    tasks = Task.objects.filter(kind=NOTICE_KIND).order_by("assignee__username")
    assert [(t.assignee.username, t.link) for t in tasks] == [
        ("manager_regio", archive_link()),
        ("manager_velsen", archive_link()),
    ]
    assert tasks[0].title == "De maandrapportage over oktober 2026 staat in het archief"


def report_of(scope_key: str) -> Report:
    return Report.objects.get(scope_key=scope_key)


@time_machine.travel("2026-12-01 05:30 +0100", tick=False)
def test_next_month_the_job_makes_novembers_reports_and_notices_again(
    velsen: Municipality, managers: dict[str, User], renders: list[str]
) -> None:
    Municipality.objects.exclude(pk=velsen.pk).update(active=False)
    with time_machine.travel("2026-11-01 05:30 +0100", tick=False):
        monthly_reports_generate()
    run = monthly_reports_generate()

    assert run.month == date(2026, 11, 1)
    # One active municipality: its report, no region report.
    assert sorted(
        Report.objects.values_list("scope_key", "month").order_by("month")
    ) == [("0453", date(2026, 10, 1)), ("0453", date(2026, 11, 1))]
    assert run.notices == 2
    assert Task.objects.filter(kind=NOTICE_KIND).count() == 4


@time_machine.travel(FIRST_OF_NOVEMBER_AMSTERDAM, tick=False)
def test_a_failing_report_does_not_stop_the_others(
    velsen: Municipality,
    beverwijk: Municipality,
    managers: dict[str, User],
    renders: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_for_velsen(report: Any) -> bytes:
        if [m.code for m in report.municipalities] == ["0453"]:
            raise RuntimeError("disk full")
        return b"xlsx"

    monkeypatch.setattr("reports.services.render_month_xlsx", broken_for_velsen)
    run = monthly_reports_generate()

    assert run.failed == 1
    failed = report_of("0453")
    assert failed.status == ReportStatus.FAILED
    assert "konden niet worden gemaakt" in failed.error
    assert failed.file_bytes("pdf") is None
    assert report_of("0375").status == ReportStatus.DONE

    # The next run (or a retry) makes it.
    monkeypatch.setattr("reports.services.render_month_xlsx", lambda report: b"xlsx")
    monthly_reports_generate()
    assert report_of("0453").status == ReportStatus.DONE
    assert report_of("0453").error == ""


@time_machine.travel(FIRST_OF_NOVEMBER_AMSTERDAM, tick=False)
def test_the_task_reports_what_it_did(
    velsen: Municipality, managers: dict[str, User], renders: list[str]
) -> None:
    result = monthly_reports.apply().get()
    assert result["month"] == "2026-10-01"
    assert result["failed"] == 0
    assert result["reports"] == Report.objects.count()
