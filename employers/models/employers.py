"""Employers (werkgevers), their contact persons and the contact log."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ijmondwerkt import scoping
from ijmondwerkt.audit.services import AuditedManager, AuditedQuerySet
from ijmondwerkt.fields import (
    TEXT,
    BoundedTextField,
    max_length_checks,
)
from ijmondwerkt.validators import plausible_date

from .codelists import EmployerContactKind, SbiSection, SectorCluster, SizeClass

# --- scoping -----------------------------------------------------------------

POOL_ROLES = scoping.POOL_ROLES


class RegionalPoolQuerySet(AuditedQuerySet):
    """Employers and vacancies form one regional pool, not split per municipality.

    ``for_user`` is still the single gate: staff see the pool when they hold a
    role that works with employers (werkmakelaar, or klantmanager to place
    clients) and serve at least one active municipality. A partner system (any
    principal without roles, with ``municipality_ids``) sees the pool when it
    serves a municipality; its API scopes decide the rest.
    """

    def for_user(self, principal: Any) -> Any:
        return scoping.in_regional_pool(self, principal)


class EmployerQuerySet(RegionalPoolQuerySet):
    def active(self) -> EmployerQuerySet:
        return self.filter(archived_at__isnull=True)

    def with_counts(self) -> EmployerQuerySet:
        return self.annotate(
            open_vacancy_count=models.Count(
                "vacancies", filter=Q(vacancies__status="open"), distinct=True
            ),
            last_contact_date=models.Max("contacts__contact_date"),
        )


class EmployerContactQuerySet(RegionalPoolQuerySet):
    def follow_ups_for(self, user: Any) -> EmployerContactQuerySet:
        """Open follow-ups a werkmakelaar agreed with an employer."""
        return self.filter(
            werkmakelaar=user,
            follow_up_date__isnull=False,
            follow_up_done_at__isnull=True,
        )


# --- employers ---------------------------------------------------------------

kvk_validator = RegexValidator(
    r"^\d{8}$", _("Het KvK-nummer moet uit precies 8 cijfers bestaan.")
)
establishment_validator = RegexValidator(
    r"^\d{12}$", _("Het vestigingsnummer moet uit precies 12 cijfers bestaan.")
)
postal_code_validator = RegexValidator(
    r"^\d{4} ?[A-Z]{2}$", _("Vul een postcode in als 1234 AB.")
)


class Employer(models.Model):
    """A werkgever in the shared regional pool."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        unique=True,
        validators=[kvk_validator],
        help_text=_("8 cijfers, zoals in het Handelsregister."),
        error_messages={"unique": _("Er is al een werkgever met dit KvK-nummer.")},
    )
    establishment_number = models.CharField(
        _("vestigingsnummer"),
        max_length=12,
        blank=True,
        validators=[establishment_validator],
        help_text=_("Optioneel, 12 cijfers."),
    )
    sbi_section = models.ForeignKey(
        SbiSection,
        verbose_name=_("SBI-sectie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    sector_cluster = models.ForeignKey(
        SectorCluster,
        verbose_name=_("branchecluster"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    size_class = models.ForeignKey(
        SizeClass,
        verbose_name=_("grootteklasse"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    street_address = models.CharField(_("adres"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
        help_text=_("Leeg als de werkgever buiten de regio zit."),
    )
    website = models.URLField(_("website"), blank=True)
    werkmakelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("werkmakelaar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employers",
    )
    is_preferred = models.BooleanField(_("voorkeurswerkgever"), default=False)
    has_social_return = models.BooleanField(
        _("social return-verplichting"), default=False
    )
    social_return_places = models.SmallIntegerField(
        _("afgesproken plekken social return"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("Het aantal plekken social return is minstens 1."))
        ],
    )
    social_return_start = models.DateField(
        _("social return vanaf"), null=True, blank=True, validators=[plausible_date()]
    )
    social_return_end = models.DateField(
        _("social return tot en met"),
        null=True,
        blank=True,
        validators=[plausible_date()],
    )
    is_municipal_employer = models.BooleanField(
        _("gemeente als werkgever"),
        default=False,
        help_text=_("De gemeente of de gemeenschappelijke regeling zelf."),
    )
    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["archived_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(social_return_end__isnull=True)
                | Q(social_return_start__isnull=True)
                | Q(social_return_end__gte=models.F("social_return_start")),
                name="employer_social_return_period",
                violation_error_message=_(
                    "Social return tot en met ligt vóór social return vanaf."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("employers:detail", kwargs={"uuid": self.uuid})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.has_social_return and not self.social_return_places:
            errors["social_return_places"] = _(
                "Vul het afgesproken aantal plekken social return in."
            )
        if (
            self.social_return_start
            and self.social_return_end
            and self.social_return_end < self.social_return_start
        ):
            errors["social_return_end"] = _(
                "Social return tot en met ligt vóór social return vanaf."
            )
        if errors:
            raise ValidationError(errors)


class ContactPerson(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("werkgever"),
        on_delete=models.CASCADE,
        related_name="contact_persons",
    )
    name = models.CharField(_("naam"), max_length=150)
    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    phone = models.CharField(
        _("telefoon"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[\d \-()]{8,20}$", _("Vul een geldig telefoonnummer in.")
            )
        ],
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    active = models.BooleanField(_("actief"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["-active", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.job_title})" if self.job_title else self.name


class EmployerContact(models.Model):
    """A logged contact with an employer (werkgeverscontact), visible to all colleagues."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("werkgever"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    contact_date = models.DateField(_("datum"), validators=[plausible_date()])
    kind = models.ForeignKey(
        EmployerContactKind, verbose_name=_("soort contact"), on_delete=models.PROTECT
    )
    werkmakelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("werkmakelaar"),
        on_delete=models.PROTECT,
        related_name="employer_contacts",
    )
    contact_person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contactpersoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    outcome = BoundedTextField(_("uitkomst"), blank=True, max_length=TEXT)
    follow_up_date = models.DateField(
        _("vervolgafspraak op"), null=True, blank=True, validators=[plausible_date()]
    )
    follow_up_done_at = models.DateTimeField(
        _("vervolgafspraak afgerond"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("vastgelegd"), auto_now_add=True)

    objects = EmployerContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("werkgeverscontact")
        verbose_name_plural = _("werkgeverscontacten")
        ordering = ["-contact_date", "-created_at"]
        indexes = [
            models.Index(fields=["employer", "-contact_date"]),
            models.Index(fields=["werkmakelaar", "follow_up_date"]),
        ]
        constraints = [
            *max_length_checks("employers_employercontact", outcome=TEXT),
            models.CheckConstraint(
                condition=Q(follow_up_date__isnull=True)
                | Q(follow_up_date__gte=models.F("contact_date")),
                name="employer_contact_follow_up_after_contact",
                violation_error_message=_(
                    "De vervolgafspraak ligt vóór de datum van het contact."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_date:%d-%m-%Y} {self.subject}"

    @property
    def follow_up_dedupe_key(self) -> str:
        return f"employer-contact-follow-up:{self.uuid}"

    def clean(self) -> None:
        if self.contact_date and self.contact_date > timezone.localdate():
            raise ValidationError(
                {
                    "contact_date": _(
                        "Een contact in de toekomst kunt u niet vastleggen; "
                        "plan het als vervolgafspraak."
                    )
                }
            )
        if (
            self.follow_up_date
            and self.contact_date
            and self.follow_up_date < self.contact_date
        ):
            raise ValidationError(
                {
                    "follow_up_date": _(
                        "De vervolgafspraak ligt vóór de datum van het contact."
                    )
                }
            )
        if (
            self.contact_person_id
            and self.employer_id
            and self.contact_person
            and self.contact_person.employer_id != self.employer_id
        ):
            raise ValidationError(
                {
                    "contact_person": _(
                        "Deze contactpersoon hoort niet bij deze werkgever."
                    )
                }
            )
