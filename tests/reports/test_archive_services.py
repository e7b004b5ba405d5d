"""Asking for a report: scope, month, queueing after the commit, failure and retry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import time_machine

from django.core.exceptions import ValidationError

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.domain import NotFound
from reports.models import Report, ReportStatus
from reports.services import (
    FAILED_FILES,
    report_generate,
    report_name,
    report_request,
    report_retry,
)
from tests.conftest import make_staff
from tests.reports.conftest import register

pytestmark = pytest.mark.django_db

# 12:00 on 15 November 2026 in Amsterdam: October is the last month that is over.
MID_NOVEMBER = "2026-11-15 12:00 +0100"


def file_of(report: Report, fmt: str) -> bytes:
    content = report.file_bytes(fmt)
    assert content is not None
    return content


def data(report: Report) -> dict[str, Any]:
    assert isinstance(report.figures, dict)
    return report.figures


def inflow(report: Report) -> Any:
    return data(report)["total"]["flows"]["inflow"]


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The report ids handed to the worker (instead of a broker)."""
    sent: list[int] = []
    monkeypatch.setattr("reports.tasks.generate_report.delay", sent.append)
    return sent


@pytest.fixture
def region_manager(
    velsen: Municipality, beverwijk: Municipality, heemskerk: Municipality
) -> User:
    return make_staff("manager_regio", Role.MANAGER, [velsen, beverwijk, heemskerk])


