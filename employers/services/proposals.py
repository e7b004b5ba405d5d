"""Writes for proposals (voordrachten): propose a client, move the proposal on."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from employers.models import Proposal, ProposalStatus, RejectionReason, Vacancy
from ijmondwerkt.audit import diff, record, snapshot
from ijmondwerkt.domain import NotFound
from ijmondwerkt.inbox.services import task_create
from ijmondwerkt.versioning import lock_for_update, save_versioned

from .common import created
from .vacancies import vacancy_close

DUPLICATE_PROPOSAL = _("Deze werkzoekende is al voorgedragen voor deze vacature.")
DATE_FIELDS = {
    ProposalStatus.INVITED: "invited_on",
    ProposalStatus.INTERVIEW: "interview_on",
    ProposalStatus.HIRED: "decided_on",
    ProposalStatus.REJECTED: "decided_on",
    ProposalStatus.WITHDRAWN: "decided_on",
}


@transaction.atomic
def proposal_create(
    *,
    user: Any,
    vacancy: Vacancy,
    client: Client,
    note: str = "",
    today: date | None = None,
    actor: Any = None,
) -> Proposal:
    """Propose a client for an open vacancy.

    The client must be one the user may see (else ``NotFound``: the caller
    answers 404, as if it did not exist) and in an open file; a client is proposed once per vacancy. The
    client's klantmanager hears of it in the inbox (and later of the
    invitation, the hiring or the rejection).
    """
    if not Client.objects.for_user(user).filter(pk=client.pk).exists():
        raise NotFound(_("Deze werkzoekende bestaat niet of u mag hem niet zien."))
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if not locked.is_open:
        raise ValidationError(
            {"vacancy": _("Op een gesloten vacature kunt u niemand voordragen.")}
        )
    if not client.is_open:
        raise ValidationError(
            {"client": _("Het dossier van deze werkzoekende is gesloten.")}
        )
    if Proposal.objects.filter(vacancy=locked, client=client).exists():
        raise ValidationError({"client": DUPLICATE_PROPOSAL})
    proposal = Proposal(
        vacancy=locked,
        client=client,
        proposed_by=user,
        proposed_on=today or timezone.localdate(),
        note=note.strip(),
    )
    proposal.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError as exc:  # a colleague proposed the same client just now
        raise ValidationError({"client": DUPLICATE_PROPOSAL}) from exc
    record(
        proposal,
        action="proposed",
        summary=_("Voorgedragen voor %(vacancy)s bij %(employer)s")
        % {"vacancy": locked.title, "employer": locked.employer.name},
        changes=created(proposal, ["vacancy", "status", "proposed_on", "note"]),
        actor=actor if actor is not None else user,
        client=client,
    )
    _tell_klantmanager(proposal)
    return proposal


PROPOSAL_TASK_KIND = "voordracht"
# What the client's klantmanager hears, and when: the steps they act on.
PROPOSAL_TASK_TITLES = {
    ProposalStatus.PROPOSED: _(
        "%(name)s is voorgedragen voor %(vacancy)s bij %(employer)s"
    ),
    ProposalStatus.INVITED: _(
        "%(name)s is uitgenodigd voor een gesprek: %(vacancy)s bij %(employer)s"
    ),
    ProposalStatus.HIRED: _(
        "%(name)s is aangenomen als %(vacancy)s bij %(employer)s: plaatsing "
        "regelen en de uitkering informeren"
    ),
    ProposalStatus.REJECTED: _(
        "%(name)s is afgewezen voor %(vacancy)s bij %(employer)s (%(reason)s)"
    ),
}


def _tell_klantmanager(proposal: Proposal) -> None:
    """Put the step in the inbox of the client's klantmanager, once per step."""
    title = PROPOSAL_TASK_TITLES.get(ProposalStatus(proposal.status))
    klantmanager = proposal.client.klantmanager
    if title is None or klantmanager is None:
        return
    vacancy = proposal.vacancy
    task_create(
        assignee=klantmanager,
        kind=PROPOSAL_TASK_KIND,
        title=(
            title
            % {
                "name": proposal.client.full_name,
                "vacancy": vacancy.title,
                "employer": vacancy.employer.name,
                "reason": proposal.get_rejection_reason_display(),
            }
        )[:255],
        link=proposal.client.get_absolute_url(),
        client=proposal.client,
        due_date=timezone.localdate(),
        dedupe_key=f"voordracht:{proposal.uuid}:{proposal.status}",
    )


