from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerSystem(models.Model):
    """A system of a chain partner (UWV, provider, benefit system, BI) using the API.

    It authenticates with OAuth2 client credentials (its ``application``) or an
    API key; both secrets are stored hashed. It acts as its own technical user
    (``user``: no password, no role), so history and access logs name it like
    any colleague, and it sees only that user's municipalities.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=150, unique=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("technische gebruiker"),
        on_delete=models.PROTECT,
        related_name="partner_system",
    )
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    throttle_rate = models.CharField(
        _("maximum aantal verzoeken"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d+/(second|minute|hour|day)$",
                _("Schrijf als aantal/eenheid, bijvoorbeeld 600/minute."),
            )
        ],
        help_text=_("Bijvoorbeeld 600/minute of 10000/hour. Leeg: de standaardwaarde."),
    )
    application = models.OneToOneField(
        "oauth2_provider.Application",
        verbose_name=_("OAuth2-client"),
        on_delete=models.PROTECT,
        related_name="partner_system",
        null=True,
        blank=True,
    )
    api_key_prefix = models.CharField(max_length=12, unique=True, null=True, blank=True)
    api_key_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    secret_rotated_at = models.DateTimeField(
        _("geheim vernieuwd"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("ketenpartner")
        verbose_name_plural = _("ketenpartners")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