@time_machine.travel(MID_NOVEMBER, tick=False)
def test_a_request_is_queued_and_made_after_the_commit(
    manager_velsen: User,
    velsen: Municipality,
    queued: list[int],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    register(velsen, date(2026, 10, 5))
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(
            user=manager_velsen, month=date(2026, 10, 20), municipality=velsen
        )
        assert queued == []  # not before the commit
    assert queued == [report.pk]
    assert report.status == ReportStatus.QUEUED
    assert (report.month, report.scope_key, report.name) == (
        date(2026, 10, 1),
        "0453",
        "Velsen",
    )
    assert not report.is_region and report.requested_by == manager_velsen

    done = report_generate(report.pk)

    assert done.status == ReportStatus.DONE and done.error == ""
    assert done.as_of == date(2026, 10, 31)
    assert inflow(done) == 1
    assert data(done)["municipalities"][0]["code"] == "0453"
    assert file_of(done, "pdf").startswith(b"%PDF")
    assert file_of(done, "xlsx").startswith(b"PK")
    assert "Velsen" in file_of(done, "csv").decode("utf-8-sig")
    assert done.started_at is not None and done.finished_at is not None
    assert done.finished_at >= done.started_at
    event = AuditEvent.objects.for_object(report).get()
    assert event.action == "report_requested"
    assert event.user_id == manager_velsen.pk
    assert "Velsen, oktober 2026" in event.summary


@time_machine.travel(MID_NOVEMBER, tick=False)
def test_asking_again_replaces_the_report(
    manager_velsen: User, velsen: Municipality, queued: list[int]
) -> None:
    first = report_request(user=manager_velsen, month=date(2026, 10, 1))
    report_generate(first.pk)
    register(velsen, date(2026, 10, 5))

    again = report_request(user=manager_velsen, month=date(2026, 10, 1))
    assert again.pk == first.pk and again.status == ReportStatus.QUEUED
    report_generate(again.pk)

    assert Report.objects.count() == 1
    assert inflow(Report.objects.get()) == 1
    # The publication form is a report of its own.
    published = report_request(
        user=manager_velsen, month=date(2026, 10, 1), publication=True
    )
    report_generate(published.pk)
    published.refresh_from_db()
    assert published.pk != first.pk
    assert inflow(published) == "<5"
    assert published.filename("csv") == "rapportage-velsen-2026-10-publicatie.csv"


@time_machine.travel(MID_NOVEMBER, tick=False)
def test_without_a_municipality_the_request_is_for_the_served_region(
    region_manager: User, queued: list[int]
) -> None:
    report = report_request(user=region_manager, month=date(2026, 9, 1))
    assert report.is_region
    assert report.scope_key == "0375,0396,0453"
    assert report.name == "Regio IJmond (Beverwijk, Heemskerk, Velsen)"
    assert sorted(report.municipalities.values_list("cbs_code", flat=True)) == [
        "0375",
        "0396",
        "0453",
    ]


@time_machine.travel(MID_NOVEMBER, tick=False)
@pytest.mark.parametrize(
    ("month", "message"),
    [
        (date(2026, 11, 1), "Kies een maand die voorbij is"),  # the running month
        (date(2026, 11, 30), "vanaf 1 december 2026"),
        (date(2027, 1, 1), "Kies een maand die voorbij is"),  # the future
        (date(1999, 12, 1), "Kies een maand vanaf januari 2000."),
    ],
)
def test_a_month_that_is_not_over_is_refused(
    manager_velsen: User, queued: list[int], month: date, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        report_request(user=manager_velsen, month=month)
    assert message in exc.value.message_dict["month"][0]
    assert not Report.objects.exists() and queued == []


# 00:30 on 1 November in Amsterdam is 23:30 on 31 October in UTC: October is over.
@time_machine.travel("2026-10-31 23:30 +0000", tick=False)
def test_just_after_midnight_on_the_first_last_month_can_be_asked_for(
    manager_velsen: User, queued: list[int]
) -> None:
    report = report_request(user=manager_velsen, month=date(2026, 10, 1))
    assert report.month == date(2026, 10, 1)
    with pytest.raises(ValidationError):
        report_request(user=manager_velsen, month=date(2026, 11, 1))


@time_machine.travel(MID_NOVEMBER, tick=False)
def test_a_manager_of_another_municipality_cannot_ask_for_or_see_velsens_report(
    manager_velsen: User,
    manager_beverwijk: User,
    velsen: Municipality,
    queued: list[int],
) -> None:
    with pytest.raises(NotFound):
        report_request(
            user=manager_beverwijk, month=date(2026, 10, 1), municipality=velsen
        )
    report = report_request(user=manager_velsen, month=date(2026, 10, 1))
    assert not Report.objects.for_user(manager_beverwijk).filter(pk=report.pk).exists()
    with pytest.raises(NotFound):
        report_retry(user=manager_beverwijk, report=report)
    assert queued == []  # no commit in this test: nothing was handed to a worker


@time_machine.travel(MID_NOVEMBER, tick=False)
@pytest.mark.parametrize("role", [Role.KLANTMANAGER, Role.WERKMAKELAAR])
def test_caseworkers_cannot_ask_for_reports(
    velsen: Municipality, queued: list[int], role: Role
) -> None:
    user = make_staff("medewerker_velsen", role, [velsen])
    with pytest.raises(NotFound):
        report_request(user=user, month=date(2026, 10, 1))


@time_machine.travel(MID_NOVEMBER, tick=False)
def test_a_region_report_is_invisible_to_a_manager_not_serving_all_of_it(
    region_manager: User, manager_velsen: User, queued: list[int]
) -> None:
    region = report_request(user=region_manager, month=date(2026, 10, 1))
    assert list(Report.objects.for_user(region_manager)) == [region]
    assert not Report.objects.for_user(manager_velsen).exists()
    with pytest.raises(NotFound):
        report_retry(user=manager_velsen, report=region)


@time_machine.travel(MID_NOVEMBER, tick=False)
def test_a_failed_generation_is_kept_with_its_error_and_can_be_retried(
    manager_velsen: User,
    queued: list[int],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise OSError("renderer unavailable")

    report = report_request(user=manager_velsen, month=date(2026, 10, 1))
    with monkeypatch.context() as patch:
        patch.setattr("reports.services.render_month_pdf", broken)
        failed = report_generate(report.pk)

    failed.refresh_from_db()
    assert failed.status == ReportStatus.FAILED
    assert failed.error == str(FAILED_FILES)
    assert failed.error.startswith("De cijfers zijn berekend, maar de bestanden")
    assert failed.pdf is None and failed.finished_at is not None
    assert (
        f"Report {report.pk} (0453, 2026-10-01) could not be generated" in caplog.text
    )

    with django_capture_on_commit_callbacks(execute=True):
        retried = report_retry(user=manager_velsen, report=failed)
    assert retried.status == ReportStatus.QUEUED and retried.error == ""
    assert queued == [report.pk]
    done = report_generate(report.pk)
    assert done.status == ReportStatus.DONE and done.error == ""
    assert file_of(done, "pdf").startswith(b"%PDF")
    assert [e.action for e in AuditEvent.objects.for_object(report).order_by("pk")] == [
        "report_requested",
        "report_retried",
    ]


@time_machine.travel(MID_NOVEMBER, tick=False)
def test_a_report_being_made_is_not_retried(
    manager_velsen: User, queued: list[int]
) -> None:
    report = report_request(user=manager_velsen, month=date(2026, 10, 1))
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    with pytest.raises(ValidationError, match="wordt nu gemaakt"):
        report_retry(user=manager_velsen, report=report)


def test_generating_a_report_that_is_gone_is_not_found() -> None:
    with pytest.raises(NotFound):
        report_generate(123456)


def test_a_region_with_many_municipalities_gets_a_short_name() -> None:
    many = [Municipality(cbs_code=f"{n:04d}", name=f"Gemeente {n}") for n in range(40)]
    assert report_name(many) == "Regio IJmond (40 gemeenten)"
    assert report_name(many[:2]) == "Regio IJmond (Gemeente 0, Gemeente 1)"
