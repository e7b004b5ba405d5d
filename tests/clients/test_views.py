"""Pages: who gets in, what they see, and what bad input does."""

from __future__ import annotations

from datetime import timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients.models import Client, ClientAccess, Contact, Goal, Status
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.inbox.models import Task
from tests.clients.conftest import VALID_BSN
from tests.clients.factories import (
    ClientFactory,
    ContactFactory,
    GoalFactory,
    IntakeFactory,
    LadderMeasurementFactory,
)
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db

FILE_PAGES = [
    "clients:detail",
    "clients:edit",
    "clients:intake_plan",
    "clients:intake_record",
    "clients:goal_add",
    "clients:ladder_measure",
    "clients:contact_record",
    "clients:outflow",
    "clients:reregister",
    "clients:handover_start",
]
LIST_PAGES = [
    "clients:list",
    "clients:dashboard",
    "clients:register",
    "clients:reassign",
]


# --- who gets in ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona",
    ["werkmakelaar", "manager", "beheerder", "privacy_officer", "user_without_role"],
)
@pytest.mark.parametrize("page", LIST_PAGES + FILE_PAGES)
def test_other_roles_are_refused(
    request: pytest.FixtureRequest, persona: str, page: str, velsen_client: Client
) -> None:
    user = request.getfixturevalue(persona)
    args = [velsen_client.uuid] if page in FILE_PAGES else []
    response = logged_in(user).get(reverse(page, args=args))
    assert response.status_code == 403
    assert not ClientAccess.objects.exists()


@pytest.mark.parametrize("page", FILE_PAGES)
def test_klantmanager_of_another_municipality_gets_404(
    klantmanager_velsen: User, beverwijk_client: Client, page: str
) -> None:
    response = logged_in(klantmanager_velsen).get(
        reverse(page, args=[beverwijk_client.uuid])
    )
    assert response.status_code == 404


def test_foreign_file_cannot_be_changed_by_post(
    klantmanager_velsen: User, beverwijk_client: Client
) -> None:
    url = reverse("clients:contact_record", args=[beverwijk_client.uuid])
    response = logged_in(klantmanager_velsen).post(
        url, {"occurred_at": "2024-01-01T10:00", "channel": "1", "subject": "x"}
    )
    assert response.status_code == 404
    assert not Contact.objects.exists()


def test_anonymous_visitor_is_sent_to_login(velsen_client: Client) -> None:
    from django.test import Client as Browser

    response = Browser().get(velsen_client.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_list_shows_only_own_municipalities(
    klantmanager_velsen: User, velsen_client: Client, beverwijk_client: Client
) -> None:
    content = (
        logged_in(klantmanager_velsen).get(reverse("clients:list")).content.decode()
    )
    assert "Velser" in content
    assert "Beverwijker" not in content


# --- list ----------------------------------------------------------------------------------


def test_list_masks_the_bsn(klantmanager_velsen: User, velsen_client: Client) -> None:
    content = (
        logged_in(klantmanager_velsen).get(reverse("clients:list")).content.decode()
    )
    assert velsen_client.bsn_masked in content
    assert velsen_client.bsn not in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"zoek": "velser"}, {"Velser"}),
        ({"zoek": "1971"}, {"Velser"}),
        ({"zoek": "1972 X"}, {"Anders"}),
        ({"status": "uitgestroomd"}, {"Anders"}),
        ({"doelgroep": "3"}, {"Anders"}),
        ({"trede": "5"}, {"Anders"}),
        ({"uitkering": "ww"}, {"Anders"}),
        ({"gemeente": "0453"}, {"Velser", "Anders"}),
        ({"klantmanager": "klantmanager_velsen"}, {"Velser"}),
    ],
)
def test_list_filters(
    klantmanager_velsen: User,
    velsen_client: Client,
    query: dict[str, str],
    expected: set[str],
) -> None:
    from clients.models import BenefitKind

    other = ClientFactory.create(
        last_name="Anders",
        postcode="1972 XA",
        outflowed=True,
        group_3=True,
        benefit_kind=BenefitKind.objects.get(code="ww"),
    )
    LadderMeasurementFactory.create(
        client=other, step=5, measured_by=klantmanager_velsen
    )
    response = logged_in(klantmanager_velsen).get(reverse("clients:list"), query)
    shown = {c.last_name for c in response.context["page"].object_list}
    assert shown == expected


