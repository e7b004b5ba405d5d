"""Trajectories (trajecten) and deployments (inzetten) of instruments."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.fields import TEXT, BoundedTextField, max_length_checks
from ijmondwerkt.validators import plausible_date

from .catalogue import Instrument, Provider
from .choices import CostUnit, DeploymentStatus, TrajectoryKind
from .codes import TrajectoryEndReason
from .periods import ended_with_reason_checks
from .scoping import CaseworkQuerySet


class TrajectoryQuerySet(CaseworkQuerySet):  # type: ignore[override]
    def running_on(self, day: date) -> TrajectoryQuerySet:
        """Started on or before ``day`` and not ended before it."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def open(self) -> TrajectoryQuerySet:
        return self.filter(end_date__isnull=True)


class Trajectory(models.Model):
    """A traject: a route to work or participation, with deployments of instruments.

    Several may run at once for one client (activation next to re-integration).
    History from a previous system may be registered with past dates.
    """

    Kind = TrajectoryKind

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("werkzoekende"),
        on_delete=models.PROTECT,
        related_name="trajectories",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=TrajectoryKind.choices)
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trajectories",
    )
    lead_organisation = models.CharField(
        _("regievoerende organisatie"), max_length=150, blank=True
    )
    start_date = models.DateField(_("startdatum"), validators=[plausible_date()])
    planned_end_date = models.DateField(
        _("geplande einddatum"), null=True, blank=True, validators=[plausible_date()]
    )
    end_date = models.DateField(
        _("einddatum"), null=True, blank=True, validators=[plausible_date()]
    )
    end_reason = models.ForeignKey(
        TrajectoryEndReason,
        verbose_name=_("reden einde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trajectories",
    )
    goals = BoundedTextField(_("doelen"), blank=True, max_length=TEXT)
    klantmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trajectbegeleider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-start_date", "-pk"]
        constraints = [
            *max_length_checks("trajectories_trajectory", goals=TEXT),
            *ended_with_reason_checks("trajectory"),
            models.CheckConstraint(
                condition=Q(planned_end_date__isnull=True)
                | Q(planned_end_date__gte=F("start_date")),
                name="trajectory_planned_end_after_start",
                violation_error_message=_(
                    "De geplande einddatum ligt vóór de startdatum."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["client", "end_date"]),
            models.Index(fields=["start_date"]),
            models.Index(fields=["planned_end_date", "end_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} vanaf {self.start_date:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("trajectories:detail", args=[self.uuid])

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    def runs_on(self, day: date) -> bool:
        return self.start_date <= day and (
            self.end_date is None or day <= self.end_date
        )


class DeploymentQuerySet(CaseworkQuerySet):  # type: ignore[override]
    def committing(self) -> DeploymentQuerySet:
        """Deployments that commit budget: all but cancelled ones."""
        return self.exclude(status=DeploymentStatus.CANCELLED)

    def running_on(self, day: date) -> DeploymentQuerySet:
        return self.committing().filter(start_date__lte=day, end_date__gte=day)


class Deployment(models.Model):
    """An inzet: an instrument used for a client, within a trajectory or not.

    ``total_cost`` = ``rate`` × ``units`` (per trajectory: units 1); budgets
    commit it spread over the days from start to end.
    """

    Status = DeploymentStatus

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("werkzoekende"),
        on_delete=models.PROTECT,
        related_name="deployments",
    )
    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("traject"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deployments",
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("voorziening"),
        on_delete=models.PROTECT,
        related_name="deployments",
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deployments",
    )
    start_date = models.DateField(_("startdatum"), validators=[plausible_date()])
    end_date = models.DateField(
        _("einddatum"),
        validators=[plausible_date()],
        help_text=_("De geplande einddatum; bij eerder stoppen de werkelijke."),
    )
    cost_unit = models.CharField(_("eenheid"), max_length=10, choices=CostUnit.choices)
    rate = models.DecimalField(
        _("tarief"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), _("Kosten zijn niet negatief."))],
    )
    units = models.DecimalField(
        _("aantal eenheden"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"), _("Het aantal is niet negatief."))],
    )
    total_cost = models.DecimalField(
        _("totale kosten"), max_digits=12, decimal_places=2, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DeploymentStatus.choices,
        default=DeploymentStatus.RUNNING,
    )
    note = BoundedTextField(_("toelichting"), blank=True, max_length=TEXT)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = DeploymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzetten")
        ordering = ["-start_date", "-pk"]
        constraints = [
            *max_length_checks("trajectories_deployment", note=TEXT),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="deployment_end_after_start",
                violation_error_message=_("De einddatum ligt vóór de startdatum."),
            ),
            models.CheckConstraint(
                condition=Q(total_cost__gte=0),
                name="deployment_cost_not_negative",
                violation_error_message=_("Kosten zijn niet negatief."),
            ),
        ]
        indexes = [
            models.Index(fields=["client", "start_date"]),
            models.Index(fields=["start_date", "end_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} vanaf {self.start_date:%d-%m-%Y}"

    def compute_total_cost(self) -> Decimal:
        return (Decimal(self.rate) * Decimal(self.units)).quantize(Decimal("0.01"))
