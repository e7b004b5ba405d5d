"""Access log of client files (AVG: who read which file, when, why, how).

The change history of a file is the audit trail (``ijmondwerkt.audit``):
``AuditEvent.objects.filter(client=client)``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClientAccess(models.Model):
    """One read of a client file (doelbinding): who, when, which file, why, how."""

    class Channel(models.TextChoices):
        WEB = "web", _("Webapplicatie")
        API = "api", _("API")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The log outlives nothing it describes: a file with reads is not deleted
    # (PROTECT) until anonymisation exists.
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="accesses"
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
