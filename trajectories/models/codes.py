"""Code lists of the trajectories app (domain guide §3, §6, §7), extendable by the beheerder."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.codelists import CodeList


class InstrumentCategory(CodeList):
    """Categorie voorziening: budgets may keep a line per category."""

    class Meta(CodeList.Meta):
        verbose_name = _("categorie voorziening")
        verbose_name_plural = _("categorieën voorziening")


class TrajectoryEndReason(CodeList):
    """Reden einde traject, marked success and/or outflow to work (§3)."""

    success = models.BooleanField(_("succesvol"), default=False)
    outflow_to_work = models.BooleanField(
        _("uitstroom naar werk"),
        default=False,
        help_text=_("Telt in de jaarevaluatie als uitstroom naar werk."),
    )

    class Meta(CodeList.Meta):
        verbose_name = _("reden einde traject")
        verbose_name_plural = _("redenen einde traject")


class PlacementKind(CodeList):
    """Soort plaatsing (§3). Rules read these flags, never the label."""

    paid_work = models.BooleanField(
        _("betaald werk"),
        default=True,
        help_text=_("Telt voor de participatieladder als betaald werk (trede 5 of 6)."),
    )
    regular_work = models.BooleanField(
        _("regulier werk"),
        default=False,
        help_text=_("Bij de start wordt gevraagd of de uitkering stopt."),
    )
    max_duration_months = models.PositiveSmallIntegerField(
        _("maximale duur (maanden)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    is_trial = models.BooleanField(_("proefplaatsing"), default=False)
    is_secondment = models.BooleanField(_("detachering"), default=False)

    class Meta(CodeList.Meta):
        verbose_name = _("soort plaatsing")
        verbose_name_plural = _("soorten plaatsing")


class PlacementEndReason(CodeList):
    class Meta(CodeList.Meta):
        verbose_name = _("reden einde plaatsing")
        verbose_name_plural = _("redenen einde plaatsing")


class AssessmentMethod(CodeList):
    """Methode loonwaardebepaling."""

    class Meta(CodeList.Meta):
        verbose_name = _("methode loonwaardebepaling")
        verbose_name_plural = _("methoden loonwaardebepaling")
