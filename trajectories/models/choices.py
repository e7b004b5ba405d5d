"""Fixed choices of the trajectories app; code lists the beheerder extends are in codes.py."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingStream(models.TextChoices):
    """Financieringsstroom: the budget an instrument is paid from (budgets use it too)."""

    PARTICIPATION = "participatiebudget", _("Participatiebudget")
    BENEFITS = "buig", _("Inkomensdeel (BUIG)")
    BESCHUT = "beschut-werk", _("Beschut werk")
    WSW = "wsw", _("Wsw")
    OTHER = "overig", _("Overig")


class CostUnit(models.TextChoices):
    PER_TRAJECTORY = "traject", _("per traject")
    PER_MONTH = "maand", _("per maand")
    PER_HOUR = "uur", _("per uur")


class ProviderKind(models.TextChoices):
    IN_HOUSE = "eigen-organisatie", _("IJmond Werkt zelf")
    REINTEGRATION = "re-integratiebedrijf", _("Re-integratiebedrijf")
    TEMP_AGENCY = "uitzendbureau", _("Uitzendbureau")
    UWV = "uwv", _("UWV")
    EDUCATION = "onderwijs", _("Onderwijsinstelling")
    CARE = "zorg", _("Zorgpartner")
    OTHER = "overig", _("Overig")


class TrajectoryKind(models.TextChoices):
    ACTIVATION = "activering", _("Activering")
    REINTEGRATION = "re-integratie", _("Re-integratie (individuele begeleiding)")
    WORK_FIRST = "work-first", _("Work-first")
    EDUCATION = "opleiding", _("Opleiding")
    BESCHUT = "beschut", _("Beschut werk")


class DeploymentStatus(models.TextChoices):
    """Status of an inzet. Cancelled ones commit no budget."""

    REQUESTED = "aangevraagd", _("Aangevraagd")
    RUNNING = "lopend", _("Lopend")
    ENDED = "beeindigd", _("Beëindigd")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class FollowUpOutcome(models.TextChoices):
    STILL_WORKING = "werkt", _("Werkt nog")
    STOPPED = "gestopt", _("Werkt niet meer")
    NOT_REACHED = "niet-bereikt", _("Niet bereikt")


# Follow-up (nazorg) moments, in months after the placement started (§2.7).
FOLLOW_UP_MONTHS = (1, 3, 6, 12)

# Target groups an instrument may be given to (domain guide §4).
TARGET_GROUPS = (1, 2, 3, 4)