def test_bsn_in_the_address_bar_is_not_searched(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    response = logged_in(klantmanager_velsen).get(
        reverse("clients:list"), {"zoek": velsen_client.bsn}
    )
    # Refused before the view (ijmondwerkt.bsn_guard): no redirect that would
    # carry it on, a page that points to the BSN search form instead.
    assert response.status_code == 400
    assert "Zoeken op BSN" in response.content.decode()
    assert velsen_client.bsn not in response.content.decode()


def test_exact_bsn_search_opens_the_file(
    klantmanager_velsen: User, velsen_client: Client, beverwijk_client: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    response = browser.post(reverse("clients:bsn_search"), {"bsn": velsen_client.bsn})
    assert response["Location"] == velsen_client.get_absolute_url()
    response = browser.post(
        reverse("clients:bsn_search"), {"bsn": beverwijk_client.bsn}
    )
    assert response.status_code == 422
    assert "Geen dossier met dit BSN" in response.content.decode()
    response = browser.post(
        reverse("clients:bsn_search"), {"bsn": velsen_client.bsn[:8]}
    )
    assert response.status_code == 422


def test_list_paginates_with_a_fixed_number_of_queries(
    klantmanager_velsen: User,
) -> None:
    browser = logged_in(klantmanager_velsen)
    ClientFactory.create_batch(3, klantmanager=klantmanager_velsen)
    with CaptureQueriesContext(connection) as few:
        browser.get(reverse("clients:list"))
    for client in ClientFactory.create_batch(60, klantmanager=klantmanager_velsen):
        LadderMeasurementFactory.create(client=client)
    with CaptureQueriesContext(connection) as many:
        response = browser.get(reverse("clients:list"), {"pagina": "2"})
    assert len(many) == len(few)
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 25
    assert "Pagina 2 van 3" in response.content.decode()


# --- dashboard -------------------------------------------------------------------------------


def test_dashboard_counts(
    klantmanager_velsen: User, klantmanager_beverwijk: User
) -> None:
    km = klantmanager_velsen
    IntakeFactory.create(client__klantmanager=km, deadline=timezone.localdate())
    IntakeFactory.create(
        client__klantmanager=km, deadline=timezone.localdate() - timedelta(days=1)
    )
    IntakeFactory.create(
        client__klantmanager=klantmanager_beverwijk,
        deadline=timezone.localdate() - timedelta(days=1),
    )
    GoalFactory.create(
        plan__client__klantmanager=km, due_date=timezone.localdate() - timedelta(days=1)
    )
    ContactFactory.create(
        client__klantmanager=km,
        client__registration_date=timezone.localdate() - timedelta(days=200),
        occurred_at=timezone.now() - timedelta(days=100),
    )
    Task.objects.create(
        assignee=km, kind="x", title="Bellen", due_date=timezone.localdate()
    )
    response = logged_in(km).get(reverse("clients:dashboard"))
    summary = response.context["summary"]
    assert summary == {
        "clients": 4,
        "intake_due": 1,
        "intake_overdue": 1,
        "no_contact": 1,
        "goals_due": 0,
        "goals_overdue": 1,
        "tasks_open": 1,
        "tasks_today": 1,
    }
    assert "Bellen" in response.content.decode()


def test_home_page_shows_the_caseload_summary(klantmanager_velsen: User) -> None:
    IntakeFactory.create(
        client__klantmanager=klantmanager_velsen,
        deadline=timezone.localdate() - timedelta(days=1),
    )
    content = logged_in(klantmanager_velsen).get(reverse("home")).content.decode()
    assert "Mijn werkvoorraad" in content
    assert "intakes te laat" in content


def test_dashboard_signal_links_filter_the_list(klantmanager_velsen: User) -> None:
    late = IntakeFactory.create(
        client__klantmanager=klantmanager_velsen,
        deadline=timezone.localdate() - timedelta(days=1),
    )
    IntakeFactory.create(
        client__klantmanager=klantmanager_velsen,
        deadline=timezone.localdate() + timedelta(days=20),
    )
    response = logged_in(klantmanager_velsen).get(
        reverse("clients:list"),
        {"signaal": "intake-te-laat", "klantmanager": "klantmanager_velsen"},
    )
    assert list(response.context["page"].object_list) == [late.client]


# --- register ---------------------------------------------------------------------------------


def _register_data(velsen: Municipality, **overrides: str) -> dict[str, str]:
    data = {
        "bsn": VALID_BSN,
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "date_of_birth": "1980-05-17",
        "postcode": "1971ab",
        "municipality": str(velsen.pk),
        "registration_date": timezone.localdate().isoformat(),
        "klantmanager": "",
        "languages": "Nederlands B1\nArabisch moedertaal",
    }
    data.update(overrides)
    return data


def test_register_page_creates_the_file(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    response = logged_in(klantmanager_velsen).post(
        reverse("clients:register"), _register_data(velsen)
    )
    client = Client.objects.get()
    assert response["Location"] == client.get_absolute_url()
    assert client.languages == [
        {"language": "Nederlands", "level": "B1"},
        {"language": "Arabisch", "level": "moedertaal"},
    ]
    assert VALID_BSN not in response["Location"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"bsn": "123456789"}, "elfproef"),
        ({"date_of_birth": "2999-01-01"}, "De geboortedatum ligt in de toekomst."),
        ({"postcode": "99"}, "Vul een geldige Nederlandse postcode in"),
        ({"languages": "Nederlands goed"}, "niveau"),
    ],
)
def test_register_page_shows_dutch_errors_and_stores_nothing(
    klantmanager_velsen: User,
    velsen: Municipality,
    overrides: dict[str, str],
    message: str,
) -> None:
    response = logged_in(klantmanager_velsen).post(
        reverse("clients:register"), _register_data(velsen, **overrides)
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert message in content
    assert "Controleer het formulier" in content
    assert 'aria-invalid="true"' in content
    assert not Client.objects.exists()


def test_register_warns_about_a_possible_duplicate(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    # Only files the user may see count (docs/security.md; tests/clients/
    # test_existence.py covers the other municipality).
    ClientFactory.create(
        first_name="Fatima",
        last_name="El Amrani",
        municipality=velsen,
        date_of_birth=timezone.localdate().replace(year=1980, month=5, day=17),
    )
    browser = logged_in(klantmanager_velsen)
    check = browser.post(
        reverse("clients:duplicate_check"),
        _register_data(velsen),
        HTTP_HX_REQUEST="true",
    )
    assert "Mogelijk dubbel" in check.content.decode()

    response = browser.post(reverse("clients:register"), _register_data(velsen))
    assert response.status_code == 200
    assert "toch aanmelden" in response.content.decode()
    assert Client.objects.count() == 1

    response = browser.post(
        reverse("clients:register"), _register_data(velsen, toch_aanmelden="1")
    )
    assert response.status_code == 302
    assert Client.objects.count() == 2


# --- the file ----------------------------------------------------------------------------------


def test_file_view_is_logged_with_purpose(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    response = logged_in(klantmanager_velsen).get(velsen_client.get_absolute_url())
    assert response.status_code == 200
    access = ClientAccess.objects.get()
    assert (access.client, access.user, access.channel) == (
        velsen_client,
        klantmanager_velsen,
        "web",
    )
    assert "eigen werkvoorraad" in access.purpose


def test_contact_appears_on_the_timeline(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    from clients.models import ContactChannel

    browser = logged_in(klantmanager_velsen)
    channel = ContactChannel.objects.get(code="telefoon")
    response = browser.post(
        reverse("clients:contact_record", args=[velsen_client.uuid]),
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "channel": channel.pk,
            "subject": "Sollicitatie besproken",
            "notes": "Gaat goed",
        },
    )
    assert response.status_code == 302
    content = browser.get(velsen_client.get_absolute_url()).content.decode()
    assert "Contact (Telefoon): Sollicitatie besproken" in content


def test_edit_with_stale_version_shows_message_and_keeps_data(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    browser = logged_in(klantmanager_velsen)
    form = browser.get(reverse("clients:edit", args=[velsen_client.uuid])).context[
        "form"
    ]
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k != "barrier_categories"
    }
    data.update(
        {"klantmanager": klantmanager_velsen.pk, "city": "Santpoort", "version": "1"}
    )
    Client.objects.filter(pk=velsen_client.pk).update(version=2)
    response = browser.post(reverse("clients:edit", args=[velsen_client.uuid]), data)
    assert response.status_code == 422
    assert "Deze werkzoekende is intussen gewijzigd" in response.content.decode()
    velsen_client.refresh_from_db()
    assert velsen_client.city == "IJmuiden"

    data["version"] = "2"
    response = browser.post(reverse("clients:edit", args=[velsen_client.uuid]), data)
    assert response.status_code == 302
    velsen_client.refresh_from_db()
    assert (velsen_client.city, velsen_client.version) == ("Santpoort", 3)
    latest = AuditEvent.objects.filter(client=velsen_client, action="updated").first()
    assert latest is not None
    assert latest.changes["city"] == [
        "IJmuiden",
        "Santpoort",
    ]


def test_outflow_page_refuses_date_before_registration(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    from clients.models import OutflowReason

    response = logged_in(klantmanager_velsen).post(
        reverse("clients:outflow", args=[velsen_client.uuid]),
        {
            "date": (velsen_client.registration_date - timedelta(days=1)).isoformat(),
            "reason": OutflowReason.objects.get(code="onbekend").pk,
        },
    )
    assert response.status_code == 422
    assert (
        "De datum uitstroom ligt vóór de datum aanmelding" in response.content.decode()
    )
    velsen_client.refresh_from_db()
    assert velsen_client.status == Status.ACTIVE


def test_ladder_page_refuses_step_7(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    response = logged_in(klantmanager_velsen).post(
        reverse("clients:ladder_measure", args=[velsen_client.uuid]),
        {"measured_on": timezone.localdate().isoformat(), "step": "7"},
    )
    assert response.status_code == 422
    assert (
        "De trede op de participatieladder is 1 tot en met 6."
        in response.content.decode()
    )


def test_goal_above_ceiling_shows_a_warning(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(group_4=True, klantmanager=klantmanager_velsen)
    browser = logged_in(klantmanager_velsen)
    response = browser.post(
        reverse("clients:goal_add", args=[client.uuid]),
        {
            "description": "Betaald werk",
            "owner": "werkzoekende",
            "due_date": (timezone.localdate() + timedelta(days=60)).isoformat(),
            "target_ladder_step": "6",
        },
        follow=True,
    )
    assert "boven het plafond van doelgroep 4" in response.content.decode()
    assert Goal.objects.get().target_ladder_step == 6


def test_goal_can_be_marked_achieved_with_htmx(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    goal = GoalFactory.create(plan__client=velsen_client)
    response = logged_in(klantmanager_velsen).post(
        reverse("clients:goal_status", args=[velsen_client.uuid, goal.uuid]),
        {"status": "behaald"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Heropenen" in response.content.decode()
    goal.refresh_from_db()
    assert goal.status == Goal.Status.ACHIEVED


def test_intake_flow_through_pages(klantmanager_velsen: User) -> None:
    intake = IntakeFactory.create(client__klantmanager=klantmanager_velsen)
    browser = logged_in(klantmanager_velsen)
    uuid = intake.client.uuid
    assert (
        browser.post(
            reverse("clients:intake_plan", args=[uuid]),
            {"planned_date": timezone.localdate().isoformat()},
        ).status_code
        == 302
    )
    response = browser.post(
        reverse("clients:intake_record", args=[uuid]),
        {
            "held_date": timezone.localdate().isoformat(),
            "target_group": "2",
            "ladder_step": "3",
            "route": "traject",
        },
    )
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.held_date == timezone.localdate()
    assert (
        Client.objects.with_current_ladder_step()
        .get(pk=intake.client.pk)
        .current_ladder_step
        == 3
    )


def test_bulk_reassignment_page(
    klantmanager_velsen: User, velsen: Municipality
) -> None:
    from ijmondwerkt.accounts.roles import Role
    from tests.conftest import make_staff

    leaving = make_staff("vertrekker", Role.KLANTMANAGER, [velsen])
    clients = ClientFactory.create_batch(2, klantmanager=leaving)
    browser = logged_in(klantmanager_velsen)
    page = browser.get(reverse("clients:reassign"), {"van": "vertrekker"})
    assert clients[0].full_name in page.content.decode()
    response = browser.post(
        reverse("clients:reassign") + "?van=vertrekker",
        {"clients": [str(c.uuid) for c in clients], "to": "klantmanager_velsen"},
    )
    assert response.status_code == 302
    assert set(Client.objects.values_list("klantmanager__username", flat=True)) == {
        "klantmanager_velsen"
    }


# --- the casework table: one view, every row ------------------------------------------


@pytest.mark.parametrize(
    "action",
    [
        "intake_plan",
        "intake_record",
        "goal_add",
        "ladder_measure",
        "contact_record",
        "outflow",
        "reregister",
        "handover_start",
    ],
)
def test_every_casework_page_shows_its_form_and_answers_422_when_empty(
    klantmanager_velsen: User, velsen_client: Client, action: str
) -> None:
    from clients.views.casework import CASEWORK

    client = logged_in(klantmanager_velsen)
    url = reverse(f"clients:{action}", args=[velsen_client.uuid])
    page = client.get(url)
    assert page.status_code == 200
    assert str(CASEWORK[action].title) in page.content.decode()
    refused = client.post(url, {})
    assert refused.status_code == 422
    assert refused.context["form"].errors
    velsen_client.refresh_from_db()
    assert velsen_client.version == 1  # nothing written


def test_handover_return_without_an_open_handover_is_404(
    klantmanager_velsen: User, velsen_client: Client
) -> None:
    url = reverse("clients:handover_return", args=[velsen_client.uuid])
    assert logged_in(klantmanager_velsen).get(url).status_code == 404
