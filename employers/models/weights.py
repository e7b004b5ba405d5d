"""Matching weights the beheerder tunes."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.audit.services import AuditedManager

# --- matching weights ---------------------------------------------------------------


class Criterion(models.TextChoices):
    """Named matching criteria; the rule per code lives in employers.matching."""

    SECTOR_WISH = "sector_wish", _("Gewenste sector past")
    OCCUPATION_WISH = "occupation_wish", _("Gewenst beroep past")
    HOURS_FIT = "hours_fit", _("Gewenste uren passen")
    HOURS_MISMATCH = "hours_mismatch", _("Gewenste uren wijken sterk af")
    EDUCATION_MET = "education_met", _("Opleidingsniveau voldoet")
    EDUCATION_BELOW = "education_below", _("Opleidingsniveau lager dan gevraagd")
    NO_DRIVING_LICENCE = "no_driving_licence", _("Geen rijbewijs (wel nodig)")
    LANGUAGE_MET = "language_met", _("Taalniveau Nederlands voldoet")
    LANGUAGE_BELOW = "language_below", _("Taalniveau Nederlands lager dan gevraagd")
    READY_FOR_WORK = "ready_for_work", _("Klaar voor werk (trede 4 of hoger)")
    ALREADY_PLACED = "already_placed", _("Al aangenomen op een andere vacature")
    ALREADY_PROPOSED = "already_proposed", _("Al voorgedragen voor deze vacature")


DEFAULT_WEIGHTS: dict[str, int] = {
    Criterion.SECTOR_WISH: 30,
    Criterion.OCCUPATION_WISH: 20,
    Criterion.HOURS_FIT: 20,
    Criterion.HOURS_MISMATCH: -10,
    Criterion.EDUCATION_MET: 15,
    Criterion.EDUCATION_BELOW: -20,
    Criterion.NO_DRIVING_LICENCE: -25,
    Criterion.LANGUAGE_MET: 10,
    Criterion.LANGUAGE_BELOW: -15,
    Criterion.READY_FOR_WORK: 15,
    Criterion.ALREADY_PLACED: -50,
    Criterion.ALREADY_PROPOSED: -100,
}


class MatchingWeight(models.Model):
    """The points one criterion adds (or subtracts); the beheerder tunes them."""

    criterion = models.CharField(
        _("criterium"), max_length=30, choices=Criterion.choices, unique=True
    )
    points = models.SmallIntegerField(
        _("punten"),
        validators=[
            MinValueValidator(-100, _("Punten liggen tussen -100 en 100.")),
            MaxValueValidator(100, _("Punten liggen tussen -100 en 100.")),
        ],
        help_text=_("Positief telt mee, negatief trekt af; 0 zet het criterium uit."),
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = _("matchingsgewicht")
        verbose_name_plural = _("matchingsgewichten")
        ordering = ["criterion"]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()}: {self.points:+d}"
