"""Vacancies in the regional pool."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.fields import (
    LONG_TEXT,
    BoundedTextField,
    max_length_checks,
)
from ijmondwerkt.validators import plausible_date

from .codelists import SectorCluster
from .employers import Employer, RegionalPoolQuerySet

# --- vacancies -----------------------------------------------------------------


class LanguageLevel(models.TextChoices):
    """Dutch language level required (Common European Framework)."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class VacancyQuerySet(RegionalPoolQuerySet):
    def open(self) -> VacancyQuerySet:
        return self.filter(status=Vacancy.Status.OPEN)


class Vacancy(models.Model):
    """A vacature at an employer in the pool."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "vervuld", _("Vervuld")
        WITHDRAWN = "ingetrokken", _("Ingetrokken")
        EXPIRED = "verlopen", _("Verlopen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    title = models.CharField(_("functietitel"), max_length=200)
    occupation = models.CharField(_("beroep"), max_length=150, blank=True)
    sector_cluster = models.ForeignKey(
        SectorCluster,
        verbose_name=_("branchecluster"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    description = BoundedTextField(_("omschrijving"), blank=True, max_length=LONG_TEXT)
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(
                Decimal("0.5"), _("Het aantal uren per week moet groter dan 0 zijn.")
            ),
            MaxValueValidator(
                Decimal("60"), _("Het aantal uren per week is hoogstens 60.")
            ),
        ],
    )
    places = models.SmallIntegerField(
        _("aantal plekken"),
        default=1,
        validators=[
            MinValueValidator(1, _("Het aantal plekken moet minstens 1 zijn."))
        ],
    )
    location_municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente van de werkplek"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
    )
    # The clients' education code list: a level the beheerder adds there can
    # be asked for here and is compared by its place in that list.
    education_level = models.ForeignKey(
        "clients.EducationLevel",
        verbose_name=_("opleidingsniveau"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
    )
    driving_licence_required = models.BooleanField(_("rijbewijs nodig"), default=False)
    language_level = models.CharField(
        _("taalniveau Nederlands"),
        max_length=2,
        choices=LanguageLevel.choices,
        blank=True,
    )
    suits_banenafspraak = models.BooleanField(
        _("geschikt voor garantiebaan (banenafspraak)"), default=False
    )
    suits_beschut = models.BooleanField(_("geschikt voor beschut werk"), default=False)
    trial_placement_possible = models.BooleanField(
        _("proefplaatsing mogelijk"), default=False
    )
    job_carved = models.BooleanField(
        _("jobcarving"), default=False, help_text=_("Functie uit taken samengesteld.")
    )
    open_date = models.DateField(_("open vanaf"), validators=[plausible_date()])
    close_date = models.DateField(
        _("sluitingsdatum"), null=True, blank=True, validators=[plausible_date()]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    status_changed_on = models.DateField(
        _("status gewijzigd op"), null=True, blank=True, validators=[plausible_date()]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        ordering = ["-open_date", "title"]
        indexes = [
            models.Index(fields=["status", "close_date"]),
            models.Index(fields=["-open_date"]),
        ]
        constraints = [
            *max_length_checks("employers_vacancy", description=LONG_TEXT),
            models.CheckConstraint(
                condition=Q(close_date__isnull=True)
                | Q(close_date__gte=models.F("open_date")),
                name="vacancy_close_after_open",
                violation_error_message=_(
                    "De sluitingsdatum ligt vóór de datum waarop de vacature opengaat."
                ),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0),
                name="vacancy_hours_positive",
                violation_error_message=_(
                    "Het aantal uren per week moet groter dan 0 zijn."
                ),
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1),
                name="vacancy_places_positive",
                violation_error_message=_("Het aantal plekken moet minstens 1 zijn."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("vacancies:detail", kwargs={"uuid": self.uuid})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_past_close_date(self, today: date) -> bool:
        return self.close_date is not None and self.close_date < today

    def clean(self) -> None:
        if self.open_date and self.close_date and self.close_date < self.open_date:
            raise ValidationError(
                {
                    "close_date": _(
                        "De sluitingsdatum ligt vóór de datum waarop de vacature "
                        "opengaat."
                    )
                }
            )
