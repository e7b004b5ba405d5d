"""Writes for employers, the contact log and vacancies. Every rule lives here."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from employers.models import (
    ContactPerson,
    Employer,
    EmployerContact,
    EmployerContactKind,
    Proposal,
    ProposalStatus,
    RejectionReason,
    Vacancy,
)
from ijmondwerkt import identifiers
from ijmondwerkt.accounts.models import User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.inbox.services import NewTask, task_complete, task_create

FOLLOW_UP_TASK_KIND = "werkgever_vervolgafspraak"

EMPLOYER_FIELDS = frozenset(
    {
        "name",
        "kvk_number",
        "establishment_number",
        "sbi_section",
        "sector_cluster",
        "size_class",
        "street_address",
        "postal_code",
        "city",
        "municipality",
        "website",
        "werkmakelaar",
        "is_preferred",
        "has_social_return",
        "social_return_places",
        "social_return_start",
        "social_return_end",
        "is_municipal_employer",
    }
)
VACANCY_FIELDS = frozenset(
    {
        "title",
        "occupation",
        "sector_cluster",
        "description",
        "hours_per_week",
        "places",
        "location_municipality",
        "education_level",
        "driving_licence_required",
        "language_level",
        "suits_banenafspraak",
        "suits_beschut",
        "trial_placement_possible",
        "job_carved",
        "open_date",
        "close_date",
    }
)
CLOSING_STATUSES = frozenset({Vacancy.Status.FILLED, Vacancy.Status.WITHDRAWN})


def _only(fields: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    return fields


IDENTIFIERS = {
    "kvk_number": identifiers.normalise_kvk,
    "establishment_number": identifiers.normalise_establishment_number,
    "postal_code": identifiers.normalise_postcode,
}


def _normalise_employer(fields: dict[str, Any]) -> dict[str, Any]:
    """KvK number, establishment number and postcode in their normal form (typed
    with spaces or dots, or in digits the model's pattern would not refuse)."""
    errors: dict[str, Any] = {}
    for name, normalise in IDENTIFIERS.items():
        if fields.get(name) in (None, ""):
            if name in fields:
                fields[name] = ""  # a required one is refused by full_clean
        else:
            try:
                fields[name] = normalise(fields[name])
            except ValidationError as exc:
                errors[name] = exc
    if errors:
        raise ValidationError(errors)
    if not fields.get("has_social_return", True):
        fields.update(
            social_return_places=None, social_return_start=None, social_return_end=None
        )
    return fields


def _check_werkmakelaar(user: User | None, field: str = "werkmakelaar") -> None:
    if user is not None and not user.has_role(Role.WERKMAKELAAR):
        raise ValidationError(
            {field: _("Kies een medewerker met de rol werkmakelaar.")}
        )


def _check_version(current: int, expected: int | None, what: str) -> None:
    if current != expected:
        raise ValidationError(
            {
                "version": _(
                    "Deze %(what)s is intussen door een collega gewijzigd. Laad de "
                    "pagina opnieuw en voer uw wijziging nog eens in."
                )
                % {"what": what}
            }
        )


# --- employers ---------------------------------------------------------------


@transaction.atomic
def employer_create(*, name: str, kvk_number: str, **fields: Any) -> Employer:
    """Register an employer in the regional pool; the KvK number must be new."""
    fields = _normalise_employer(
        _only({"name": name, "kvk_number": kvk_number, **fields}, EMPLOYER_FIELDS)
    )
    _check_werkmakelaar(fields.get("werkmakelaar"))
    employer = Employer(**fields)
    employer.full_clean()
    employer.save()
    return employer


@transaction.atomic
def employer_update(
    *, employer: Employer, expected_version: int, **changes: Any
) -> Employer:
    """Change an employer; ``expected_version`` is what the editor loaded (optimistic lock).

    Two werkmakelaars editing the same employer: the second save is refused
    instead of silently overwriting the first.
    """
    changes = _normalise_employer(_only(changes, EMPLOYER_FIELDS))
    locked = Employer.objects.select_for_update().get(pk=employer.pk)
    _check_version(locked.version, expected_version, _("werkgever"))
    if "werkmakelaar" in changes and changes["werkmakelaar"] != locked.werkmakelaar:
        _check_werkmakelaar(changes["werkmakelaar"])
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def employer_archive(*, employer: Employer, archive: bool = True) -> Employer:
    """Archive (or restore) an employer; open vacancies are withdrawn on archiving."""
    if archive and employer.archived_at is None:
        employer.archived_at = timezone.now()
        employer.vacancies.filter(status=Vacancy.Status.OPEN).update(
            status=Vacancy.Status.WITHDRAWN, status_changed_on=timezone.localdate()
        )
    elif not archive:
        employer.archived_at = None
    employer.version += 1
    employer.save(update_fields=["archived_at", "version", "updated_at"])
    return employer


@transaction.atomic
def contact_person_save(
    *,
    employer: Employer,
    name: str,
    contact_person: ContactPerson | None = None,
    expected_version: int | None = None,
    job_title: str = "",
    phone: str = "",
    email: str = "",
    active: bool = True,
) -> ContactPerson:
    """Add a contact person to an employer, or change an existing one.

    A change needs ``expected_version``, what the editor loaded (optimistic lock): of two
    werkmakelaars saving the same contact person, the second is refused instead
    of silently overwriting the first.
    """
    if contact_person is None:
        person = ContactPerson(employer=employer)
    else:
        person = ContactPerson.objects.select_for_update().get(pk=contact_person.pk)
    if person.employer_id != employer.pk:
        raise ValidationError(_("Deze contactpersoon hoort niet bij deze werkgever."))
    if contact_person is not None:
        _check_version(person.version, expected_version, _("contactpersoon"))
        person.version += 1
    person.name = name.strip()
    person.job_title = job_title.strip()
    person.phone = phone.strip()
    person.email = email.strip()
    person.active = active
    person.full_clean()
    person.save()
    return person


# --- contact log ---------------------------------------------------------------


def _follow_up_title(contact: EmployerContact) -> str:
    return _("Vervolgafspraak met %(employer)s: %(subject)s") % {
        "employer": contact.employer.name,
        "subject": contact.subject,
    }


def follow_up_task(contact: EmployerContact) -> NewTask:
    """The inbox task that reminds the werkmakelaar of a follow-up."""
    assert contact.follow_up_date is not None
    return NewTask(
        assignee_id=contact.werkmakelaar_id,
        kind=FOLLOW_UP_TASK_KIND,
        title=_follow_up_title(contact)[:255],
        link=contact.employer.get_absolute_url(),
        due_date=contact.follow_up_date,
        dedupe_key=contact.follow_up_dedupe_key,
    )


@transaction.atomic
def employer_contact_record(
    *,
    employer: Employer,
    werkmakelaar: User,
    kind: EmployerContactKind,
    subject: str,
    contact_date: date | None = None,
    contact_person: ContactPerson | None = None,
    outcome: str = "",
    follow_up_date: date | None = None,
) -> EmployerContact:
    """Log a contact with an employer, visible to every colleague.

    A follow-up date puts a task in the werkmakelaar's inbox for that day.
    """
    _check_werkmakelaar(werkmakelaar)
    if employer.is_archived:
        raise ValidationError(
            _(
                "Deze werkgever is gearchiveerd; herstel hem eerst om contact vast te leggen."
            )
        )
    contact = EmployerContact(
        employer=employer,
        werkmakelaar=werkmakelaar,
        kind=kind,
        subject=subject.strip(),
        contact_date=contact_date or timezone.localdate(),
        contact_person=contact_person,
        outcome=outcome.strip(),
        follow_up_date=follow_up_date,
    )
    contact.full_clean()
    contact.save()
    if contact.follow_up_date:
        task = follow_up_task(contact)
        task_create(
            assignee=werkmakelaar,
            kind=task.kind,
            title=task.title,
            link=task.link,
            due_date=task.due_date,
            dedupe_key=task.dedupe_key,
        )
    return contact


@transaction.atomic
def employer_contact_follow_up_complete(*, contact: EmployerContact) -> EmployerContact:
    """Mark a follow-up as done, and the inbox task with it."""
    if contact.follow_up_date is None:
        raise ValidationError(_("Bij dit contact hoort geen vervolgafspraak."))
    if contact.follow_up_done_at is None:
        contact.follow_up_done_at = timezone.now()
        contact.save(update_fields=["follow_up_done_at"])
    task = Task.objects.filter(dedupe_key=contact.follow_up_dedupe_key).first()
    if task is not None:
        task_complete(task=task)
    return contact


def follow_up_reminders_due(today: date) -> list[NewTask]:
    """Tasks for open follow-ups due today or tomorrow (deduplicated by the inbox)."""
    contacts = EmployerContact.objects.filter(
        follow_up_date__gte=today,
        follow_up_date__lte=today + timedelta(days=1),
        follow_up_done_at__isnull=True,
        werkmakelaar__is_active=True,
    ).select_related("employer")
    return [follow_up_task(contact) for contact in contacts]


# --- vacancies -------------------------------------------------------------------


@transaction.atomic
def vacancy_create(
    *,
    employer: Employer,
    title: str,
    hours_per_week: Any,
    open_date: date,
    created_by: User | None = None,
    **fields: Any,
) -> Vacancy:
    """Register a vacancy at an active employer; it starts open."""
    if employer.is_archived:
        raise ValidationError(
            {
                "employer": _(
                    "Bij een gearchiveerde werkgever kunt u geen vacature aanmaken."
                )
            }
        )
    vacancy = Vacancy(
        employer=employer,
        title=title.strip(),
        hours_per_week=hours_per_week,
        open_date=open_date,
        created_by=created_by,
        **_only(fields, VACANCY_FIELDS),
    )
    if vacancy.sector_cluster_id is None:
        vacancy.sector_cluster_id = employer.sector_cluster_id
    vacancy.full_clean()
    vacancy.save()
    return vacancy


@transaction.atomic
def vacancy_update(
    *, vacancy: Vacancy, expected_version: int, **changes: Any
) -> Vacancy:
    """Change a vacancy's details; refused when a colleague saved in between."""
    changes = _only(changes, VACANCY_FIELDS)
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    _check_version(locked.version, expected_version, _("vacature"))
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def vacancy_close(
    *, vacancy: Vacancy, status: str, today: date | None = None
) -> Vacancy:
    """Close an open vacancy as filled (vervuld) or withdrawn (ingetrokken)."""
    if status not in CLOSING_STATUSES:
        raise ValidationError(
            {"status": _("Een vacature sluit u als vervuld of ingetrokken.")}
        )
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if not locked.is_open:
        raise ValidationError(
            {
                "status": _("Deze vacature is al gesloten (%(status)s).")
                % {"status": locked.get_status_display()}
            }
        )
    locked.status = status
    locked.status_changed_on = today or timezone.localdate()
    locked.version += 1
    locked.save(update_fields=["status", "status_changed_on", "version", "updated_at"])
    return locked


def vacancies_expire(*, today: date) -> int:
    """Open vacancies whose close date has passed become verlopen; set-based.

    Idempotent: a second run finds nothing left to expire. Returns the count.
    """
    return Vacancy.objects.filter(
        status=Vacancy.Status.OPEN, close_date__lt=today
    ).update(
        status=Vacancy.Status.EXPIRED,
        status_changed_on=today,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )


# --- proposals (voordrachten) -------------------------------------------------------

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
) -> Proposal:
    """Propose a client for an open vacancy.

    The client must be one the user may see (else 404, as if it did not
    exist) and in an open file; a client is proposed once per vacancy. The
    client's klantmanager hears of it in the inbox (and later of the
    invitation, the hiring or the rejection).
    """
    if not Client.objects.for_user(user).filter(pk=client.pk).exists():
        raise Http404
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
) -> Proposal:
    """Move a proposal forward: voorgesteld → uitgenodigd → gesprek → aangenomen,
    or end it as afgewezen (with a reason) or teruggetrokken.

    Nothing moves back and a final status is final. The date of each step is
    recorded. Aangenomen records the decision (the placement itself is made
    in the trajectories module); when that fills the vacancy's last place the
    vacancy is closed as vervuld. ``expected_version`` is what the editor loaded: a
    colleague's step in between is refused rather than built upon unseen.
    """
    locked = (
        Proposal.objects.select_for_update()
        .select_related("vacancy")
        .get(pk=proposal.pk)
    )
    if expected_version is not None:
        _check_version(locked.version, expected_version, _("voordracht"))
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
    locked.status = status
    setattr(locked, DATE_FIELDS[ProposalStatus(status)], day)
    locked.rejection_reason = rejection_reason
    if note is not None:
        locked.note = note.strip()
    locked.version += 1
    locked.full_clean(validate_constraints=False)
    locked.save()
    if status == ProposalStatus.HIRED:
        _fill_when_complete(locked.vacancy, day)
    _tell_klantmanager(locked)
    return locked


def _fill_when_complete(vacancy: Vacancy, day: date) -> None:
    hired = vacancy.proposals.filter(status=ProposalStatus.HIRED).count()
    if hired >= vacancy.places and vacancy.is_open:
        vacancy_close(vacancy=vacancy, status=Vacancy.Status.FILLED, today=day)
