"""One event per write: who (user or partner system), when, what, old and new values."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )


class AuditEvent(models.Model):
    """One write to anything in the application, never edited or deleted.

    ``changes`` maps a field name to ``[old, new]`` display values. Every
    foreign key is PROTECT: an event outlives neither its actor nor the client
    whose file it describes being deleted (there is no anonymisation yet).
    ``client`` is set for every event about a client's file, so the client
    timeline is ``AuditEvent.objects.filter(client=c)``.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    partner = models.ForeignKey(
        "partners.PartnerSystem",
        verbose_name=_("ketenpartner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.SlugField(_("handeling"), max_length=40, allow_unicode=False)
    summary = models.CharField(_("omschrijving"), max_length=255)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("soort"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object"), max_length=64)
    object_repr = models.CharField(_("naam"), max_length=200, blank=True)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("werkzoekende"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    changes = models.JSONField(
        _("wijzigingen"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["client", "-at", "-id"], name="audit_client_at"),
            models.Index(
                fields=["content_type", "object_id", "-at"], name="audit_object_at"
            ),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def actor_name(self) -> str:
        if self.partner_id is not None:
            return str(self.partner)
        if self.user is not None:
            return self.user.audit_name
        return str(_("systeem"))
