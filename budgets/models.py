"""Budgets per municipality, year and funding stream (domain guide §8).

- ``Budget`` (with optional ``BudgetLine`` per instrument category): typed in by
  a manager or the functioneel beheerder; amendments are versioned edits whose
  old and new amount the audit trail keeps.
- ``Commitment`` (verplichting): derived from deployments and wage-cost subsidy
  placements by ``budgets.commitments``, never typed in; one row per source and
  month, so every overview is a SUM ... GROUP BY in the database.
- ``Realisation`` (realisatie): money actually spent, typed in or imported from
  the financial system (``RealisationImport``, one per file).
- ``BenefitParameter``: the average monthly benefit per municipality and year,
  for the benefit-savings estimate.

Scope (docs/scoping.md): managers and functioneel beheerders of the
municipality; klantmanagers and werkmakelaars see none of it.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ijmondwerkt import scoping
from ijmondwerkt.accounts.models import MunicipalityScopedQuerySet
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit.services import AuditedQuerySet
from ijmondwerkt.fields import SHORT_TEXT, BoundedTextField, max_length_checks
from trajectories.models.choices import FundingStream

# The roles that work with budgets: managers answer for them, the functioneel
# beheerder enters them. Caseworkers see none of it.
BUDGET_ROLES: tuple[Role, ...] = (Role.MANAGER, Role.BEHEERDER)

FIRST_YEAR = 2000
LAST_YEAR = 2100

not_negative = MinValueValidator(Decimal("0"), _("Een bedrag is niet negatief."))
year_validators = [
    MinValueValidator(FIRST_YEAR, _("Kies een jaar vanaf 2000.")),
    MaxValueValidator(LAST_YEAR, _("Kies een jaar tot en met 2100.")),
]
month_validators = [
    MinValueValidator(1, _("Een maand is 1 tot en met 12.")),
    MaxValueValidator(12, _("Een maand is 1 tot en met 12.")),
]


def money(verbose_name: Any) -> models.DecimalField[Any, Any]:
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, validators=[not_negative]
    )


class BudgetScopedQuerySet(AuditedQuerySet, MunicipalityScopedQuerySet):  # type: ignore[override]
    """Rows of the municipalities the principal serves, for managers and beheer."""

    municipality_lookup = "municipality_id"
    scope_roles: tuple[Role, ...] | None = BUDGET_ROLES


class DerivedScopedQuerySet(MunicipalityScopedQuerySet):
    """Derived rows (commitments): rebuilt in bulk, so not audited row by row."""

    municipality_lookup = "municipality_id"
    scope_roles: tuple[Role, ...] | None = BUDGET_ROLES


class Budget(models.Model):
    """The money of one municipality for one calendar year and funding stream."""

    Stream = FundingStream

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="budgets",
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=year_validators)
    funding_stream = models.CharField(
        _("financieringsstroom"), max_length=20, choices=FundingStream.choices
    )
    amount = money(_("bedrag"))
    note = BoundedTextField(_("toelichting"), blank=True, max_length=SHORT_TEXT)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = BudgetScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        ordering = ["municipality__name", "-year", "funding_stream"]
        constraints = [
            *max_length_checks("budgets_budget", note=SHORT_TEXT),
            models.UniqueConstraint(
                fields=["municipality", "year", "funding_stream"],
                name="budget_once_per_municipality_year_stream",
                violation_error_message=_(
                    "Er is al een budget voor deze gemeente, dit jaar en deze "
                    "financieringsstroom: wijzig dat budget."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budget_amount_not_negative",
                violation_error_message=_("Een bedrag is niet negatief."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_funding_stream_display()} {self.year}"


class BudgetLine(models.Model):
    """Part of a budget set aside for one instrument category (optional split)."""

    budget = models.ForeignKey(
        Budget,
        verbose_name=_("budget"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    category = models.ForeignKey(
        "trajectories.InstrumentCategory",
        verbose_name=_("categorie voorziening"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    amount = money(_("bedrag"))

    class Meta:
        verbose_name = _("budgetregel")
        verbose_name_plural = _("budgetregels")
        ordering = ["budget", "category__sort_order", "category__label"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "category"],
                name="budget_line_once_per_category",
                violation_error_message=_(
                    "Deze categorie staat al in het budget: één regel per categorie."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budget_line_amount_not_negative",
                violation_error_message=_("Een bedrag is niet negatief."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.category)


class Commitment(models.Model):
    """A verplichting: what one deployment or placement costs in one month.

    Derived by ``budgets.commitments`` and never typed in: rebuilt whenever its
    source changes, and every night for all sources. The municipality is the
    client's; the stream the instrument's (deployments) or the benefits budget
    (wage-cost subsidy).
    """

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    funding_stream = models.CharField(
        _("financieringsstroom"), max_length=20, choices=FundingStream.choices
    )
    category = models.ForeignKey(
        "trajectories.InstrumentCategory",
        verbose_name=_("categorie voorziening"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    month = models.PositiveSmallIntegerField(_("maand"), validators=month_validators)
    amount = models.DecimalField(_("bedrag"), max_digits=14, decimal_places=2)
    deployment = models.ForeignKey(
        "trajectories.Deployment",
        verbose_name=_("inzet"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitments",
    )
    placement = models.ForeignKey(
        "trajectories.Placement",
        verbose_name=_("plaatsing"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitments",
    )

    objects = DerivedScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("verplichting")
        verbose_name_plural = _("verplichtingen")
        ordering = ["year", "month", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deployment__isnull=False, placement__isnull=True)
                | Q(deployment__isnull=True, placement__isnull=False),
                name="commitment_has_one_source",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12),
                name="commitment_month_1_to_12",
            ),
            models.UniqueConstraint(
                fields=["deployment", "year", "month"],
                condition=Q(deployment__isnull=False),
                name="commitment_once_per_deployment_month",
            ),
            models.UniqueConstraint(
                fields=["placement", "year", "month"],
                condition=Q(placement__isnull=False),
                name="commitment_once_per_placement_month",
            ),
        ]
        indexes = [
            models.Index(
                fields=["municipality", "year", "funding_stream", "month"],
                name="commitment_overview",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.amount}"


class RealisationImportQuerySet(models.QuerySet[Any]):
    def for_user(self, principal: Any) -> RealisationImportQuerySet:
        """Imports about a municipality the principal serves, and their own uploads."""
        ids = scoping.served_municipalities(principal, BUDGET_ROLES)
        if not ids:
            return self.none()
        return self.filter(
            Q(municipalities__in=ids) | Q(uploaded_by_id=principal.pk)
        ).distinct()


class RealisationImport(models.Model):
    """One file from the financial system: all of its rows, or none of them.

    A file that was accepted once is refused the second time (its SHA-256 is
    unique among accepted imports); a rejected one keeps its report of every
    refused row and why.
    """

    class Status(models.TextChoices):
        ACCEPTED = "verwerkt", _("Verwerkt")
        REJECTED = "afgewezen", _("Afgewezen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file_name = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    file_hash = models.CharField(_("SHA-256 van het bestand"), max_length=64)
    year = models.PositiveSmallIntegerField(_("jaar"), validators=year_validators)
    encoding = models.CharField(_("tekenset"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    row_count = models.PositiveIntegerField(_("regels"), default=0)
    imported_count = models.PositiveIntegerField(_("ingelezen"), default=0)
    skipped_count = models.PositiveIntegerField(_("al eerder ingelezen"), default=0)
    total_amount = models.DecimalField(
        _("totaal ingelezen"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    # {"errors": [{"row": 3, "column": "bedrag", "value": "-5,00", "message":
    # "...", "text": "Regel 3, kolom bedrag: ..."}], "skipped": [{"row": 4,
    # "reference": "..."}]}; an error with row None is about the whole file.
    report = models.JSONField(_("verslag"), default=dict, blank=True)
    # The municipalities the rows are about (the uploader's scope at the time).
    municipalities = models.ManyToManyField(
        "accounts.Municipality",
        verbose_name=_("gemeenten"),
        blank=True,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingelezen door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("ingelezen op"), auto_now_add=True)

    objects = RealisationImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("import realisatie")
        verbose_name_plural = _("imports realisatie")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["file_hash"],
                condition=Q(status="verwerkt"),
                name="realisation_import_file_once",
                violation_error_message=_("Dit bestand is al ingelezen."),
            ),
        ]

    def __str__(self) -> str:
        return self.file_name or str(self.uuid)

    @property
    def accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED


class Realisation(models.Model):
    """A realisatie: money actually spent in one month, from one stream."""

    class Source(models.TextChoices):
        IMPORT = "import", _("Import financieel systeem")
        MANUAL = "handmatig", _("Handmatig ingevoerd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="realisations",
    )
    funding_stream = models.CharField(
        _("financieringsstroom"), max_length=20, choices=FundingStream.choices
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=year_validators)
    month = models.PositiveSmallIntegerField(_("maand"), validators=month_validators)
    booked_on = models.DateField(_("boekdatum"), null=True, blank=True)
    amount = money(_("bedrag"))
    description = models.CharField(_("omschrijving"), max_length=255, blank=True)
    # The booking's key in the financial system (boekingskenmerk): the same
    # booking is stored once per municipality, whichever file brings it.
    reference = models.CharField(_("boekingskenmerk"), max_length=100, blank=True)
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices)
    source_import = models.ForeignKey(
        RealisationImport,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="realisations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = BudgetScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("realisatie")
        verbose_name_plural = _("realisaties")
        ordering = ["-year", "-month", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="realisation_amount_not_negative",
                violation_error_message=_("Een bedrag is niet negatief."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12),
                name="realisation_month_1_to_12",
            ),
            models.UniqueConstraint(
                fields=["municipality", "reference"],
                condition=~Q(reference=""),
                name="realisation_reference_once",
                violation_error_message=_(
                    "Een boeking met dit boekingskenmerk is al vastgelegd voor "
                    "deze gemeente."
                ),
            ),
            models.CheckConstraint(
                condition=Q(source="handmatig") | Q(source_import__isnull=False),
                name="realisation_import_has_file",
            ),
        ]
        indexes = [
            models.Index(
                fields=["municipality", "year", "funding_stream", "month"],
                name="realisation_overview",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.amount}"


class BenefitParameter(models.Model):
    """The average benefit per month (uitkering) in one municipality and year.

    Used for the estimate of what outflow to work saves (§8).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="benefit_parameters",
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=year_validators)
    average_monthly_benefit = money(_("gemiddelde uitkering per maand"))
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = BudgetScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemiddelde uitkering")
        verbose_name_plural = _("gemiddelde uitkeringen")
        ordering = ["municipality__name", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="benefit_parameter_once_per_year",
                violation_error_message=_(
                    "Er is al een gemiddelde uitkering voor deze gemeente en dit "
                    "jaar: wijzig die."
                ),
            ),
            models.CheckConstraint(
                condition=Q(average_monthly_benefit__gte=0),
                name="benefit_parameter_not_negative",
                violation_error_message=_("Een bedrag is niet negatief."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.average_monthly_benefit}"
