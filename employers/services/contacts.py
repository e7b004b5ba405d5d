"""Writes for contact persons and the contact log (werkgeverscontacten)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import (
    ContactPerson,
    Employer,
    EmployerContact,
    EmployerContactKind,
)
from ijmondwerkt.accounts.models import User
from ijmondwerkt.audit import diff, record, snapshot
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.inbox.services import NewTask, task_complete, task_create
from ijmondwerkt.versioning import lock_for_update, save_versioned, stale

from .common import check_werkmakelaar, created

FOLLOW_UP_TASK_KIND = "werkgever_vervolgafspraak"
CONTACT_PERSON_FIELDS = ("name", "job_title", "phone", "email", "active")
CONTACT_FIELDS = (
    "contact_date",
    "kind",
    "werkmakelaar",
    "contact_person",
    "subject",
    "outcome",
    "follow_up_date",
)


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
    actor: Any = None,
) -> ContactPerson:
    """Add a contact person to an employer, or change an existing one.

    A change needs ``expected_version``, what the editor loaded (optimistic lock): of two
    werkmakelaars saving the same contact person, the second is refused instead
    of silently overwriting the first.
    """
    if contact_person is None:
        person = ContactPerson(employer=employer)
    else:
        person = lock_for_update(
            contact_person, expected_version=None, what=_("contactpersoon")
        )
    if person.employer_id != employer.pk:
        raise ValidationError(_("Deze contactpersoon hoort niet bij deze werkgever."))
    if contact_person is not None and person.version != expected_version:
        raise stale(person, _("contactpersoon"))
    before = snapshot(person, CONTACT_PERSON_FIELDS)
    person.name = name.strip()
    person.job_title = job_title.strip()
    person.phone = phone.strip()
    person.email = email.strip()
    person.active = active
    person.full_clean()
    if contact_person is None:
        person.save()
        action, summary = "contact_person_added", _("Contactpersoon toegevoegd")
        changes = created(person, CONTACT_PERSON_FIELDS)
    else:
        save_versioned(person)
        action, summary = "contact_person_updated", _("Contactpersoon gewijzigd")
        changes = diff(before, person)
    record(
        person,
        action=action,
        summary=f"{summary}: {person.name}",
        changes=changes,
        actor=actor,
    )
    return person


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
    actor: Any = None,
) -> EmployerContact:
    """Log a contact with an employer, visible to every colleague.

    A follow-up date puts a task in the werkmakelaar's inbox for that day.
    """
    check_werkmakelaar(werkmakelaar)
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
    record(
        contact,
        action="contact_recorded",
        summary=_("Contact vastgelegd met %(employer)s: %(subject)s")
        % {"employer": employer.name, "subject": contact.subject},
        changes=created(contact, CONTACT_FIELDS),
        actor=actor,
    )
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
def employer_contact_follow_up_complete(
    *, contact: EmployerContact, actor: Any = None
) -> EmployerContact:
    """Mark a follow-up as done, and the inbox task with it."""
    if contact.follow_up_date is None:
        raise ValidationError(_("Bij dit contact hoort geen vervolgafspraak."))
    if contact.follow_up_done_at is None:
        contact.follow_up_done_at = timezone.now()
        contact.save(update_fields=["follow_up_done_at"])
        record(
            contact,
            action="follow_up_done",
            summary=_("Vervolgafspraak afgerond: %(subject)s")
            % {"subject": contact.subject},
            changes={
                "follow_up_done_at": [None, contact.follow_up_done_at.isoformat()]
            },
            actor=actor,
        )
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
