"""Code lists of the clients app (domain guide §3), extendable by the beheerder."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.codelists import CodeList


class BenefitKind(CodeList):
    """Uitkering: the benefit a client receives (or none, NUG)."""

    class Meta(CodeList.Meta):
        verbose_name = _("soort uitkering")
        verbose_name_plural = _("soorten uitkering")


class EducationLevel(CodeList):
    startkwalificatie = models.BooleanField(
        _("startkwalificatie"),
        default=False,
        help_text=_("Havo, vwo of mbo 2 en hoger geldt als startkwalificatie."),
    )

    class Meta(CodeList.Meta):
        verbose_name = _("opleidingsniveau")
        verbose_name_plural = _("opleidingsniveaus")


class RegistrationChannel(CodeList):
    class Meta(CodeList.Meta):
        verbose_name = _("kanaal aanmelding")
        verbose_name_plural = _("kanalen aanmelding")


class InflowReason(CodeList):
    class Meta(CodeList.Meta):
        verbose_name = _("reden instroom")
        verbose_name_plural = _("redenen instroom")


class OutflowReason(CodeList):
    class Meta(CodeList.Meta):
        verbose_name = _("reden uitstroom")
        verbose_name_plural = _("redenen uitstroom")


class ContactChannel(CodeList):
    class Meta(CodeList.Meta):
        verbose_name = _("contactvorm")
        verbose_name_plural = _("contactvormen")


class BarrierCategory(CodeList):
    class Meta(CodeList.Meta):
        verbose_name = _("categorie belemmering")
        verbose_name_plural = _("categorieën belemmering")
