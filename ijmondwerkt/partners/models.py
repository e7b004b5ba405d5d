from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts.models import Municipality


class PartnerSystem(models.Model):
    """A system of a chain partner (UWV, provider, benefit system, BI) using the API.

    It authenticates with OAuth2 client credentials (its ``application``) or an
    API key; both secrets are stored hashed. It sees only its municipalities
    and may only do what its scopes allow.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=150, unique=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("gemeenten"),
        related_name="partner_systems",
        blank=True,
    )
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    throttle_rate = models.CharField(
        _("maximum aantal verzoeken"),
        max_length=20,
        blank=True,
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

    # A partner system stands in for ``request.user`` in the API.
    is_authenticated = True
    is_anonymous = False
    is_superuser = False

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def pk_for_throttle(self) -> str:
        return f"partner:{self.uuid}"

    @cached_property
    def municipality_ids(self) -> frozenset[int]:
        if not self.active:
            return frozenset()
        return frozenset(
            self.municipalities.filter(active=True).values_list("pk", flat=True)
        )

    @property
    def api_scopes(self) -> frozenset[str]:
        return frozenset(self.scopes) if self.active else frozenset()

    @property
    def audit_name(self) -> str:
        return f"{self.name} (API)"

    def has_role(self, *roles: Any) -> bool:
        return False
