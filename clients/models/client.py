"""The client (werkzoekende) file and the queryset every read goes through."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models.choices import (
    LADDER_CEILING,
    OPEN_STATUSES,
    Gender,
    Status,
    TargetGroup,
    ladder_step_validators,
)
from clients.validators import validate_bsn, validate_languages, validate_postcode
from ijmondwerkt import scoping
from ijmondwerkt.accounts.models import MunicipalityScopedQuerySet
from ijmondwerkt.audit.services import AuditedQuerySet
from ijmondwerkt.fields import SHORT_TEXT, TEXT, BoundedTextField, max_length_checks
from ijmondwerkt.validators import birth_date, plausible_date

MINIMUM_AGE = 15


class ClientQuerySet(AuditedQuerySet, MunicipalityScopedQuerySet):  # type: ignore[override]
    # Client files: klantmanagers and werkmakelaars (docs/scoping.md).
    scope_roles = scoping.CLIENT_FILE_ROLES

    def open(self) -> ClientQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def caseload(self, user: Any) -> ClientQuerySet:
        """The open files this klantmanager is assigned to."""
        return self.open().filter(klantmanager=user)

    def with_current_ladder_step(self) -> ClientQuerySet:
        """``current_ladder_step``: the stored step of the latest measurement.

        Kept for callers that read the annotation; new code reads ``ladder_step``.
        """
        return self.annotate(current_ladder_step=F("ladder_step"))


class Client(models.Model):
    """A werkzoekende: one file per person (BSN), reopened on re-registration."""

    Status = Status

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        unique=True,
        validators=[validate_bsn],
        help_text=_("Burgerservicenummer, 9 cijfers."),
        error_messages={"unique": _("Er bestaat al een dossier met dit BSN.")},
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    name_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=100)
    date_of_birth = models.DateField(_("geboortedatum"), validators=[birth_date()])
    gender = models.CharField(
        _("geslacht"), max_length=1, choices=Gender.choices, blank=True
    )
    street = models.CharField(_("straat"), max_length=150, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=12, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="clients",
    )
    benefit_kind = models.ForeignKey(
        "clients.BenefitKind",
        verbose_name=_("uitkering"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    benefit_start_date = models.DateField(
        _("ingangsdatum uitkering"),
        null=True,
        blank=True,
        validators=[plausible_date()],
    )
    registration_date = models.DateField(
        _("datum aanmelding"), validators=[plausible_date()]
    )
    registration_channel = models.ForeignKey(
        "clients.RegistrationChannel",
        verbose_name=_("kanaal aanmelding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    inflow_reason = models.ForeignKey(
        "clients.InflowReason",
        verbose_name=_("reden instroom"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    search_period_end = models.DateField(
        _("einde zoektermijn"),
        null=True,
        blank=True,
        help_text=_("Alleen voor jongeren onder de 27; berekend bij aanmelding."),
        validators=[plausible_date()],
    )
    education_level = models.ForeignKey(
        "clients.EducationLevel",
        verbose_name=_("opleidingsniveau"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    driving_licence = models.BooleanField(_("rijbewijs B"), default=False)
    languages = models.JSONField(
        _("talen"), default=list, blank=True, validators=[validate_languages]
    )
    work_experience = BoundedTextField(_("werkervaring"), blank=True, max_length=TEXT)
    wish_sectors = models.CharField(_("gewenste sectoren"), max_length=255, blank=True)
    wish_occupations = models.CharField(
        _("gewenste beroepen"), max_length=255, blank=True
    )
    wish_hours_per_week = models.PositiveSmallIntegerField(
        _("gewenste uren per week"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60, _("Hooguit 60 uur per week."))],
    )
    barrier_categories = models.ManyToManyField(
        "clients.BarrierCategory", verbose_name=_("belemmeringen"), blank=True
    )
    barriers_note = BoundedTextField(
        _("toelichting belemmeringen"), blank=True, max_length=TEXT
    )
    target_group = models.PositiveSmallIntegerField(
        _("doelgroep"), choices=TargetGroup.choices, null=True, blank=True
    )
    target_group_date = models.DateField(
        _("doelgroep vastgesteld op"),
        null=True,
        blank=True,
        validators=[plausible_date()],
    )
    target_group_reason = BoundedTextField(
        _("reden doelgroep"), blank=True, max_length=SHORT_TEXT
    )
    ladder_step = models.PositiveSmallIntegerField(
        _("trede participatieladder"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        validators=ladder_step_validators,
        help_text=_("De trede van de laatste meting; bijgehouden bij elke meting."),
    )
    klantmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("klantmanager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("werkzoekende")
        verbose_name_plural = _("werkzoekenden")
        constraints = max_length_checks(
            "clients_client",
            work_experience=TEXT,
            barriers_note=TEXT,
            target_group_reason=SHORT_TEXT,
        )
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["klantmanager", "status"]),
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["postcode"]),
            models.Index(fields=["date_of_birth", "last_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("clients:detail", args=[self.uuid])

    @property
    def full_name(self) -> str:
        return " ".join(
            p for p in (self.first_name, self.name_prefix, self.last_name) if p
        )

    @property
    def bsn_masked(self) -> str:
        return f"*****{self.bsn[-4:]}" if self.bsn else ""

    @property
    def has_startkwalificatie(self) -> bool:
        return bool(self.education_level and self.education_level.startkwalificatie)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def ladder_ceiling(self) -> int:
        return LADDER_CEILING.get(self.target_group or 1, 6)

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def clean(self) -> None:
        today = timezone.localdate()
        if self.date_of_birth:
            if self.date_of_birth > today:
                raise ValidationError(
                    {"date_of_birth": _("De geboortedatum ligt in de toekomst.")}
                )
            if self.age_on(today) < MINIMUM_AGE:
                raise ValidationError(
                    {
                        "date_of_birth": _(
                            "Deze persoon is jonger dan 15 jaar; controleer de geboortedatum."
                        )
                    }
                )
        if self.target_group and not self.target_group_date:
            raise ValidationError(
                {
                    "target_group_date": _(
                        "Vul de datum in waarop de doelgroep is vastgesteld."
                    )
                }
            )
