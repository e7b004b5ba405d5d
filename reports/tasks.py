"""Jobs of the reports app: thin; the work is in ``reports.services``."""

from __future__ import annotations

import logging

from celery import shared_task

from ijmondwerkt.domain import NotFound
from reports.services import monthly_reports_generate, report_generate

logger = logging.getLogger(__name__)


@shared_task
def generate_report(report_id: int) -> str:
    """Make one requested report; returns its status ("klaar" or "mislukt").

    A failure is kept on the report (status "mislukt", a Dutch message) for
    the manager to see and retry; the task itself does not fail for it.
    """
    try:
        report = report_generate(report_id)
    except NotFound:
        logger.warning("Report %s no longer exists; nothing generated", report_id)
        return "verwijderd"
    logger.info("Report %s generated: %s", report_id, report.status)
    return str(report.status)


@shared_task
def monthly_reports() -> dict[str, object]:
    """On the 1st, 05:30 Amsterdam: last month's reports of every municipality and the region."""
    run = monthly_reports_generate()
    logger.info(
        "Monthly reports for %s: %d made, %d failed, %d new notices",
        run.month.isoformat(),
        len(run.reports),
        run.failed,
        run.notices,
    )
    return {
        "month": run.month.isoformat(),
        "reports": len(run.reports),
        "failed": run.failed,
        "notices": run.notices,
    }
