"""Form markup: every field once, help and error texts where the field points.

Server-side checks of the rendered pages; the browser tests (tests/e2e) fill
and store every field.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from django.urls import reverse

from clients.forms import ClientForm
from clients.services import CLIENT_FIELDS
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db

ID = re.compile(r'\sid="([^"]+)"')
DESCRIBED = re.compile(r'aria-describedby="([^"]+)"')
NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"[^>]*>')
TYPE = re.compile(r'\stype="(radio|checkbox)"')


def problems(html: str) -> list[str]:
    """Duplicate ids, references to ids that are not there, repeated fields."""
    found = []
    ids = Counter(ID.findall(html))
    found += [f"id {i!r} {n} times" for i, n in ids.items() if n > 1]
    for refs in DESCRIBED.findall(html):
        found += [
            f"aria-describedby -> {r!r} missing" for r in refs.split() if r not in ids
        ]
    for form in re.findall(r"<form\b.*?</form>", html, re.S):
        names: Counter[str] = Counter()
        for match in NAME.finditer(form):
            if not TYPE.search(match.group(0)):  # radios, checkbox lists share one
                names[match.group(1)] += 1
        found += [f"field {n!r} {c} times" for n, c in names.items() if c > 1]
    if html.count("<main") != 1:
        found.append(f"{html.count('<main')} <main> elements")
    return found


def test_the_register_and_edit_layouts_place_every_field_of_the_service() -> None:
    editing = ClientForm.field_names(registering=False)
    assert len(editing) == len(set(editing))
    assert set(editing) == CLIENT_FIELDS | {"barrier_categories"}
    registering = ClientForm.field_names(registering=True)
    assert {"municipality", "registration_date", "languages"} <= set(registering)


def test_client_pages_have_each_field_once(
    klantmanager_velsen: Any, velsen: Any
) -> None:
    from tests.clients.factories import ClientFactory

    velsen_client = ClientFactory.create(
        municipality=velsen, klantmanager=klantmanager_velsen
    )
    browser = logged_in(klantmanager_velsen)
    pages = [
        reverse("clients:register"),
        reverse("clients:edit", args=[velsen_client.uuid]),
        reverse("clients:list"),
        reverse("clients:list") + "?zoek=a",
        velsen_client.get_absolute_url(),
    ]
    for url in pages:
        html = browser.get(url).content.decode()
        assert not problems(html), (url, problems(html))
    html = browser.get(reverse("clients:register")).content.decode()
    assert html.count('name="languages"') == 1


def test_a_form_sent_back_with_errors_links_them(klantmanager_velsen: Any) -> None:
    browser = logged_in(klantmanager_velsen)
    response = browser.post(reverse("clients:register"), {"bsn": "123"})
    html = response.content.decode()
    assert response.status_code in (200, 422)
    assert not problems(html), problems(html)
    assert 'aria-describedby="id_bsn_error"' in html or "id_bsn_error" in html
    assert 'aria-invalid="true"' in html


def test_bsn_search_answers_in_dutch_without_the_browser(
    klantmanager_velsen: Any,
) -> None:
    browser = logged_in(klantmanager_velsen)
    list_page = browser.get(reverse("clients:list")).content.decode()
    (form_tag,) = re.findall(
        r"<form[^>]*" + re.escape(reverse("clients:bsn_search")) + r"[^>]*>", list_page
    )
    assert "novalidate" in form_tag
    html = browser.post(reverse("clients:bsn_search"), {"bsn": ""}).content.decode()
    assert "Vul een BSN in van 9 cijfers." in html


def test_employer_pages_have_each_field_once(werkmakelaar: Any) -> None:
    from tests.employers.factories import EmployerFactory, VacancyFactory

    employer = EmployerFactory.create(website="https://" + "lang" * 30 + ".example.nl")
    vacancy = VacancyFactory.create(employer=employer)
    browser = logged_in(werkmakelaar)
    for url in [
        reverse("employers:list"),
        reverse("employers:create"),
        employer.get_absolute_url(),
        reverse("vacancies:create"),
        vacancy.get_absolute_url(),
    ]:
        html = browser.get(url).content.decode()
        assert not problems(html), (url, problems(html))


def test_tab_titles_have_their_separator(klantmanager_velsen: Any) -> None:
    html = logged_in(klantmanager_velsen).get(reverse("clients:list")).content.decode()
    assert "<title>Werkzoekenden – IJmond Werkt</title>" in html


def test_one_menu_item_is_current(werkmakelaar: Any) -> None:
    html = logged_in(werkmakelaar).get(reverse("employers:follow_ups")).content.decode()
    assert html.count('aria-current="page"') == 1
    assert re.search(r'aria-current="page">Mijn vervolgafspraken', html)


def test_beheer_add_user_page_speaks_dutch(beheerder: Any) -> None:
    html = logged_in(beheerder).get(reverse("admin:accounts_user_add")).content.decode()
    assert "After you" not in html
    assert "Na het opslaan kunt u de overige gegevens" in html


def test_beheer_partner_page_explains_the_rate_in_dutch(beheerder: Any) -> None:
    html = (
        logged_in(beheerder)
        .get(reverse("admin:partners_partnersystem_add"))
        .content.decode()
    )
    assert "600/minute of 10000/hour" not in html
    assert "600 per minuut" in html
