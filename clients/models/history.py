"""Change history and access log of client files (AVG: who, when, what, why)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClientChange(models.Model):
    """One write to a client file: who, when, what, with old and new values.

    ``changes`` maps field name to ``[old, new]`` (display values). Each
    service writes exactly one row per action, so the timeline reads this table.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="changes"
    )
    at = models.DateTimeField(_("tijdstip"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("handeling"), max_length=40)
    summary = models.CharField(_("omschrijving"), max_length=255)
    changes = models.JSONField(
        _("wijzigingen"), default=dict, encoder=DjangoJSONEncoder
    )

    class Meta:
        verbose_name = _("wijziging dossier")
        verbose_name_plural = _("wijzigingen dossier")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["client", "-at", "-id"])]

    def __str__(self) -> str:
        return self.summary


class ClientAccess(models.Model):
    """One read of a client file (doelbinding): who, when, which file, why, how."""

    class Channel(models.TextChoices):
        WEB = "web", _("Webapplicatie")
        API = "api", _("API")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="accesses"
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    purpose = models.CharField(_("doel"), max_length=150)
    channel = models.CharField(
        _("kanaal"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )

    class Meta:
        verbose_name = _("inzage dossier")
        verbose_name_plural = _("inzage dossiers")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["client", "-at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.at:%d-%m-%Y %H:%M}"
