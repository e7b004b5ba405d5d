"""Every field of every entry form reaches the database.

A browser fills each field of a form as a user would, sends it, and the test
reads the stored object back. The field list is the page's own: a field the
page shows but the test gives no value fails the test, as does a value for a
field the page no longer shows, a name that appears twice in one form (the
browser sends both; the server keeps one) or a value that was not stored. So a
form cannot drop a field unnoticed.

Text fields get the values below; choices (select, radio, checkbox) take an
option other than the current one, and the test checks the stored value is
that option.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import pytest
from playwright.sync_api import Page

from django.db import models
from django.utils import timezone

from tests.e2e.conftest import log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Sent by the page itself, not typed by the user.
NOT_TYPED = {"csrfmiddlewaretoken", "version", "toch_aanmelden"}

CONTROLS = """form => Array.from(form.elements)
  .filter(el => el.name && !['submit', 'button', 'reset'].includes(el.type))
  .map(el => ({name: el.name, tag: el.localName, type: el.type || '',
               hidden: el.type === 'hidden', value: el.value,
               checked: !!el.checked, multiple: !!el.multiple,
               options: el.options ? Array.from(el.options).map(o => o.value) : []}))"""


def fill(page: Page, form_selector: str, typed: dict[str, str]) -> dict[str, Any]:
    """Fill every control of the form; return what was chosen per field name."""
    form = page.locator(form_selector)
    controls = form.evaluate(CONTROLS)
    seen: dict[str, list[dict]] = {}
    for control in controls:
        seen.setdefault(control["name"], []).append(control)
    shown = {n for n, c in seen.items() if not c[0]["hidden"]} - NOT_TYPED
    for name, group in seen.items():
        kinds = {c["type"] for c in group}
        if len(group) > 1 and not kinds <= {"radio", "checkbox"}:
            pytest.fail(f"{form_selector}: field {name!r} appears {len(group)} times")
    choices = {
        n
        for n in shown
        if seen[n][0]["tag"] == "select" or seen[n][0]["type"] in ("radio", "checkbox")
    }
    missing = shown - choices - set(typed)
    assert not missing, f"{form_selector}: no test value for {sorted(missing)}"
    gone = set(typed) - shown
    assert not gone, f"{form_selector}: the form no longer shows {sorted(gone)}"
    chosen: dict[str, Any] = {}
    for name in sorted(shown):
        group = seen[name]
        first = group[0]
        if name in typed:
            form.locator(f'[name="{name}"]').fill(typed[name])
            chosen[name] = typed[name]
        elif first["tag"] == "select":
            # Another option than the current one; the only one if there is one.
            options = [o for o in first["options"] if o and o != first["value"]] or [
                o for o in first["options"] if o
            ]
            assert options, f"{form_selector}: {name!r} offers no option"
            value = options[-1]
            form.locator(f'select[name="{name}"]').select_option(value)
            chosen[name] = value
        elif first["type"] == "radio":
            values = [c["value"] for c in group if not c["checked"]]
            value = values[-1]
            form.locator(f'input[name="{name}"][value="{value}"]').check()
            chosen[name] = value
        elif len(group) == 1:  # a single checkbox: the other state
            box = form.locator(f'input[name="{name}"]')
            box.set_checked(not first["checked"])
            chosen[name] = not first["checked"]
        else:  # a checkbox list: every option
            for c in group:
                form.locator(f'input[name="{name}"][value="{c["value"]}"]').check()
            chosen[name] = {c["value"] for c in group}
    return chosen


def _keys(obj: Any) -> set[str]:
    """The ways a page names an object in an option's value."""
    if isinstance(obj, models.Model):
        return {
            str(getattr(obj, a))
            for a in ("pk", "uuid", "username", "code")
            if getattr(obj, a, None) is not None
        }
    return {str(obj)}


def _same(stored: Any, sent: Any) -> bool:
    if isinstance(sent, bool):
        return bool(stored) is sent
    if isinstance(sent, set):
        return all(any(s in _keys(o) for o in stored) for s in sent) and len(
            list(stored)
        ) == len(sent)
    if isinstance(stored, models.Model):
        return sent in _keys(stored)
    if isinstance(stored, date):
        return stored.isoformat() == sent or stored.strftime("%Y-%m-%dT%H:%M") == sent
    if isinstance(stored, Decimal | int | float) and not isinstance(stored, bool):
        try:
            return Decimal(str(stored)) == Decimal(sent)
        except InvalidOperation:
            return False
    return str(stored if stored is not None else "") == sent