def _check_transition(proposal: Proposal, status: str) -> None:
    if proposal.is_final:
        raise ValidationError(
            {
                "status": _(
                    "Deze voordracht is al afgerond (%(status)s) en verandert niet meer."
                )
                % {"status": proposal.get_status_display()}
            }
        )
    if status not in proposal.next_statuses():
        raise ValidationError(
            {
                "status": _(
                    "Een voordracht met status %(current)s kan niet naar %(new)s."
                )
                % {
                    "current": proposal.get_status_display(),
                    "new": ProposalStatus(status).label
                    if status in ProposalStatus.values
                    else status,
                }
            }
        )


def _check_reason(status: str, reason: str) -> None:
    if status == ProposalStatus.REJECTED and reason not in RejectionReason.values:
        raise ValidationError(
            {"rejection_reason": _("Kies een reden voor de afwijzing.")}
        )
    if status != ProposalStatus.REJECTED and reason:
        raise ValidationError(
            {"rejection_reason": _("Een reden hoort alleen bij een afwijzing.")}
        )


@transaction.atomic
def proposal_advance(
    *,
    proposal: Proposal,
    status: str,
    rejection_reason: str = "",
    note: str | None = None,
    on: date | None = None,
    expected_version: int | None = None,
    actor: Any = None,
) -> Proposal:
    """Move a proposal forward: voorgesteld → uitgenodigd → gesprek → aangenomen,
    or end it as afgewezen (with a reason) or teruggetrokken.

    Nothing moves back and a final status is final. The date of each step is
    recorded. Aangenomen records the decision (the placement itself is made
    in the trajectories module); when that fills the vacancy's last place the
    vacancy is closed as vervuld. ``expected_version`` is what the editor loaded: a
    colleague's step in between is refused rather than built upon unseen.
    """
    locked = lock_for_update(
        Proposal.objects.select_related("vacancy", "vacancy__employer"),
        proposal.pk,
        expected_version=expected_version,
        what=_("voordracht"),
    )
    _check_transition(locked, status)
    _check_reason(status, rejection_reason)
    day = on or timezone.localdate()
    if day < locked.proposed_on:
        raise ValidationError(
            {"status": _("Deze datum ligt vóór de datum van de voordracht.")}
        )
    moving_on = status in (ProposalStatus.INVITED, ProposalStatus.INTERVIEW)
    if (moving_on or status == ProposalStatus.HIRED) and not locked.vacancy.is_open:
        raise ValidationError(
            {"status": _("De vacature is gesloten; rond de voordracht af.")}
        )
    date_field = DATE_FIELDS[ProposalStatus(status)]
    before = snapshot(locked, ["status", date_field, "rejection_reason", "note"])
    locked.status = status
    setattr(locked, date_field, day)
    locked.rejection_reason = rejection_reason
    if note is not None:
        locked.note = note.strip()
    locked.full_clean(validate_constraints=False)
    save_versioned(locked)
    record(
        locked,
        action="proposal_advanced",
        summary=_("Voordracht %(vacancy)s bij %(employer)s: %(status)s")
        % {
            "vacancy": locked.vacancy.title,
            "employer": locked.vacancy.employer.name,
            "status": locked.get_status_display().lower(),
        },
        changes=diff(before, locked),
        actor=actor,
        client=locked.client_id,
    )
    if status == ProposalStatus.HIRED:
        _fill_when_complete(locked.vacancy, day)
    _tell_klantmanager(locked)
    return locked


def _fill_when_complete(vacancy: Vacancy, day: date) -> None:
    hired = vacancy.proposals.filter(status=ProposalStatus.HIRED).count()
    if hired >= vacancy.places and vacancy.is_open:
        vacancy_close(vacancy=vacancy, status=Vacancy.Status.FILLED, today=day)
