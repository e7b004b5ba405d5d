"""Choices of the client file: status, target group, participation ladder, gender.

Their own module, so casework, selectors and forms import them without the model.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REGISTERED = "aangemeld", _("Aangemeld")
    INTAKE = "intake", _("Intake")
    ACTIVE = "actief", _("Actief")
    OUTFLOWED = "uitgestroomd", _("Uitgestroomd")
    HANDED_OVER = "overgedragen", _("Overgedragen")


# Statuses in which the klantmanager is expected to act on the file.
OPEN_STATUSES = (Status.REGISTERED, Status.INTAKE, Status.ACTIVE)


class TargetGroup(models.IntegerChoices):
    SELF_RELIANT = 1, _("1 – Zelfredzaam")
    TRAJECTORY = 2, _("2 – Traject naar regulier werk")
    WAGE_SUBSIDY = 3, _("3 – Werk met loonkostensubsidie")
    CARE = 4, _("4 – Participatie en zorg")


class LadderStep(models.IntegerChoices):
    ISOLATED = 1, _("1 – Geïsoleerd")
    SOCIAL_CONTACTS = 2, _("2 – Sociale contacten buitenshuis")
    ORGANISED_ACTIVITIES = 3, _("3 – Deelname georganiseerde activiteiten")
    UNPAID_WORK = 4, _("4 – Onbetaald werk")
    PAID_WITH_SUPPORT = 5, _("5 – Betaald werk met ondersteuning")
    PAID = 6, _("6 – Betaald werk")


# Highest ladder step a target group can reach (domain guide §5).
LADDER_CEILING = {1: 6, 2: 6, 3: 5, 4: 3}

ladder_step_validators = [
    MinValueValidator(1, _("De trede op de participatieladder is 1 tot en met 6.")),
    MaxValueValidator(6, _("De trede op de participatieladder is 1 tot en met 6.")),
]


class Gender(models.TextChoices):
    FEMALE = "v", _("Vrouw")
    MALE = "m", _("Man")
    OTHER = "x", _("Anders / niet vermeld")
