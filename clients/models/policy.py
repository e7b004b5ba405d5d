"""Per-municipality settings for the client journey, kept by the beheerder."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_INTAKE_DEADLINE_DAYS = 14
DEFAULT_SEARCH_PERIOD_WEEKS = 4
DEFAULT_SEARCH_PERIOD_AGE_LIMIT = 27
DEFAULT_NO_CONTACT_DAYS = 90
DEFAULT_TARGET_GROUP_3_REVIEW_MONTHS = 12


class MunicipalityPolicy(models.Model):
    """Deadlines and signals per gemeente; a municipality without one uses defaults."""

    municipality = models.OneToOneField(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="client_policy",
    )
    intake_deadline_days = models.PositiveSmallIntegerField(
        _("termijn intake (kalenderdagen)"),
        default=DEFAULT_INTAKE_DEADLINE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Na aanmelding, of na de zoektermijn voor jongeren."),
    )
    search_period_weeks = models.PositiveSmallIntegerField(
        _("zoektermijn jongeren (weken)"),
        default=DEFAULT_SEARCH_PERIOD_WEEKS,
        validators=[MaxValueValidator(13)],
    )
    search_period_age_limit = models.PositiveSmallIntegerField(
        _("zoektermijn geldt onder de leeftijd van"),
        default=DEFAULT_SEARCH_PERIOD_AGE_LIMIT,
        validators=[MinValueValidator(18), MaxValueValidator(30)],
    )
    no_contact_days = models.PositiveSmallIntegerField(
        _("signaal geen contact na (dagen)"),
        default=DEFAULT_NO_CONTACT_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
    )
    target_group_3_review_months = models.PositiveSmallIntegerField(
        _("herbeoordeling doelgroep 3 na (maanden)"),
        default=DEFAULT_TARGET_GROUP_3_REVIEW_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )

    class Meta:
        verbose_name = _("termijnen per gemeente")
        verbose_name_plural = _("termijnen per gemeente")

    def __str__(self) -> str:
        return str(self.municipality)
