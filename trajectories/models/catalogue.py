"""Reference data the functioneel beheerder maintains: instruments, providers, parameters."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.audit.services import AuditedQuerySet
from ijmondwerkt.fields import SHORT_TEXT, BoundedTextField, max_length_checks
from ijmondwerkt.validators import plausible_date

from .choices import TARGET_GROUPS, CostUnit, FundingStream, ProviderKind
from .codes import InstrumentCategory

kvk_validator = RegexValidator(
    r"^\d{8}$", _("Het KvK-nummer moet uit precies 8 cijfers bestaan.")
)


class ReferenceQuerySet(AuditedQuerySet):
    """Reference data: readable by every principal; pages and scopes gate it."""

    def for_user(self, principal: Any) -> ReferenceQuerySet:
        if not getattr(principal, "is_authenticated", False):
            return self.none()
        return self.all()

    def active(self) -> ReferenceQuerySet:
        return self.filter(active=True)


def validate_target_groups(value: Any) -> None:
    if not isinstance(value, list) or any(v not in TARGET_GROUPS for v in value):
        raise ValidationError(_("Kies doelgroepen uit 1, 2, 3 en 4."))
    if len(set(value)) != len(value):
        raise ValidationError(_("Noem elke doelgroep één keer."))


def validate_provider_kinds(value: Any) -> None:
    allowed = set(ProviderKind.values)
    if not isinstance(value, list) or any(v not in allowed for v in value):
        raise ValidationError(_("Kies soorten aanbieders uit de lijst."))


class Provider(models.Model):
    """Aanbieder: who delivers an instrument or runs a trajectory."""

    Kind = ProviderKind

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=24, choices=ProviderKind.choices)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[kvk_validator],
        help_text=_("8 cijfers; leeg laten als de aanbieder er geen heeft."),
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~Q(kvk_number=""),
                name="provider_kvk_unique",
                violation_error_message=_("Er is al een aanbieder met dit KvK-nummer."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Instrument(models.Model):
    """Voorziening in the catalogue (domain guide §6)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=150)
    category = models.ForeignKey(
        InstrumentCategory,
        verbose_name=_("categorie"),
        on_delete=models.PROTECT,
        related_name="instruments",
    )
    funding_stream = models.CharField(
        _("financieringsstroom"), max_length=20, choices=FundingStream.choices
    )
    default_cost = models.DecimalField(
        _("standaardkosten"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"), _("Kosten zijn niet negatief."))],
    )
    cost_unit = models.CharField(
        _("eenheid"),
        max_length=10,
        choices=CostUnit.choices,
        default=CostUnit.PER_TRAJECTORY,
    )
    target_groups = models.JSONField(
        _("doelgroepen"),
        default=list,
        blank=True,
        validators=[validate_target_groups],
        help_text=_("De doelgroepen (1–4) die deze voorziening mogen krijgen."),
    )
    requires_trajectory = models.BooleanField(
        _("alleen binnen een lopend traject"), default=False
    )
    max_duration_months = models.PositiveSmallIntegerField(
        _("maximale duur (maanden)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("De maximale duur is minstens 1 maand.")),
            MaxValueValidator(120, _("De maximale duur is hoogstens 120 maanden.")),
        ],
    )
    provision_code = models.CharField(
        _("code soort voorziening (CBS)"),
        max_length=10,
        blank=True,
        help_text=_("Voor de CBS-statistiek re-integratievoorzieningen (SRG)."),
    )
    provider_kinds = models.JSONField(
        _("soorten aanbieders"),
        default=list,
        blank=True,
        validators=[validate_provider_kinds],
    )
    description = BoundedTextField(_("omschrijving"), blank=True, max_length=SHORT_TEXT)
    active = models.BooleanField(_("actief"), default=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        ordering = ["name", "pk"]
        constraints = max_length_checks(
            "trajectories_instrument", description=SHORT_TEXT
        )

    def __str__(self) -> str:
        return self.name

    def allows_group(self, target_group: int | None) -> bool:
        return target_group is None or target_group in self.target_groups

    @property
    def is_participation_funded(self) -> bool:
        return self.funding_stream == FundingStream.PARTICIPATION


percentage = [
    MinValueValidator(Decimal("0"), _("Een percentage is 0 tot en met 100.")),
    MaxValueValidator(Decimal("100"), _("Een percentage is 0 tot en met 100.")),
]


class SubsidyParameterQuerySet(ReferenceQuerySet):
    def valid_on(self, day: date) -> SubsidyParameter | None:
        """The parameters in force on ``day``: the latest ``valid_from`` up to it."""
        return self.filter(valid_from__lte=day).order_by("-valid_from").first()


class SubsidyParameter(models.Model):
    """One row of the wage-cost subsidy parameter table (domain guide §7).

    A row holds from ``valid_from`` until the next row's ``valid_from``.
    Changes are kept in the audit trail (who, when, old and new values).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    valid_from = models.DateField(
        _("geldig vanaf"),
        unique=True,
        validators=[plausible_date()],
        error_messages={"unique": _("Er zijn al parameters vanaf deze datum.")},
    )
    wml_per_hour = models.DecimalField(
        _("WML per uur (21 jaar en ouder)"),
        max_digits=6,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01"), _("Het WML per uur is groter dan 0."))
        ],
    )
    holiday_allowance_pct = models.DecimalField(
        _("vakantiegeld (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("8.00"),
        validators=percentage,
    )
    cap_pct = models.DecimalField(
        _("maximum subsidie (% van het WML)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70.00"),
        validators=percentage,
    )
    employer_costs_pct = models.DecimalField(
        _("werkgeverslasten (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("23.00"),
        validators=percentage,
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = SubsidyParameterQuerySet.as_manager()

    class Meta:
        verbose_name = _("parameters loonkostensubsidie")
        verbose_name_plural = _("parameters loonkostensubsidie")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"WML {self.wml_per_hour} vanaf {self.valid_from:%d-%m-%Y}"
