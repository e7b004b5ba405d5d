from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from employers.models import Employer, EmployerContact, Vacancy
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from tests.conftest import logged_in, make_staff
from tests.employers.factories import (
    ContactPersonFactory,
    EmployerContactFactory,
    EmployerFactory,
    VacancyFactory,
    contact_kind,
)

pytestmark = pytest.mark.django_db

DENIED = ["manager", "beheerder", "privacy_officer", "user_without_role"]


@pytest.fixture
def employer(werkmakelaar):
    return EmployerFactory.create(name="Staalbouw Velsen", kvk_number="34123456")


def read_urls(employer, vacancy):
    return [
        reverse("employers:list"),
        employer.get_absolute_url(),
        reverse("vacancies:list"),
        vacancy.get_absolute_url(),
    ]


def write_urls(employer, vacancy):
    return [
        reverse("employers:create"),
        reverse("employers:update", args=[employer.uuid]),
        reverse("employers:follow_ups"),
        reverse("employers:contact_person_create", args=[employer.uuid]),
        reverse("vacancies:create"),
        reverse("vacancies:update", args=[vacancy.uuid]),
    ]


def post_urls(employer, vacancy):
    return [
        reverse("employers:contact_record", args=[employer.uuid]),
        reverse("employers:archive", args=[employer.uuid]),
        reverse("vacancies:close", args=[vacancy.uuid]),
    ]


# --- who gets in ---------------------------------------------------------------


def test_werkmakelaar_opens_every_page(werkmakelaar, employer) -> None:
    vacancy = VacancyFactory.create(employer=employer)
    client = logged_in(werkmakelaar)
    for url in read_urls(employer, vacancy) + write_urls(employer, vacancy):
        assert client.get(url).status_code == 200, url


def test_klantmanager_reads_but_does_not_write(klantmanager_velsen, employer) -> None:
    vacancy = VacancyFactory.create(employer=employer)
    client = logged_in(klantmanager_velsen)
    for url in read_urls(employer, vacancy):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Contact vastleggen" not in response.content.decode()
    for url in write_urls(employer, vacancy):
        assert client.get(url).status_code == 403, url
    for url in post_urls(employer, vacancy):
        assert (
            client.post(url, {"subject": "x", "status": "vervuld"}).status_code == 403
        )
    assert not EmployerContact.objects.exists()
    assert Vacancy.objects.get().status == "open"
    assert Employer.objects.active().exists()


@pytest.mark.parametrize("persona", DENIED)
def test_other_roles_get_403_everywhere(request, persona, employer) -> None:
    vacancy = VacancyFactory.create(employer=employer)
    client = logged_in(request.getfixturevalue(persona))
    for url in read_urls(employer, vacancy) + write_urls(employer, vacancy):
        assert client.get(url).status_code == 403, url
    for url in post_urls(employer, vacancy):
        assert client.post(url).status_code == 403, url


