"""Code lists of the employer pool: SBI, sector cluster, size, contact kind."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ijmondwerkt.codelists import CodeList


class SbiSection(CodeList):
    """SBI section (Standaard Bedrijfsindeling, CBS), letters A-U."""

    class Meta(CodeList.Meta):
        verbose_name = _("SBI-sectie")
        verbose_name_plural = _("SBI-secties")


class SectorCluster(CodeList):
    """Branche cluster as the Werkgeversservicepunt divides its work."""

    class Meta(CodeList.Meta):
        verbose_name = _("branchecluster")
        verbose_name_plural = _("brancheclusters")


class SizeClass(CodeList):
    class Meta(CodeList.Meta):
        verbose_name = _("grootteklasse")
        verbose_name_plural = _("grootteklassen")


class EmployerContactKind(CodeList):
    class Meta(CodeList.Meta):
        verbose_name = _("soort werkgeverscontact")
        verbose_name_plural = _("soorten werkgeverscontact")
