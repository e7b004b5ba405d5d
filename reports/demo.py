"""Demo of the reports app: last month's reports in the archive.

Runs the monthly job once (every municipality and the region, as beat does on
the 1st), so the demo manager finds last month's reports in the archive, their
PDF, CSV and spreadsheet, and the notice in the inbox. Idempotent: when last
month's reports exist nothing is made again.
"""

from __future__ import annotations

from django.utils import timezone

from reports.figures import previous_month
from reports.models import Report
from reports.services import monthly_reports_generate


def load(*, seed: int) -> str:
    month = previous_month(timezone.localdate())
    if Report.objects.filter(month=month, requested_by__isnull=True).exists():
        return f"rapportages over {month:%m-%Y} stonden er al"
    run = monthly_reports_generate()
    return (
        f"{len(run.reports)} rapportages over {run.month:%m-%Y} "
        f"({run.failed} mislukt), {run.notices} meldingen"
    )
