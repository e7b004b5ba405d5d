"""Requests and generation of archived monthly reports (docs/reports.md, "The archive").

- ``report_request``: a manager or functioneel beheerder asks for the report
  of a month that has ended, for one municipality they serve or for the
  region of all they serve. It returns at once with the report queued
  ("wachtrij"); ``reports.tasks.generate_report`` makes it after the commit.
- ``report_generate``: computes the figures (``month_report_for``), the
  publication form if asked, and renders PDF, CSV and XLSX; any failure is
  kept on the report as "mislukt" with a Dutch message.
- ``report_retry``: queue a report again (after a failure, or to refresh it).
- ``monthly_reports_generate``: the scheduled job on the 1st: last month's
  report of every municipality and of the region, and a notice in the
  managers' inboxes.

A report's identity is its municipalities, month and variant: asking again
replaces the figures and files of the same row, never adds a second one.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.alerts import managers_by_municipality
from ijmondwerkt.accounts.models import Municipality
from ijmondwerkt.audit import record
from ijmondwerkt.domain import NotFound
from ijmondwerkt.inbox.services import NewTask, tasks_create_bulk
from reports.figures import month_report_for, previous_month, publication, served
from reports.models import Report, ReportStatus, scope_key_of
from reports.rendering import render_month_csv, render_month_pdf, render_month_xlsx
from reports.rendering.formats import month_name
from reports.rendering.tables import REGION

logger = logging.getLogger(__name__)

__all__ = [
    "FIRST_MONTH",
    "NOTICE_KIND",
    "monthly_reports_generate",
    "report_generate",
    "report_request",
    "report_retry",
    "report_scope",
]

# The oldest month a report can be asked for.
FIRST_MONTH = date(2000, 1, 1)
NOTICE_KIND = "report_monthly"


# --- scope and month -----------------------------------------------------------


def report_scope(user: Any, municipality: Municipality | None) -> list[Municipality]:
    """The municipalities of the report ``user`` asks for, by name.

    One municipality the user serves for reports, or (``None``) the region of
    all of them. Anything else is ``NotFound``: a manager of Beverwijk asking
    for Velsen learns nothing about it.
    """
    ids = served(user)
    if municipality is not None:
        if municipality.pk not in ids:
            raise NotFound(_("Deze gemeente is niet gevonden."))
        ids = [municipality.pk]
    if not ids:
        raise NotFound(_("Er zijn geen gemeenten om over te rapporteren."))
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


def check_month(month: date, today: date | None = None) -> date:
    """The month's first day, if the month is over (Amsterdam calendar); else refused."""
    first = month.replace(day=1)
    today = today or timezone.localdate()
    if first >= today.replace(day=1):
        raise ValidationError(
            {
                "month": _(
                    "Kies een maand die voorbij is: een rapportage over "
                    "%(month)s kan pas vanaf 1 %(next)s."
                )
                % {"month": month_name(first), "next": month_name(_next(first))}
            }
        )
    if first < FIRST_MONTH:
        raise ValidationError({"month": _("Kies een maand vanaf januari 2000.")})
    return first


