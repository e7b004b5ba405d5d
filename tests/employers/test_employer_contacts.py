from __future__ import annotations

from datetime import date, timedelta

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from employers import services, tasks
from employers.models import EmployerContact
from ijmondwerkt.inbox.models import Task
from tests.employers.factories import (
    ContactPersonFactory,
    EmployerContactFactory,
    EmployerFactory,
    contact_kind,
)

pytestmark = pytest.mark.django_db


def test_record_without_follow_up_creates_no_task(werkmakelaar) -> None:
    employer = EmployerFactory.create()
    contact = services.employer_contact_record(
        employer=employer,
        werkmakelaar=werkmakelaar,
        kind=contact_kind("bedrijfsbezoek"),
        subject=" Kennismaking ",
    )
    assert contact.subject == "Kennismaking"
    assert contact.contact_date == timezone.localdate()
    assert not Task.objects.exists()


def test_follow_up_date_puts_a_task_in_the_werkmakelaars_inbox(werkmakelaar) -> None:
    employer = EmployerFactory.create(name="Zorggroep Velsen")
    contact = services.employer_contact_record(
        employer=employer,
        werkmakelaar=werkmakelaar,
        kind=contact_kind(),
        subject="Terugbellen over vacature",
        contact_date=date(2026, 3, 2),
        follow_up_date=date(2026, 3, 9),
    )
    task = Task.objects.get()
    assert task.assignee == werkmakelaar
    assert task.due_date == date(2026, 3, 9)
    assert task.link == employer.get_absolute_url()
    assert "Zorggroep Velsen" in task.title
    assert task.dedupe_key == contact.follow_up_dedupe_key


def test_follow_up_before_contact_date_is_refused(werkmakelaar) -> None:
    with pytest.raises(ValidationError) as exc:
        services.employer_contact_record(
            employer=EmployerFactory.create(),
            werkmakelaar=werkmakelaar,
            kind=contact_kind(),
            subject="Bel",
            contact_date=date(2026, 3, 2),
            follow_up_date=date(2026, 3, 1),
        )
    assert "vervolgafspraak" in " ".join(exc.value.message_dict["follow_up_date"])
    assert not EmployerContact.objects.exists()
    assert not Task.objects.exists()


def test_contact_person_must_belong_to_the_employer(werkmakelaar) -> None:
    with pytest.raises(ValidationError) as exc:
        services.employer_contact_record(
            employer=EmployerFactory.create(),
            werkmakelaar=werkmakelaar,
            kind=contact_kind(),
            subject="Bel",
            contact_person=ContactPersonFactory.create(),
        )
    assert "contact_person" in exc.value.message_dict
    assert not EmployerContact.objects.exists()


def test_subject_is_required(werkmakelaar) -> None:
    with pytest.raises(ValidationError) as exc:
        services.employer_contact_record(
            employer=EmployerFactory.create(),
            werkmakelaar=werkmakelaar,
            kind=contact_kind(),
            subject="  ",
        )
    assert "subject" in exc.value.message_dict


def test_only_werkmakelaars_record_contacts(klantmanager_velsen) -> None:
    with pytest.raises(ValidationError):
        services.employer_contact_record(
            employer=EmployerFactory.create(),
            werkmakelaar=klantmanager_velsen,
            kind=contact_kind(),
            subject="Bel",
        )
    assert not EmployerContact.objects.exists()


def test_archived_employer_gets_no_new_contacts(werkmakelaar) -> None:
    with pytest.raises(ValidationError):
        services.employer_contact_record(
            employer=EmployerFactory.create(archived=True),
            werkmakelaar=werkmakelaar,
            kind=contact_kind(),
            subject="Bel",
        )
    assert not EmployerContact.objects.exists()


def test_completing_a_follow_up_completes_its_task(werkmakelaar) -> None:
    contact = services.employer_contact_record(
        employer=EmployerFactory.create(),
        werkmakelaar=werkmakelaar,
        kind=contact_kind(),
        subject="Bel",
        contact_date=date(2026, 3, 2),
        follow_up_date=date(2026, 3, 9),
    )
    services.employer_contact_follow_up_complete(contact=contact)
    contact.refresh_from_db()
    assert contact.follow_up_done_at is not None
    assert Task.objects.get().is_done
    assert not EmployerContact.objects.follow_ups_for(werkmakelaar).exists()


def test_completing_a_contact_without_follow_up_is_refused(werkmakelaar) -> None:
    contact = EmployerContactFactory.create(werkmakelaar=werkmakelaar)
    with pytest.raises(ValidationError):
        services.employer_contact_follow_up_complete(contact=contact)


def test_reminder_job_creates_missing_tasks_for_today_and_tomorrow_once(
    werkmakelaar,
) -> None:
    today = timezone.localdate()
    past = today - timedelta(days=10)
    due_today = EmployerContactFactory.create(
        werkmakelaar=werkmakelaar, contact_date=past, follow_up_date=today
    )
    due_tomorrow = EmployerContactFactory.create(
        werkmakelaar=werkmakelaar,
        contact_date=past,
        follow_up_date=today + timedelta(days=1),
    )
    EmployerContactFactory.create(  # later: no reminder yet
        werkmakelaar=werkmakelaar,
        contact_date=past,
        follow_up_date=today + timedelta(days=5),
    )
    EmployerContactFactory.create(  # already handled
        werkmakelaar=werkmakelaar,
        contact_date=past,
        follow_up_date=today,
        follow_up_done_at=timezone.now(),
    )
    assert tasks.follow_up_reminders() == 2
    assert tasks.follow_up_reminders() == 0
    assert set(Task.objects.values_list("dedupe_key", flat=True)) == {
        due_today.follow_up_dedupe_key,
        due_tomorrow.follow_up_dedupe_key,
    }


def test_reminder_job_skips_follow_ups_that_already_have_a_task(werkmakelaar) -> None:
    today = timezone.localdate()
    services.employer_contact_record(
        employer=EmployerFactory.create(),
        werkmakelaar=werkmakelaar,
        kind=contact_kind(),
        subject="Bel",
        contact_date=today,
        follow_up_date=today,
    )
    assert tasks.follow_up_reminders() == 0
    assert Task.objects.count() == 1
