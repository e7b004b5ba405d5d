"""Every write in the employer pool leaves an audit event: who, what, old and new."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client as WebClient
from django.urls import reverse
from django.utils import timezone

from employers import services
from employers.models import Employer, Vacancy
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit import acting_as
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.domain import NotFound
from tests.clients.factories import ClientFactory
from tests.conftest import bearer, logged_in, make_staff
from tests.employers.factories import (
    EmployerFactory,
    VacancyFactory,
    contact_kind,
)

pytestmark = pytest.mark.django_db


def of_model(model):
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(model)
    )


def events_for(obj) -> list[AuditEvent]:
    return list(AuditEvent.objects.for_object(obj).order_by("at", "pk"))


def test_employer_create_update_archive_are_recorded(werkmakelaar, manager) -> None:
    with acting_as(werkmakelaar):
        employer = services.employer_create(
            name="Staalbouw IJmond", kvk_number="34123456", city="Velsen"
        )
        vacancy = VacancyFactory.create(employer=employer)
        employer = services.employer_update(
            employer=employer, expected_version=1, city="IJmuiden"
        )
    services.employer_archive(employer=employer, actor=manager)
    registered, updated, archived = events_for(employer)
    assert (registered.action, registered.user) == ("registered", werkmakelaar)
    assert registered.changes["name"] == [None, "Staalbouw IJmond"]
    assert updated.summary == "Werkgever gewijzigd"
    assert updated.changes == {"city": ["Velsen", "IJmuiden"]}
    assert (archived.action, archived.user) == ("archived", manager)
    # The open vacancy was withdrawn with it, and that has its own event.
    (withdrawn,) = events_for(vacancy)
    assert withdrawn.action == "vacancy_withdrawn"
    assert withdrawn.changes["status"] == ["open", "ingetrokken"]


def test_a_stale_save_names_who_saved_in_between(werkmakelaar) -> None:
    employer = EmployerFactory.create()
    services.employer_update(
        employer=employer, expected_version=1, city="Velsen", actor=werkmakelaar
    )
    with pytest.raises(ValidationError) as exc:
        services.employer_update(employer=employer, expected_version=1, city="x")
    message = " ".join(exc.value.message_dict["version"])
    assert f"intussen gewijzigd door {werkmakelaar.audit_name}" in message


def test_contact_persons_and_contacts_are_recorded(werkmakelaar) -> None:
    employer = EmployerFactory.create()
    with acting_as(werkmakelaar):
        person = services.contact_person_save(employer=employer, name="Anna de Vries")
        services.contact_person_save(
            employer=employer,
            contact_person=person,
            expected_version=person.version,
            name="Anna de Vries",
            job_title="HR",
        )
        contact = services.employer_contact_record(
            employer=employer,
            werkmakelaar=werkmakelaar,
            kind=contact_kind(),
            subject="Kennismaking",
            follow_up_date=timezone.localdate() + timedelta(days=7),
        )
        services.employer_contact_follow_up_complete(contact=contact)
    added, changed = events_for(person)
    assert added.action == "contact_person_added"
    assert changed.changes == {"job_title": ["", "HR"]}
    assert [e.action for e in events_for(contact)] == [
        "contact_recorded",
        "follow_up_done",
    ]
    assert all(e.user == werkmakelaar for e in events_for(contact))


def test_vacancy_writes_are_recorded(werkmakelaar) -> None:
    employer = EmployerFactory.create()
    with acting_as(werkmakelaar):
        vacancy = services.vacancy_create(
            employer=employer,
            title="Lasser",
            hours_per_week=32,
            open_date=date(2026, 3, 1),
        )
        vacancy = services.vacancy_update(
            vacancy=vacancy, expected_version=1, title="Lasser MIG/MAG"
        )
        services.vacancy_close(vacancy=vacancy, status=Vacancy.Status.WITHDRAWN)
    registered, updated, closed = events_for(vacancy)
    assert registered.action == "vacancy_registered"
    assert updated.changes == {"title": ["Lasser", "Lasser MIG/MAG"]}
    assert closed.changes["status"] == ["open", "ingetrokken"]
    assert {e.user for e in (registered, updated, closed)} == {werkmakelaar}


def test_expiring_vacancies_records_each_one() -> None:
    today = date(2026, 6, 1)
    expired = VacancyFactory.create(
        open_date=date(2026, 3, 1), close_date=date(2026, 5, 1)
    )
    VacancyFactory.create(open_date=date(2026, 3, 1), close_date=date(2026, 7, 1))
    assert services.vacancies_expire(today=today) == 1
    (event,) = of_model(Vacancy)
    assert event.object_id == str(expired.pk)
    assert (event.action, event.user) == ("vacancy_expired", None)
    assert event.changes["status"] == ["open", "verlopen"]


def test_proposal_steps_reach_the_client_timeline(
    werkmakelaar, velsen, klantmanager_velsen
) -> None:
    vacancy = VacancyFactory.create(open_date=date(2026, 3, 1))
    client = ClientFactory.create(municipality=velsen, klantmanager=klantmanager_velsen)
    proposal = services.proposal_create(
        user=werkmakelaar, vacancy=vacancy, client=client, today=date(2026, 3, 2)
    )
    services.proposal_advance(
        proposal=proposal,
        status="uitgenodigd",
        on=date(2026, 3, 3),
        expected_version=proposal.version,
        actor=werkmakelaar,
    )
    timeline = list(AuditEvent.objects.filter(client=client).order_by("at", "pk"))
    assert [e.action for e in timeline] == ["proposed", "proposal_advanced"]
    assert timeline[0].user == werkmakelaar
    assert "Voorgedragen voor" in timeline[0].summary
    assert timeline[1].changes == {
        "status": ["voorgesteld", "uitgenodigd"],
        "invited_on": [None, "2026-03-03"],
    }


def test_proposing_a_client_the_user_may_not_see_is_a_domain_error(
    velsen, beverwijk
) -> None:
    velsen_only = make_staff("wm_velsen", Role.WERKMAKELAAR, [velsen])
    vacancy = VacancyFactory.create()
    foreign = ClientFactory.create(municipality=beverwijk)
    with pytest.raises(NotFound):
        services.proposal_create(user=velsen_only, vacancy=vacancy, client=foreign)


def test_a_web_write_records_the_signed_in_user(werkmakelaar) -> None:
    browser: WebClient = logged_in(werkmakelaar)
    response = browser.post(
        reverse("employers:create"),
        {"name": "Bouwbedrijf De Wit", "kvk_number": "87654321"},
    )
    assert response.status_code == 302
    (event,) = of_model(Employer)
    assert (event.action, event.user, event.partner) == (
        "registered",
        werkmakelaar,
        None,
    )


def test_an_api_write_records_the_partner(make_partner, velsen) -> None:
    partner, credentials = make_partner(
        scopes=["werkgevers.lezen", "werkgevers.schrijven"], municipalities=[velsen]
    )
    api = bearer(credentials.api_key)
    created = api.post(
        "/api/v1/werkgevers",
        {"naam": "Nieuw B.V.", "kvkNummer": "12345678"},
        format="json",
    )
    assert created.status_code == 201, created.content
    changed = api.patch(
        created.json()["url"], {"versie": 1, "plaats": "Velsen-Zuid"}, format="json"
    )
    assert changed.status_code == 200
    events = list(of_model(Employer).order_by("at", "pk"))
    assert [e.action for e in events] == ["registered", "updated"]
    assert {(e.partner, e.user) for e in events} == {(partner, partner.user)}
    assert events[1].changes == {"city": ["", "Velsen-Zuid"]}