def _next(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def report_name(municipalities: Sequence[Municipality]) -> str:
    """ "Velsen", or "Regio IJmond (Beverwijk, Heemskerk, Velsen)"."""
    names = [m.name for m in municipalities]
    if len(names) == 1:
        return names[0]
    name = f"{REGION} ({', '.join(names)})"
    return name if len(name) <= 255 else f"{REGION} ({len(names)} gemeenten)"


def _queue(
    municipalities: Sequence[Municipality],
    month: date,
    *,
    publication: bool,
    requested_by: Any,
) -> Report:
    """The report of this scope, month and variant, (re)set to "wachtrij"."""
    key = scope_key_of(m.cbs_code for m in municipalities)
    report, created = (
        Report.objects.select_for_update()
        .listing()
        .get_or_create(
            scope_key=key,
            month=month,
            publication=publication,
            defaults={
                "is_region": len(municipalities) > 1,
                "name": report_name(municipalities),
                "requested_by": requested_by,
            },
        )
    )
    if created:
        report.municipalities.set(municipalities)
        return report
    report.status = ReportStatus.QUEUED
    report.error = ""
    report.started_at = None
    report.finished_at = None
    report.name = report_name(municipalities)
    report.requested_by = requested_by
    report.save(
        update_fields=[
            "status",
            "error",
            "started_at",
            "finished_at",
            "name",
            "requested_by",
        ]
    )
    return report


def _enqueue(report: Report) -> None:
    """Generate the report in a worker once the transaction has committed."""
    from reports.tasks import generate_report

    pk = report.pk
    transaction.on_commit(lambda: generate_report.delay(pk))


def _describe(report: Report) -> str:
    variant = _(" (publicatieversie)") if report.publication else ""
    return f"{report.name}, {month_name(report.month)}{variant}"


# --- services ------------------------------------------------------------------


@transaction.atomic
def report_request(
    *,
    user: Any,
    month: date,
    municipality: Municipality | None = None,
    publication: bool = False,
) -> Report:
    """Queue the report of ``month`` for ``municipality`` (None: the user's region).

    Returns at once with the report in "wachtrij"; a worker makes it after the
    commit. Asking again for the same report replaces its figures and files.
    """
    municipalities = report_scope(user, municipality)
    first = check_month(month)
    report = _queue(municipalities, first, publication=publication, requested_by=user)
    record(
        report,
        action="report_requested",
        summary=_("Rapportage aangevraagd: %(report)s") % {"report": _describe(report)},
        changes={
            "month": [None, first.isoformat()],
            "municipalities": [None, [m.cbs_code for m in municipalities]],
            "publication": [None, publication],
        },
        actor=user,
    )
    _enqueue(report)
    return report


@transaction.atomic
def report_retry(*, user: Any, report: Report) -> Report:
    """Queue ``report`` again: after a failure, or to make it from today's data.

    ``NotFound`` when the user does not serve all its municipalities; refused
    while it is still being made.
    """
    try:
        locked = (
            Report.objects.for_user(user)
            .select_for_update()
            .listing()
            .get(pk=report.pk)
        )
    except Report.DoesNotExist:
        raise NotFound(_("Deze rapportage is niet gevonden.")) from None
    if locked.status == ReportStatus.RUNNING:
        raise ValidationError(
            _("Deze rapportage wordt nu gemaakt; wacht tot ze klaar is.")
        )
    locked.status = ReportStatus.QUEUED
    locked.error = ""
    locked.started_at = None
    locked.finished_at = None
    locked.requested_by = user
    locked.save(
        update_fields=["status", "error", "started_at", "finished_at", "requested_by"]
    )
    record(
        locked,
        action="report_retried",
        summary=_("Rapportage opnieuw aangevraagd: %(report)s")
        % {"report": _describe(locked)},
        actor=user,
    )
    _enqueue(locked)
    return locked


# Dutch messages per stage, shown to the manager on the failed report.
FAILED_FIGURES = _(
    "De cijfers konden niet worden berekend. Probeer het opnieuw; lukt het dan "
    "weer niet, meld het aan de functioneel beheerder."
)
FAILED_FILES = _(
    "De cijfers zijn berekend, maar de bestanden (PDF, CSV, Excel) konden niet "
    "worden gemaakt. Probeer het opnieuw; lukt het dan weer niet, meld het aan "
    "de functioneel beheerder."
)


def report_generate(report_id: int) -> Report:
    """Make the report: figures, publication form if asked, PDF, CSV and XLSX.

    Never raises for a failed generation: the report becomes "mislukt" with a
    Dutch message and the exception is logged with the report's id only (the
    figures are aggregates; no personal data goes into the log).
    ``NotFound`` if the report no longer exists.
    """
    started = timezone.now()
    if not Report.objects.filter(pk=report_id).update(
        status=ReportStatus.RUNNING, started_at=started, finished_at=None, error=""
    ):
        raise NotFound(_("Deze rapportage is niet gevonden."))
    report = Report.objects.listing().get(pk=report_id)
    ids = list(report.municipalities.values_list("pk", flat=True))
    stage = FAILED_FIGURES
    try:
        figures = month_report_for(ids, report.month)
        if report.publication:
            figures = publication(figures)
        stage = FAILED_FILES
        title = _("Maandrapportage %(month)s") % {"month": month_name(report.month)}
        pdf = render_month_pdf(figures, title=title)
        csv = render_month_csv(figures)
        xlsx = render_month_xlsx(figures)
    except Exception:
        logger.exception(
            "Report %s (%s, %s) could not be generated",
            report.pk,
            report.scope_key,
            report.month.isoformat(),
        )
        report.status = ReportStatus.FAILED
        report.error = str(stage)
        report.finished_at = timezone.now()
        report.save(update_fields=["status", "error", "finished_at"])
        return report
    report.status = ReportStatus.DONE
    report.error = ""
    report.figures = figures.to_dict()
    report.as_of = figures.as_of
    report.pdf, report.csv, report.xlsx = pdf, csv, xlsx
    report.finished_at = timezone.now()
    report.save(
        update_fields=[
            "status",
            "error",
            "figures",
            "as_of",
            "pdf",
            "csv",
            "xlsx",
            "finished_at",
        ]
    )
    return report


# --- the monthly job -------------------------------------------------------------


@dataclass(frozen=True)
class MonthlyRun:
    month: date
    reports: list[Report]
    notices: int  # new inbox notices

    @property
    def failed(self) -> int:
        return sum(1 for r in self.reports if r.status == ReportStatus.FAILED)


def archive_link() -> str:
    return reverse("reports:archive")


def monthly_notices(month: date, municipality_ids: list[int]) -> list[NewTask]:
    """One notice per manager of these municipalities, once per month (dedupe key)."""
    managers = managers_by_municipality(municipality_ids)
    manager_ids = sorted({pk for ids in managers.values() for pk in ids})
    title = _("De maandrapportage over %(month)s staat in het archief") % {
        "month": month_name(month)
    }
    link = archive_link()
    return [
        NewTask(
            assignee_id=manager_id,
            kind=NOTICE_KIND,
            title=title[:255],
            link=link,
            dedupe_key=f"{NOTICE_KIND}:{month:%Y-%m}:{manager_id}",
        )
        for manager_id in manager_ids
    ]


def monthly_reports_generate(today: date | None = None) -> MonthlyRun:
    """Last month's report of every active municipality and of the whole region.

    Run on the 1st (beat "reports-monthly"); idempotent: a second run makes
    the same reports again in the same rows (figures and files replaced) and
    adds no second notice. The reports are made one after another in this
    task; one that fails is "mislukt" and the others go on.
    """
    month = previous_month(today or timezone.localdate())
    municipalities = list(Municipality.objects.active().order_by("name"))
    scopes: list[list[Municipality]] = [[m] for m in municipalities]
    if len(municipalities) > 1:
        scopes.append(municipalities)
    queued = []
    for scope in scopes:
        with transaction.atomic():
            queued.append(_queue(scope, month, publication=False, requested_by=None))
    reports = [report_generate(report.pk) for report in queued]
    notices = tasks_create_bulk(monthly_notices(month, [m.pk for m in municipalities]))
    return MonthlyRun(month=month, reports=reports, notices=notices)
