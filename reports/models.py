"""The report archive: one generated monthly report per scope, month and variant.

A ``Report`` is the monthly report (docs/reports.md) of one municipality, or
of a region (several municipalities, ``is_region``), for one month, raw or in
the publication form ("<5"). ``scope_key`` (the sorted CBS codes) with the
month and the variant is unique: generating again replaces the figures and
files, never adds a second report. The figures are kept as plain data
(``MonthReport.to_dict()``) and the files (PDF, CSV, XLSX) as bytes, so the
archive shows what the report said when it was made.

Scope (docs/scoping.md): a report is visible to a manager or functioneel
beheerder who serves *all* its municipalities; a region report with a
municipality the person does not serve is not found. Partner systems are
bounded by their municipalities the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ijmondwerkt import scoping
from ijmondwerkt.fields import SHORT_TEXT, BoundedTextField, max_length_checks
from reports.figures.scope import REPORT_ROLES

# The downloadable files: field name -> (content type, extension).
FILE_FORMATS: dict[str, str] = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Large columns a list never needs: ``Report.objects.listing()`` leaves them out.
HEAVY_FIELDS = ("pdf", "csv", "xlsx", "figures")


def scope_key_of(cbs_codes: Iterable[str]) -> str:
    """The report's scope as text: the sorted CBS codes joined by "," ("0375,0453")."""
    return ",".join(sorted(set(cbs_codes)))


class ReportStatus(models.TextChoices):
    QUEUED = "wachtrij", _("In de wachtrij")
    RUNNING = "bezig", _("Wordt gemaakt")
    DONE = "klaar", _("Klaar")
    FAILED = "mislukt", _("Mislukt")


class ReportQuerySet(models.QuerySet["Report"]):
    def for_user(self, principal: Any) -> ReportQuerySet:
        """Reports all of whose municipalities ``principal`` serves for reports.

        A region report with one municipality outside the person's scope is
        not in it (not found), nor is a report without municipalities.
        """
        ids = scoping.served_municipalities(principal, REPORT_ROLES)
        if not ids:
            return self.none()
        through = Report.municipalities.through.objects.filter(report_id=OuterRef("pk"))
        return self.filter(Exists(through)).exclude(
            Exists(through.exclude(municipality_id__in=ids))
        )

    def listing(self) -> ReportQuerySet:
        """For lists: without the files and figures (they can be megabytes)."""
        return self.defer(*HEAVY_FIELDS)

    def of_month(self, month: Any) -> ReportQuerySet:
        return self.filter(month=month.replace(day=1))


class Report(models.Model):
    """One archived monthly report (rapportage): figures, files and how it went."""

    Status = ReportStatus

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    publication = models.BooleanField(
        _("publicatieversie"),
        default=False,
        help_text=_("Aantallen onder 5 worden getoond als “<5”."),
    )
    municipalities = models.ManyToManyField(
        "accounts.Municipality", verbose_name=_("gemeenten"), related_name="reports"
    )
    # The sorted CBS codes joined by ",": with month and variant the identity
    # of a report, so generating it again replaces it.
    scope_key = models.CharField(_("gemeentecodes"), max_length=255, editable=False)
    is_region = models.BooleanField(_("regio"), default=False)
    name = models.CharField(
        _("naam"),
        max_length=255,
        help_text=_("De gemeente, of de regio met haar gemeenten."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.QUEUED,
    )
    error = BoundedTextField(_("foutmelding"), blank=True, max_length=SHORT_TEXT)
    figures = models.JSONField(
        _("cijfers"), encoder=DjangoJSONEncoder, null=True, blank=True, editable=False
    )
    as_of = models.DateField(_("cijfers per"), null=True, blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    csv = models.BinaryField(_("CSV"), null=True, blank=True, editable=False)
    xlsx = models.BinaryField(_("Excel"), null=True, blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: gemaakt door de maandelijkse taak."),
    )
    created_at = models.DateTimeField(_("aangevraagd"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapportage")
        verbose_name_plural = _("rapportages")
        ordering = ["-month", "is_region", "name", "publication"]
        indexes = [models.Index(fields=["month"], name="report_month")]
        constraints = [
            *max_length_checks("reports_report", error=SHORT_TEXT),
            models.UniqueConstraint(
                fields=["scope_key", "month", "publication"],
                name="report_once_per_scope_month_variant",
                violation_error_message=_(
                    "Deze rapportage bestaat al: maak haar opnieuw in plaats van "
                    "een tweede aan te vragen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="report_month_first_day",
                violation_error_message=_("Een maand begint op de eerste dag."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.month:%Y-%m}"

    @property
    def is_pending(self) -> bool:
        """Queued or running: the status page keeps polling."""
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.status == ReportStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == ReportStatus.FAILED

    def file_bytes(self, fmt: str) -> bytes | None:
        """The file in ``fmt`` ("pdf", "csv", "xlsx") as bytes; None before it is made."""
        if fmt not in FILE_FORMATS:
            raise ValueError(fmt)
        value = getattr(self, fmt)
        return None if value is None else bytes(value)

    def filename(self, fmt: str) -> str:
        """E.g. ``rapportage-velsen-2026-10.pdf`` (``-publicatie`` for that variant)."""
        variant = "-publicatie" if self.publication else ""
        return f"rapportage-{slugify(self.name)}-{self.month:%Y-%m}{variant}.{fmt}"