def assert_stored(
    obj: Any,
    chosen: dict[str, Any],
    read: dict[str, Callable[[Any], Any]] | None = None,
) -> None:
    obj.refresh_from_db()
    wrong = []
    for name, sent in chosen.items():
        if read and name in read:
            stored = read[name](obj)
        else:
            stored = getattr(obj, name)
            if hasattr(stored, "all"):
                stored = list(stored.all())
        if not _same(stored, sent):
            wrong.append(f"{name}: sent {sent!r}, stored {stored!r}")
    assert not wrong, "\n".join(wrong)


def submit(page: Page, form_selector: str) -> None:
    # The contact log posts through htmx: wait for the POST's answer itself.
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator(form_selector).locator("button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    summary = page.locator(".error-summary")
    assert summary.count() == 0, f"{page.url}: {summary.first.inner_text()}"


def _languages(client: Any) -> str:
    return "\n".join(f"{i['language']} {i['level']}" for i in client.languages)


CLIENT_TEXT = {
    "bsn": "123456782",
    "first_name": "Fatima",
    "name_prefix": "de",
    "last_name": "Vries-Bakker",
    "date_of_birth": "1990-04-17",
    "street": "Zeestraat",
    "house_number": "12a",
    "postcode": "1971 AB",
    "city": "IJmuiden",
    "phone": "0612345678",
    "email": "fatima@example.nl",
    "benefit_start_date": "2026-10-01",
    "work_experience": "Tien jaar productiewerk",
    "wish_sectors": "techniek",
    "wish_occupations": "Operator",
    "wish_hours_per_week": "32",
    "languages": "Nederlands B1\nArabisch moedertaal",
    "barriers_note": "Kinderopvang op woensdag",
}


@pytest.fixture
def codes(velsen: Any, klantmanager_velsen: Any) -> None:
    """A second klantmanager, so the edit form has another one to choose."""
    from ijmondwerkt.accounts.roles import Role
    from tests.conftest import make_staff

    make_staff("klantmanager_velsen_2", Role.KLANTMANAGER, [velsen])


def test_client_register_and_edit_store_every_field(
    page: Page, live_server: Any, klantmanager_velsen: Any, velsen: Any, codes: None
) -> None:
    from clients.models import Client

    base = live_server.url
    log_in(page, base, klantmanager_velsen.username)
    page.goto(f"{base}/werkzoekenden/aanmelden")
    today = timezone.localdate()
    typed = {**CLIENT_TEXT, "registration_date": today.isoformat()}
    chosen = fill(page, "main form", typed)
    submit(page, "main form")
    client = Client.objects.get(bsn="123456782")
    assert_stored(client, chosen, read={"languages": _languages})

    page.goto(f"{base}/werkzoekenden/{client.uuid}/wijzigen")
    typed = {
        **CLIENT_TEXT,
        "first_name": "Fatma",
        "phone": "0687654321",
        "languages": "Nederlands B2\nEngels A2",
        "wish_hours_per_week": "24",
        "target_group_date": today.isoformat(),
        "target_group_reason": "Na intake bepaald",
    }
    chosen = fill(page, "main form", typed)
    submit(page, "main form")
    assert_stored(client, chosen, read={"languages": _languages})


def test_employer_forms_store_every_field(
    page: Page, live_server: Any, werkmakelaar: Any, all_municipalities: Any
) -> None:
    from employers.models import Employer, EmployerContact
    from ijmondwerkt.accounts.roles import Role
    from tests.conftest import make_staff

    make_staff("werkmakelaar_2", Role.WERKMAKELAAR, all_municipalities)
    base = live_server.url
    log_in(page, base, werkmakelaar.username)

    page.goto(f"{base}/werkgevers/nieuw/")
    today = timezone.localdate()
    chosen = fill(
        page,
        "main form",
        {
            "name": "Staalbouw IJmond B.V.",
            "kvk_number": "12345678",
            "establishment_number": "000012345678",
            "street_address": "Staalweg 1",
            "postal_code": "1951 AA",
            "city": "Velsen-Noord",
            "website": "https://staalbouw.example.nl",
            "social_return_places": "3",
            "social_return_start": today.isoformat(),
            "social_return_end": (today + timedelta(days=365)).isoformat(),
        },
    )
    submit(page, "main form")
    employer = Employer.objects.get(kvk_number="12345678")
    chosen["website"] = "https://staalbouw.example.nl"
    assert_stored(employer, chosen)

    # A contact person.
    page.goto(f"{base}{employer.get_absolute_url()}")
    page.goto(f"{base}/werkgevers/{employer.uuid}/contactpersonen/nieuw/")
    chosen = fill(
        page,
        "main form",
        {
            "name": "Joke Smit",
            "job_title": "HR-adviseur",
            "phone": "0251123456",
            "email": "joke@example.nl",
        },
    )
    if chosen.get("active") is False:  # a new contact person is active
        page.locator('main form input[name="active"]').check()
        chosen["active"] = True
    submit(page, "main form")
    person = employer.contact_persons.get()
    assert_stored(person, chosen)

    # The contact log on the employer page.
    page.goto(f"{base}{employer.get_absolute_url()}")
    form = f'form[action$="/werkgevers/{employer.uuid}/contact"]'
    chosen = fill(
        page,
        form,
        {
            "contact_date": today.isoformat(),
            "subject": "Kennismaking",
            "outcome": "Twee plekken voor operators",
            "follow_up_date": (today + timedelta(days=7)).isoformat(),
        },
    )
    submit(page, form)
    contact = EmployerContact.objects.get(employer=employer)
    assert_stored(contact, chosen)


def test_vacancy_form_stores_every_field(
    page: Page, live_server: Any, werkmakelaar: Any
) -> None:
    from employers.models import Vacancy
    from tests.employers.factories import EmployerFactory

    EmployerFactory.create(name="Eerste werkgever")
    EmployerFactory.create(name="Tweede werkgever")
    base = live_server.url
    log_in(page, base, werkmakelaar.username)
    page.goto(f"{base}/vacatures/nieuw/")
    today = timezone.localdate()
    chosen = fill(
        page,
        "main form",
        {
            "title": "Operator",
            "occupation": "Procesoperator",
            "description": "Ploegendienst in de staalindustrie",
            "hours_per_week": "36",
            "places": "2",
            "open_date": today.isoformat(),
            "close_date": (today + timedelta(days=30)).isoformat(),
        },
    )
    submit(page, "main form")
    vacancy = Vacancy.objects.get(title="Operator")
    assert_stored(vacancy, chosen)


def test_casework_forms_store_every_field(
    page: Page, live_server: Any, klantmanager_velsen: Any, velsen: Any
) -> None:
    from clients.models import Client, Contact, Goal, Handover, LadderMeasurement
    from tests.clients.factories import ClientFactory

    client = ClientFactory.create(
        municipality=velsen,
        klantmanager=klantmanager_velsen,
        status=Client.Status.ACTIVE,
    )
    base = live_server.url
    log_in(page, base, klantmanager_velsen.username)
    today = timezone.localdate()
    url = f"{base}/werkzoekenden/{client.uuid}"

    page.goto(f"{url}/doelen/nieuw")
    chosen = fill(
        page,
        "main form",
        {
            "description": "Werkfit in zes maanden",
            "due_date": (today + timedelta(days=180)).isoformat(),
        },
    )
    submit(page, "main form")
    assert_stored(Goal.objects.get(plan__client=client), chosen)

    page.goto(f"{url}/trede")
    chosen = fill(
        page,
        "main form",
        {"measured_on": today.isoformat(), "note": "Na drie gesprekken"},
    )
    submit(page, "main form")
    measurement = LadderMeasurement.objects.filter(client=client).latest("pk")
    assert_stored(measurement, chosen)

    page.goto(f"{url}/contact")
    chosen = fill(
        page,
        "main form",
        {
            "occurred_at": f"{(today - timedelta(days=1)).isoformat()}T10:30",
            "subject": "Voortgangsgesprek",
            "notes": "Afspraken over sollicitaties",
        },
    )
    chosen["no_show"] = False  # a no-show makes a task; the test keeps it plain
    page.locator('main form input[name="no_show"]').set_checked(False)
    submit(page, "main form")
    contact = Contact.objects.filter(client=client).latest("pk")
    assert_stored(
        contact,
        chosen,
        read={
            "occurred_at": lambda c: timezone.localtime(c.occurred_at).strftime(
                "%Y-%m-%dT%H:%M"
            )
        },
    )

    page.goto(f"{url}/overdracht")
    chosen = fill(
        page,
        "main form",
        {
            "organisation": "Zaffier",
            "contact_person": "P. Jansen",
            "started_on": today.isoformat(),
            "reason": "Specialistische begeleiding",
        },
    )
    submit(page, "main form")
    assert_stored(Handover.objects.get(client=client), chosen)


# The forms that move a file along its course. Each case: the page, the file in
# the state the form needs (made with the services, as a user would), the
# typed values, where the form stores, and how to read a field stored under
# another name or on another object.
def _with_intake(client: Any, user: Any) -> None:
    from tests.clients.factories import IntakeFactory

    IntakeFactory.create(client=client)


def _intake_planned(client: Any, user: Any) -> None:
    from clients import services

    _with_intake(client, user)
    services.intake_plan(client=client, user=user, planned_date=timezone.localdate())


def _outflowed(client: Any, user: Any) -> None:
    from clients import services
    from clients.models import OutflowReason

    services.client_outflow(
        client=client,
        user=user,
        date=timezone.localdate() - timedelta(days=10),
        reason=OutflowReason.objects.active()[0],
    )


def _handed_over(client: Any, user: Any) -> None:
    from clients import services

    services.handover_start(
        client=client,
        user=user,
        organisation="Zaffier",
        reason="Specialistische begeleiding",
        started_on=timezone.localdate() - timedelta(days=10),
    )


def _on(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("route", "registered", "setup", "typed", "stored", "read"),
    [
        pytest.param(
            "intake/plannen",
            True,
            _with_intake,
            lambda: {"planned_date": _on(7)},
            lambda c: c.intakes.get(),
            {},
            id="intake_plan",
        ),
        pytest.param(
            "intake",
            True,
            _intake_planned,
            lambda: {
                "held_date": _on(0),
                "target_group_reason": "Kan met begeleiding werken",
                "possibilities": "Productiewerk, ploegendienst",
                "barriers_summary": "Kinderopvang op woensdag",
                "preferred_sector": "Techniek",
                "earning_capacity": "Volledig",
                "agreements": "Twee sollicitaties per week",
                "lead_organisation": "IJmond Werkt!",
                "review_date": _on(90),
            },
            lambda c: c.intakes.get(),
            {
                "target_group_reason": lambda i: i.client.target_group_reason,
                "ladder_step": lambda i: i.client.ladder_measurements.get().step,
            },
            id="intake_record",
        ),
        pytest.param(
            "uitstroom",
            False,
            None,
            lambda: {"date": _on(0), "note": "Vast contract bij Tata Steel"},
            lambda c: c.outflows.get(),
            {},
            id="outflow",
        ),
        pytest.param(
            "heraanmelden",
            False,
            _outflowed,
            lambda: {"registration_date": _on(0), "benefit_start_date": _on(0)},
            lambda c: c,
            {},
            id="reregister",
        ),
        pytest.param(
            "overdracht/terug",
            False,
            _handed_over,
            lambda: {"returned_on": _on(0), "note": "Zorgtraject afgerond"},
            lambda c: c.handovers.get(),
            {"note": lambda h: h.return_note},
            id="handover_return",
        ),
    ],
)
def test_file_course_forms_store_every_field(
    page: Page,
    live_server: Any,
    klantmanager_velsen: Any,
    velsen: Any,
    route: str,
    registered: bool,
    setup: Callable[[Any, Any], None] | None,
    typed: Callable[[], dict[str, str]],
    stored: Callable[[Any], Any],
    read: dict[str, Callable[[Any], Any]],
) -> None:
    from tests.clients.factories import ClientFactory

    client = ClientFactory.create(
        municipality=velsen, klantmanager=klantmanager_velsen, registered=registered
    )
    if setup is not None:
        setup(client, klantmanager_velsen)
    base = live_server.url
    log_in(page, base, klantmanager_velsen.username)
    page.goto(f"{base}/werkzoekenden/{client.uuid}/{route}")
    chosen = fill(page, "main form", typed())
    submit(page, "main form")
    assert_stored(stored(client), chosen, read=read)