def test_anonymous_is_sent_to_login(client, employer) -> None:
    response = client.get(reverse("employers:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_uuid_is_404(werkmakelaar) -> None:
    client = logged_in(werkmakelaar)
    assert client.get(reverse("employers:detail", args=[uuid4()])).status_code == 404
    assert client.get(reverse("vacancies:detail", args=[uuid4()])).status_code == 404


def test_navigation_offers_employer_pages_to_werkmakelaars_only(
    werkmakelaar, klantmanager_velsen
) -> None:
    page = logged_in(werkmakelaar).get(reverse("home")).content.decode()
    assert "Mijn vervolgafspraken" in page
    assert reverse("employers:list") in page
    page = logged_in(klantmanager_velsen).get(reverse("home")).content.decode()
    assert "Mijn vervolgafspraken" not in page


# --- employer list -------------------------------------------------------------


def test_list_searches_name_kvk_sector_and_werkmakelaar(werkmakelaar) -> None:
    from tests.employers.factories import cluster

    mine = EmployerFactory.create(
        name="Bakkerij Vos", kvk_number="12345678", werkmakelaar=werkmakelaar
    )
    EmployerFactory.create(
        name="Zorggroep Kennemer", sector_cluster=cluster("zorg-welzijn")
    )
    client = logged_in(werkmakelaar)

    def names(**params: str) -> set[str]:
        response = client.get(reverse("employers:list"), params)
        return {e.name for e in response.context["page"].object_list}

    assert names(zoek="bakkerij") == {"Bakkerij Vos"}
    assert names(zoek="1234 5678") == {"Bakkerij Vos"}
    assert names(zoek="Zorg & welzijn") == {"Zorggroep Kennemer"}
    assert names(zoek=werkmakelaar.first_name) == {mine.name}
    assert names(werkmakelaar=werkmakelaar.username) == {mine.name}
    assert names(branchecluster="zorg-welzijn") == {"Zorggroep Kennemer"}


def test_list_hides_archived_unless_asked(werkmakelaar) -> None:
    EmployerFactory.create(name="Actief")
    EmployerFactory.create(name="Weg", archived=True)
    client = logged_in(werkmakelaar)
    default = client.get(reverse("employers:list")).content.decode()
    assert "Actief" in default and "Weg" not in default
    archived = client.get(reverse("employers:list"), {"status": "gearchiveerd"})
    assert [e.name for e in archived.context["page"].object_list] == ["Weg"]


def test_list_costs_a_fixed_number_of_queries(werkmakelaar) -> None:
    client = logged_in(werkmakelaar)
    EmployerFactory.create(werkmakelaar=werkmakelaar)
    client.get(reverse("employers:list"))  # warm caches (content types, session)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("employers:list")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(12):
        employer = EmployerFactory.create(werkmakelaar=werkmakelaar)
        VacancyFactory.create(employer=employer)
        EmployerContactFactory.create(employer=employer, werkmakelaar=werkmakelaar)
    assert count() == few


def test_vacancy_list_costs_a_fixed_number_of_queries(werkmakelaar) -> None:
    client = logged_in(werkmakelaar)
    VacancyFactory.create(close_date=None)
    client.get(reverse("vacancies:list"))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("vacancies:list")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    VacancyFactory.create_batch(12, close_date=None)
    assert count() == few


# --- employer form -----------------------------------------------------------------


def employer_post(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Bouwbedrijf De Wit",
        "kvk_number": "87654321",
        "sector_cluster": "",
        "postal_code": "",
    }
    data.update(overrides)
    return data


def test_werkmakelaar_adds_an_employer(werkmakelaar) -> None:
    response = logged_in(werkmakelaar).post(
        reverse("employers:create"),
        employer_post(werkmakelaar=str(werkmakelaar.pk), website="www.dewit.nl"),
    )
    employer = Employer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == employer.get_absolute_url()
    assert employer.werkmakelaar == werkmakelaar
    assert employer.website == "https://www.dewit.nl"


@pytest.mark.parametrize(
    ("kvk", "message"),
    [
        ("1234", "Het KvK-nummer moet uit precies 8 cijfers bestaan."),
        ("34123456", "Er is al een werkgever met dit KvK-nummer."),
    ],
)
def test_bad_kvk_shows_dutch_message_in_summary_and_field(
    werkmakelaar, employer, kvk, message
) -> None:
    response = logged_in(werkmakelaar).post(
        reverse("employers:create"), employer_post(kvk_number=kvk)
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert f'<a href="#id_kvk_number">KvK-nummer: {message}</a>' in page
    assert 'aria-invalid="true"' in page
    assert 'id="id_kvk_number_error"' in page
    assert Employer.objects.count() == 1


def test_stale_edit_is_refused_with_message(werkmakelaar, employer) -> None:
    client = logged_in(werkmakelaar)
    url = reverse("employers:update", args=[employer.uuid])
    data = employer_post(name="Eerste", kvk_number=employer.kvk_number, version="1")
    assert client.post(url, data).status_code == 302
    data.update(name="Tweede")
    response = client.post(url, data)
    assert response.status_code == 422
    assert "intussen gewijzigd door" in response.content.decode()
    employer.refresh_from_db()
    assert employer.name == "Eerste"


def test_two_werkmakelaars_saving_one_contact_person_lose_no_change(
    werkmakelaar, employer, all_municipalities
) -> None:
    colleague = make_staff("werkmakelaar_twee", Role.WERKMAKELAAR, all_municipalities)
    person = ContactPersonFactory.create(employer=employer, name="Mark Postma")
    url = reverse("employers:contact_person_update", args=[employer.uuid, person.uuid])
    first, second = logged_in(werkmakelaar), logged_in(colleague)
    form = first.get(url).content.decode()
    assert 'name="version" value="1"' in form
    assert 'name="version" value="1"' in second.get(url).content.decode()
    data = {"name": "Mark Postma", "job_title": "HR", "version": "1", "active": "on"}
    assert first.post(url, {**data, "phone": "0251 123456"}).status_code == 302
    response = second.post(url, {**data, "job_title": "Teamleider"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Deze contactpersoon is intussen gewijzigd door" in page
    person.refresh_from_db()
    assert (person.job_title, person.phone, person.version) == ("HR", "0251 123456", 2)


def test_archive_and_restore(werkmakelaar, employer) -> None:
    client = logged_in(werkmakelaar)
    client.post(reverse("employers:archive", args=[employer.uuid]))
    employer.refresh_from_db()
    assert employer.is_archived
    client.post(
        reverse("employers:archive", args=[employer.uuid]), {"archiveren": "nee"}
    )
    employer.refresh_from_db()
    assert not employer.is_archived


def test_contact_person_form(werkmakelaar, employer) -> None:
    client = logged_in(werkmakelaar)
    url = reverse("employers:contact_person_create", args=[employer.uuid])
    response = client.post(url, {"name": "", "email": "fout"})
    assert response.status_code == 422
    assert not employer.contact_persons.exists()
    client.post(url, {"name": "Anna Koster", "job_title": "HR", "active": "on"})
    person = employer.contact_persons.get()
    other = EmployerFactory.create()
    foreign = reverse("employers:contact_person_update", args=[other.uuid, person.uuid])
    assert client.get(foreign).status_code == 404


# --- 360° page and the quick contact form --------------------------------------------


def test_employer_page_shows_colleagues_contacts_vacancies_and_future_sections(
    werkmakelaar, klantmanager_velsen, employer
) -> None:
    from ijmondwerkt.accounts.roles import Role
    from tests.conftest import make_staff

    colleague = make_staff(
        "collega_zorg", Role.WERKMAKELAAR, list(werkmakelaar.municipalities.all())
    )
    EmployerContactFactory.create(
        employer=employer, werkmakelaar=colleague, subject="Rondleiding gehad"
    )
    VacancyFactory.create(employer=employer, title="Lasser")
    page = logged_in(werkmakelaar).get(employer.get_absolute_url()).content.decode()
    assert "Rondleiding gehad" in page
    assert "Lasser" in page
    assert "Voordrachten" in page
    assert "Contact vastleggen" in page


def quick_contact(**overrides: str) -> dict[str, str]:
    today = timezone.localdate()
    data = {
        "contact_date": today.isoformat(),
        "kind": str(contact_kind("telefoon").pk),
        "subject": "Gebeld over nieuwe vacature",
        "outcome": "",
        "follow_up_date": (today + timedelta(days=7)).isoformat(),
    }
    data.update(overrides)
    return data


def test_quick_contact_without_htmx_redirects_and_creates_task(
    werkmakelaar, employer
) -> None:
    response = logged_in(werkmakelaar).post(
        reverse("employers:contact_record", args=[employer.uuid]), quick_contact()
    )
    assert response.status_code == 302
    contact = EmployerContact.objects.get()
    assert contact.werkmakelaar == werkmakelaar
    assert Task.objects.get().due_date == contact.follow_up_date


def test_quick_contact_with_htmx_answers_the_refreshed_log(
    werkmakelaar, employer
) -> None:
    person = ContactPersonFactory.create(employer=employer, name="Mark Postma")
    response = logged_in(werkmakelaar).post(
        reverse("employers:contact_record", args=[employer.uuid]),
        quick_contact(contact_person=str(person.pk)),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="contactlog">')
    assert "Het contact is vastgelegd." in page
    assert "Gebeld over nieuwe vacature" in page
    assert "Mark Postma" in page


def test_quick_contact_errors_are_shown_and_nothing_stored(
    werkmakelaar, employer
) -> None:
    today = timezone.localdate()
    response = logged_in(werkmakelaar).post(
        reverse("employers:contact_record", args=[employer.uuid]),
        quick_contact(
            subject="", follow_up_date=(today - timedelta(days=3)).isoformat()
        ),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    # 422, which base.html's htmx-config still swaps in, so the errors show.
    assert response.status_code == 422
    assert page.lstrip().startswith('<div id="contactlog">')
    assert 'href="#id_subject"' in page
    assert "De vervolgafspraak ligt vóór de datum van het contact." in page
    assert not EmployerContact.objects.exists()
    assert not Task.objects.exists()


def test_contact_person_of_another_employer_is_not_accepted(
    werkmakelaar, employer
) -> None:
    foreign = ContactPersonFactory.create()
    response = logged_in(werkmakelaar).post(
        reverse("employers:contact_record", args=[employer.uuid]),
        quick_contact(contact_person=str(foreign.pk)),
    )
    assert response.status_code == 422
    assert not EmployerContact.objects.exists()


# --- follow-ups ------------------------------------------------------------------------


def test_follow_ups_lists_only_my_open_ones_and_completes_them(
    werkmakelaar, employer
) -> None:
    from ijmondwerkt.accounts.roles import Role
    from tests.conftest import make_staff

    colleague = make_staff(
        "collega", Role.WERKMAKELAAR, list(werkmakelaar.municipalities.all())
    )
    mine = EmployerContactFactory.create(
        employer=employer,
        werkmakelaar=werkmakelaar,
        subject="Mijn afspraak",
        follow_up_date=date(2026, 3, 9),
    )
    EmployerContactFactory.create(
        employer=employer,
        werkmakelaar=colleague,
        subject="Andermans afspraak",
        follow_up_date=date(2026, 3, 9),
    )
    client = logged_in(werkmakelaar)
    page = client.get(reverse("employers:follow_ups")).content.decode()
    assert "Mijn afspraak" in page
    assert "Andermans afspraak" not in page
    client.post(reverse("employers:follow_up_complete", args=[mine.uuid]))
    mine.refresh_from_db()
    assert mine.follow_up_done_at is not None
    assert (
        "Mijn afspraak"
        not in client.get(reverse("employers:follow_ups")).content.decode()
    )


def test_cannot_complete_a_colleagues_follow_up(werkmakelaar, employer) -> None:
    from ijmondwerkt.accounts.roles import Role
    from tests.conftest import make_staff

    colleague = make_staff(
        "collega", Role.WERKMAKELAAR, list(werkmakelaar.municipalities.all())
    )
    theirs = EmployerContactFactory.create(
        employer=employer, werkmakelaar=colleague, follow_up_date=date(2026, 3, 9)
    )
    response = logged_in(werkmakelaar).post(
        reverse("employers:follow_up_complete", args=[theirs.uuid])
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.follow_up_done_at is None


def test_start_page_summarises_follow_ups_vacancies_and_colleagues(
    werkmakelaar, employer
) -> None:
    from ijmondwerkt.accounts.roles import Role
    from tests.conftest import make_staff

    today = timezone.localdate()
    colleague = make_staff(
        "collega", Role.WERKMAKELAAR, list(werkmakelaar.municipalities.all())
    )
    EmployerContactFactory.create(
        employer=employer,
        werkmakelaar=werkmakelaar,
        contact_date=today - timedelta(days=5),
        follow_up_date=today,
        subject="Vandaag bellen",
    )
    EmployerContactFactory.create(
        employer=employer,
        werkmakelaar=colleague,
        contact_date=today,
        subject="Bezoek collega",
    )
    VacancyFactory.create(employer=employer, close_date=None)
    page = logged_in(werkmakelaar).get(reverse("home")).content.decode()
    assert "Mijn werkgevers" in page
    assert "Vandaag bellen" in page
    assert "Bezoek collega" in page
    assert '<span class="number">1</span>open vacatures' in page.replace("\n", "")


# --- vacancies --------------------------------------------------------------------------


def vacancy_post(employer, **overrides: str) -> dict[str, str]:
    data = {
        "employer": str(employer.uuid),
        "title": "Orderpicker",
        "hours_per_week": "32",
        "places": "2",
        "open_date": "2026-03-01",
        "close_date": "2026-04-01",
    }
    data.update(overrides)
    return data


def test_werkmakelaar_registers_a_vacancy(werkmakelaar, employer) -> None:
    client = logged_in(werkmakelaar)
    response = client.post(
        reverse("vacancies:create"), vacancy_post(employer, suits_beschut="on")
    )
    vacancy = Vacancy.objects.get()
    assert response["Location"] == vacancy.get_absolute_url()
    assert vacancy.suits_beschut and vacancy.created_by == werkmakelaar


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"close_date": "2026-02-01"},
            "close_date",
            "De sluitingsdatum ligt vóór de datum waarop de vacature opengaat.",
        ),
        (
            {"hours_per_week": "-4"},
            "hours_per_week",
            "Het aantal uren per week moet groter dan 0 zijn.",
        ),
        ({"places": "-1"}, "places", "Het aantal plekken moet minstens 1 zijn."),
    ],
)
def test_vacancy_form_refuses_bad_input_naming_the_field(
    werkmakelaar, employer, overrides, field, message
) -> None:
    response = logged_in(werkmakelaar).post(
        reverse("vacancies:create"), vacancy_post(employer, **overrides)
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert f'href="#id_{field}"' in page
    assert message in page
    assert not Vacancy.objects.exists()


def test_vacancy_for_archived_employer_cannot_be_chosen(werkmakelaar) -> None:
    archived = EmployerFactory.create(archived=True)
    response = logged_in(werkmakelaar).post(
        reverse("vacancies:create"), vacancy_post(archived)
    )
    assert response.status_code == 422
    assert not Vacancy.objects.exists()


def test_vacancy_list_shows_open_by_default_and_filters(werkmakelaar, employer) -> None:
    VacancyFactory.create(
        employer=employer, title="Open functie", suits_banenafspraak=True
    )
    VacancyFactory.create(employer=employer, title="Vervulde functie", filled=True)
    client = logged_in(werkmakelaar)

    def titles(**params: str) -> set[str]:
        response = client.get(reverse("vacancies:list"), params)
        return {v.title for v in response.context["page"].object_list}

    assert titles() == {"Open functie"}
    assert titles(status="") == {"Open functie", "Vervulde functie"}
    assert titles(status="vervuld") == {"Vervulde functie"}
    assert titles(status="", garantiebaan="true") == {"Open functie"}
    assert titles(status="", zoek="staalbouw") == {"Open functie", "Vervulde functie"}


def test_close_vacancy_from_its_page(werkmakelaar, employer) -> None:
    vacancy = VacancyFactory.create(employer=employer)
    client = logged_in(werkmakelaar)
    response = client.post(
        reverse("vacancies:close", args=[vacancy.uuid]), {"status": "bogus"}
    )
    assert response.status_code == 422
    client.post(reverse("vacancies:close", args=[vacancy.uuid]), {"status": "vervuld"})
    vacancy.refresh_from_db()
    assert vacancy.status == "vervuld"


def test_start_page_shows_my_open_proposals(werkmakelaar, employer) -> None:
    from clients.models import Client
    from employers.models import Proposal
    from ijmondwerkt.accounts.roles import Role
    from tests.clients.factories import ClientFactory
    from tests.conftest import make_staff
    from tests.employers.factories import ProposalFactory

    colleague = make_staff(
        "collega", Role.WERKMAKELAAR, list(werkmakelaar.municipalities.all())
    )
    vacancy = VacancyFactory.create(employer=employer, title="Monteur", close_date=None)
    for status, name, by in [
        (Proposal.Status.PROPOSED, "Anouk", werkmakelaar),
        (Proposal.Status.INTERVIEW, "Bilal", werkmakelaar),
        (Proposal.Status.HIRED, "Cor", werkmakelaar),  # done: not listed
        (Proposal.Status.PROPOSED, "Dirk", colleague),  # not mine
    ]:
        ProposalFactory.create(
            vacancy=vacancy,
            client=ClientFactory.create(first_name=name, status=Client.Status.ACTIVE),
            proposed_by=by,
            status=status,
        )
    page = logged_in(werkmakelaar).get(reverse("home")).content.decode()
    assert "Voorgesteld: 1" in page and "Uitgenodigd: 0" in page
    assert "Gesprek: 1" in page
    assert "Anouk" in page and "Bilal" in page
    assert "Cor " not in page and "Dirk" not in page


# --- an invalid POST answers 422 ------------------------------------------------------


def test_refused_proposal_steps_answer_422_on_the_vacancy_page(
    werkmakelaar, employer
) -> None:
    vacancy = VacancyFactory.create(employer=employer)
    client = logged_in(werkmakelaar)
    response = client.post(reverse("vacancies:propose", args=[vacancy.uuid]), {})
    assert response.status_code == 422
    assert "Kies een werkzoekende om voor te dragen." in response.content.decode()
    assert response.context["vacancy"] == vacancy


def test_htmx_answers_422_with_errors_and_base_swaps_it() -> None:
    """htmx leaves a 4xx answer unswapped unless told: base.html tells it for 422."""
    import json
    import re
    from pathlib import Path

    from django.conf import settings

    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    found = re.search(r"name=\"htmx-config\" content='([^']*)'", base)
    assert found is not None
    config = json.loads(found[1])
    handling = {rule["code"]: rule for rule in config["responseHandling"]}
    assert handling["422"]["swap"] is True
    codes = list(handling)
    assert codes.index("422") < codes.index("[45]..")


# --- the werkmakelaar's start page: computed by the view from the selectors ------------


def test_start_page_summary_is_six_queries_and_passed_by_the_view(
    werkmakelaar, employer, django_assert_num_queries
) -> None:
    from employers.selectors import werkmakelaar_summary

    EmployerContactFactory.create(
        employer=employer,
        werkmakelaar=werkmakelaar,
        follow_up_date=timezone.localdate(),
    )
    VacancyFactory.create(employer=employer)
    # What the request's user already knows (roles, municipalities, partner).
    werkmakelaar.role_names, werkmakelaar.municipality_ids, werkmakelaar.partner  # noqa: B018
    with django_assert_num_queries(6):
        summary = werkmakelaar_summary(werkmakelaar, timezone.localdate())
    assert (summary["follow_ups_due"], summary["open_vacancies"]) == (1, 1)

    response = logged_in(werkmakelaar).get(reverse("home"))
    assert response.context["follow_ups_due"] == 1
    assert response.context["open_vacancies"] == 1
