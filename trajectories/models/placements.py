"""Placements (plaatsingen) with follow-up, and wage-value assessments."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.fields import SHORT_TEXT, TEXT, BoundedTextField, max_length_checks
from ijmondwerkt.validators import plausible_date

from .choices import FOLLOW_UP_MONTHS, FollowUpOutcome
from .codes import AssessmentMethod, PlacementEndReason, PlacementKind
from .periods import ended_with_reason_checks
from .scoping import CaseworkQuerySet, PlacementScopedQuerySet


def sustainable_months() -> int:
    """Months after its start a placement counts as sustainable outflow (§2.7)."""
    return int(getattr(settings, "SUSTAINABLE_OUTFLOW_MONTHS", 6))


class PlacementQuerySet(PlacementScopedQuerySet):
    def running_on(self, day: date) -> PlacementQuerySet:
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def with_subsidy(self) -> PlacementQuerySet:
        return self.filter(wage_cost_subsidy=True)


class FollowUpQuerySet(PlacementScopedQuerySet):
    client_lookup = "placement__client"

    def due_by(self, day: date) -> FollowUpQuerySet:
        """Open moments due on or before ``day`` of placements still running."""
        return self.filter(
            held_on__isnull=True, due_date__lte=day, placement__end_date__isnull=True
        )


class Placement(models.Model):
    """A plaatsing: a client at work with an employer, with or without a proposal.

    ``is_sustainable_on(day)`` is derived (still working ``SUSTAINABLE_OUTFLOW_MONTHS``
    after the start), never typed in.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("werkzoekende"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    employer = models.ForeignKey(
        "employers.Employer",
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        verbose_name=_("vacature"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    proposal = models.OneToOneField(
        "employers.Proposal",
        verbose_name=_("voordracht"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement",
    )
    trajectory = models.ForeignKey(
        "trajectories.Trajectory",
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    kind = models.ForeignKey(
        PlacementKind,
        verbose_name=_("soort plaatsing"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    job_title = models.CharField(_("functie"), max_length=200)
    start_date = models.DateField(_("startdatum"), validators=[plausible_date()])
    end_date = models.DateField(
        _("einddatum"), null=True, blank=True, validators=[plausible_date()]
    )
    end_reason = models.ForeignKey(
        PlacementEndReason,
        verbose_name=_("reden einde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(
                Decimal("0.5"), _("Het aantal uren per week moet groter dan 0 zijn.")
            ),
            MaxValueValidator(Decimal("60"), _("Hoogstens 60 uur per week.")),
        ],
    )
    wage_per_hour = models.DecimalField(
        _("uurloon"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0"), _("Het uurloon is niet negatief."))
        ],
    )
    trial_end_date = models.DateField(
        _("einde proefplaatsing"),
        null=True,
        blank=True,
        validators=[plausible_date()],
    )
    wage_cost_subsidy = models.BooleanField(_("met loonkostensubsidie"), default=False)
    note = BoundedTextField(_("toelichting"), blank=True, max_length=SHORT_TEXT)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        ordering = ["-start_date", "-pk"]
        constraints = [
            *max_length_checks("trajectories_placement", note=SHORT_TEXT),
            *ended_with_reason_checks("placement"),
            models.CheckConstraint(
                condition=Q(trial_end_date__isnull=True)
                | Q(trial_end_date__gte=F("start_date")),
                name="placement_trial_end_after_start",
                violation_error_message=_(
                    "Het einde van de proefplaatsing ligt vóór de startdatum."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["client", "start_date"]),
            models.Index(fields=["employer", "start_date"]),
            models.Index(fields=["start_date", "end_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.job_title} vanaf {self.start_date:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("placements:detail", args=[self.uuid])

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    def runs_on(self, day: date) -> bool:
        return self.start_date <= day and (
            self.end_date is None or day <= self.end_date
        )

    @property
    def sustainable_from(self) -> date:
        return self.start_date + relativedelta(months=sustainable_months())

    def is_sustainable_on(self, day: date) -> bool:
        """Still working ``SUSTAINABLE_OUTFLOW_MONTHS`` after the start, as of ``day``."""
        mark = self.sustainable_from
        return mark <= day and (self.end_date is None or self.end_date >= mark)


class FollowUp(models.Model):
    """A nazorgmoment: a check-in 1, 3, 6 or 12 months after the placement started."""

    Outcome = FollowUpOutcome

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("plaatsing"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    months = models.PositiveSmallIntegerField(
        _("maanden na start"),
        choices=[(m, _("%(m)s maanden") % {"m": m}) for m in FOLLOW_UP_MONTHS],
    )
    due_date = models.DateField(_("gepland op"), validators=[plausible_date()])
    held_on = models.DateField(
        _("gehouden op"), null=True, blank=True, validators=[plausible_date()]
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=14, choices=FollowUpOutcome.choices, blank=True
    )
    note = BoundedTextField(_("toelichting"), blank=True, max_length=SHORT_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("nazorgmoment")
        verbose_name_plural = _("nazorgmomenten")
        ordering = ["placement", "months"]
        constraints = [
            *max_length_checks("trajectories_followup", note=SHORT_TEXT),
            models.UniqueConstraint(
                fields=["placement", "months"], name="follow_up_once_per_moment"
            ),
            models.CheckConstraint(
                condition=Q(held_on__isnull=True, outcome="")
                | (Q(held_on__isnull=False) & ~Q(outcome="")),
                name="follow_up_held_has_outcome",
                violation_error_message=_(
                    "Een gehouden nazorgmoment heeft een datum en een uitkomst."
                ),
            ),
        ]
        indexes = [models.Index(fields=["held_on", "due_date"])]

    def __str__(self) -> str:
        return _("Nazorg na %(m)s maanden") % {"m": self.months}

    @property
    def is_done(self) -> bool:
        return self.held_on is not None


def reassessment_months() -> int:
    """Default months until the next wage-value assessment is due (§7)."""
    return int(getattr(settings, "WAGE_VALUE_REASSESSMENT_MONTHS", 12))


class WageValueAssessment(models.Model):
    """A loonwaardebepaling: an expert's assessment of one job at the workplace.

    Valid from ``assessed_on`` up to and including ``next_due_date``; a
    subsidy month needs one valid on its first covered day.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("werkzoekende"),
        on_delete=models.PROTECT,
        related_name="wage_value_assessments",
    )
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("plaatsing"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    job_description = BoundedTextField(
        _("functieomschrijving"),
        blank=True,
        max_length=SHORT_TEXT,
        help_text=_("Voor een bepaling zonder plaatsing: de beoordeelde functie."),
    )
    assessed_on = models.DateField(_("datum bepaling"), validators=[plausible_date()])
    method = models.ForeignKey(
        AssessmentMethod,
        verbose_name=_("methode"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    assessor = models.CharField(_("deskundige"), max_length=150)
    wage_value = models.PositiveSmallIntegerField(
        _("loonwaarde (%)"),
        validators=[
            MinValueValidator(
                0, _("De loonwaarde is een percentage van 0 tot en met 100.")
            ),
            MaxValueValidator(
                100, _("De loonwaarde is een percentage van 0 tot en met 100.")
            ),
        ],
    )
    next_due_date = models.DateField(
        _("volgende bepaling uiterlijk"), validators=[plausible_date()]
    )
    note = BoundedTextField(_("toelichting"), blank=True, max_length=TEXT)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = CaseworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("loonwaardebepaling")
        verbose_name_plural = _("loonwaardebepalingen")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            *max_length_checks(
                "trajectories_wagevalueassessment",
                job_description=SHORT_TEXT,
                note=TEXT,
            ),
            models.CheckConstraint(
                condition=Q(wage_value__gte=0) & Q(wage_value__lte=100),
                name="assessment_wage_value_percentage",
                violation_error_message=_(
                    "De loonwaarde is een percentage van 0 tot en met 100."
                ),
            ),
            models.CheckConstraint(
                condition=Q(next_due_date__gt=F("assessed_on")),
                name="assessment_next_due_after_assessed",
                violation_error_message=_(
                    "De volgende bepaling ligt na de datum van deze bepaling."
                ),
            ),
            models.CheckConstraint(
                condition=Q(placement__isnull=False) | ~Q(job_description=""),
                name="assessment_has_placement_or_job",
                violation_error_message=_(
                    "Kies de plaatsing of beschrijf de beoordeelde functie."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["placement", "assessed_on"]),
            models.Index(fields=["next_due_date"]),
        ]

    def __str__(self) -> str:
        return _("Loonwaarde %(pct)s%% op %(day)s") % {
            "pct": self.wage_value,
            "day": f"{self.assessed_on:%d-%m-%Y}",
        }

    def is_valid_on(self, day: date) -> bool:
        return self.assessed_on <= day <= self.next_due_date

    @staticmethod
    def default_next_due(assessed_on: date) -> date:
        return assessed_on + relativedelta(months=reassessment_months())


def placement_follow_up_dates(start: date) -> list[tuple[int, date]]:
    """The follow-up moments of a placement starting on ``start``."""
    return [(m, start + relativedelta(months=m)) for m in FOLLOW_UP_MONTHS]
