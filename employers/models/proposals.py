"""Proposals (voordrachten): a client put forward for a vacancy."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ijmondwerkt import scoping
from ijmondwerkt.audit.services import AuditedQuerySet
from ijmondwerkt.fields import (
    SHORT_TEXT,
    BoundedTextField,
    max_length_checks,
)
from ijmondwerkt.validators import plausible_date

from .vacancies import Vacancy

# --- proposals (voordrachten) ---------------------------------------------------


class ProposalStatus(models.TextChoices):
    """The pipeline a proposal moves through; the last three are final."""

    PROPOSED = "voorgesteld", _("Voorgesteld")
    INVITED = "uitgenodigd", _("Uitgenodigd")
    INTERVIEW = "gesprek", _("Gesprek")
    HIRED = "aangenomen", _("Aangenomen")
    REJECTED = "afgewezen", _("Afgewezen")
    WITHDRAWN = "teruggetrokken", _("Teruggetrokken")


# Order of the main line; a proposal only moves forward along it.
PIPELINE = (
    ProposalStatus.PROPOSED,
    ProposalStatus.INVITED,
    ProposalStatus.INTERVIEW,
    ProposalStatus.HIRED,
)
FINAL_STATUSES = frozenset(
    {ProposalStatus.HIRED, ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN}
)


class RejectionReason(models.TextChoices):
    """Why an employer turned a candidate down (reden afwijzing)."""

    REQUIREMENTS = "functie-eisen", _("Voldoet niet aan de functie-eisen")
    OTHER_CANDIDATE = "andere-kandidaat", _("Werkgever koos een andere kandidaat")
    NO_SHOW = "niet-verschenen", _("Niet verschenen op het gesprek")
    VACANCY_CLOSED = "vacature-vervallen", _("Vacature vervallen")
    OTHER = "overig", _("Overig")


class ProposalQuerySet(AuditedQuerySet):
    def for_user(self, principal: Any) -> ProposalQuerySet:
        """Proposals in the pool the principal sees, for clients they may see.

        Both gates apply: the vacancy must be in the regional pool for this
        principal and the client in one of their municipalities, so a foreign
        client's proposal is a 404 like the client itself.
        """
        return scoping.in_pool_for_clients(self, principal, client_lookup="client")

    def open(self) -> ProposalQuerySet:
        return self.exclude(status__in=FINAL_STATUSES)


class Proposal(models.Model):
    """A voordracht: a werkmakelaar proposes a client for a vacancy."""

    Status = ProposalStatus

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    vacancy = models.ForeignKey(
        Vacancy,
        verbose_name=_("vacature"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("werkzoekende"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgedragen door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    proposed_on = models.DateField(_("voorgedragen op"), validators=[plausible_date()])
    invited_on = models.DateField(
        _("uitgenodigd op"), null=True, blank=True, validators=[plausible_date()]
    )
    interview_on = models.DateField(
        _("gesprek op"), null=True, blank=True, validators=[plausible_date()]
    )
    decided_on = models.DateField(
        _("besluit op"),
        null=True,
        blank=True,
        help_text=_("Datum van aanname, afwijzing of terugtrekking."),
        validators=[plausible_date()],
    )
    rejection_reason = models.CharField(
        _("reden afwijzing"),
        max_length=20,
        choices=RejectionReason.choices,
        blank=True,
    )
    note = BoundedTextField(_("toelichting"), blank=True, max_length=SHORT_TEXT)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("voordracht")
        verbose_name_plural = _("voordrachten")
        ordering = ["-proposed_on", "-pk"]
        constraints = [
            *max_length_checks("employers_proposal", note=SHORT_TEXT),
            models.UniqueConstraint(
                fields=["vacancy", "client"],
                name="proposal_once_per_vacancy",
                violation_error_message=_(
                    "Deze werkzoekende is al voorgedragen voor deze vacature."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(rejection_reason=""),
                name="proposal_rejection_has_reason",
                violation_error_message=_("Geef een reden voor de afwijzing."),
            ),
        ]
        indexes = [models.Index(fields=["client", "status"])]

    def __str__(self) -> str:
        return f"{self.client_id} → {self.vacancy}"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    def next_statuses(self) -> list[str]:
        """Statuses this proposal may move to now, in pipeline order."""
        if self.is_final:
            return []
        position = PIPELINE.index(ProposalStatus(self.status))
        return [
            *PIPELINE[position + 1 :],
            ProposalStatus.REJECTED,
            ProposalStatus.WITHDRAWN,
        ]
