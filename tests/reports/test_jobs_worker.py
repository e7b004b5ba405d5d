"""The reports jobs in a real Celery worker process, through the configured broker."""

from __future__ import annotations

from typing import Any

import pytest

from django.utils import timezone

from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from reports.figures import previous_month
from reports.models import Report, ReportStatus
from reports.services import NOTICE_KIND, report_request
from reports.tasks import generate_report, monthly_reports
from tests.conftest import make_staff

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Making a PDF takes a while on a busy machine.
TIMEOUT = 240


@pytest.fixture
def velsen_only(db: None) -> Municipality:
    """One active municipality: one report to make (no region report)."""
    Municipality.objects.exclude(cbs_code="0453").update(active=False)
    return Municipality.objects.get(cbs_code="0453")


def test_a_requested_report_is_made_by_the_worker_after_the_commit(
    celery_worker_process: str,
    velsen_only: Municipality,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[Any] = []

    def to_test_queue(report_id: int) -> None:
        sent.append(
            generate_report.apply_async(args=(report_id,), queue=celery_worker_process)
        )

    monkeypatch.setattr("reports.tasks.generate_report.delay", to_test_queue)
    manager = make_staff("manager_velsen", Role.MANAGER, [velsen_only])
    month = previous_month(previous_month(timezone.localdate()))

    report = report_request(user=manager, month=month)

    assert report.status == ReportStatus.QUEUED  # returned at once
    assert len(sent) == 1  # autocommit: handed over on commit
    assert sent[0].get(timeout=TIMEOUT) == "klaar"
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    pdf = report.file_bytes("pdf")
    assert pdf is not None and pdf.startswith(b"%PDF")


def test_the_monthly_job_runs_in_the_worker_and_is_idempotent(
    celery_worker_process: str, velsen_only: Municipality
) -> None:
    manager = make_staff("manager_velsen", Role.MANAGER, [velsen_only])

    first = monthly_reports.apply_async(queue=celery_worker_process).get(
        timeout=TIMEOUT
    )
    second = monthly_reports.apply_async(queue=celery_worker_process).get(
        timeout=TIMEOUT
    )

    month = previous_month(timezone.localdate())
    assert first == {
        "month": month.isoformat(),
        "reports": 1,
        "failed": 0,
        "notices": 1,
    }
    assert second["notices"] == 0
    report = Report.objects.get()
    assert (report.scope_key, report.month, report.status) == (
        "0453",
        month,
        ReportStatus.DONE,
    )
    assert Task.objects.filter(kind=NOTICE_KIND, assignee=manager).count() == 1
