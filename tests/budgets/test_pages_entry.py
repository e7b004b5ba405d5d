"""The budget entry pages: budgets and amendments, benefit parameters, the
menu. Who gets in, what they see, what a refused write says and leaves
behind, and what a page costs. Realisation and the import:
test_pages_realisation.py."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine

from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets import services
from budgets.models import BenefitParameter, Budget, Realisation
from ijmondwerkt.accounts.models import Municipality, User
from tests.budgets.conftest import budget
from tests.budgets.pages import GOOD_CSV, NOW, html, services_import
from tests.conftest import logged_in
from tests.test_forms_markup import problems
from trajectories.models import InstrumentCategory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def web(manager_velsen: User) -> HttpClient:
    """Velsen's manager, logged in."""
    return logged_in(manager_velsen)


# --- who gets in ------------------------------------------------------------------------


def test_managers_and_beheerders_enter_budgets_caseworkers_do_not(
    manager_velsen: User,
    beheerder_velsen: User,
    klantmanager_velsen: User,
    werkmakelaar: User,
) -> None:
    url = reverse("budgets:budget_create")
    assert logged_in(manager_velsen).get(url).status_code == 200
    assert logged_in(beheerder_velsen).get(url).status_code == 200
    assert logged_in(klantmanager_velsen).get(url).status_code == 403
    assert logged_in(werkmakelaar).get(url).status_code == 403
    assert HttpClient().get(url).status_code == 302


def test_another_municipalitys_rows_do_not_exist_for_a_manager(
    manager_velsen: User, manager_beverwijk: User, velsen: Municipality
) -> None:
    row = budget(velsen, "1000.00")
    manual = services.realisation_create(
        user=manager_velsen,
        municipality=velsen,
        funding_stream="buig",
        year=2026,
        month=10,
        amount=Decimal("10.00"),
    )
    entry = services_import(manager_velsen, GOOD_CSV.encode())
    parameter = services.benefit_parameter_create(
        user=manager_velsen,
        municipality=velsen,
        year=2026,
        average_monthly_benefit=Decimal("1300.00"),
    )
    other = logged_in(manager_beverwijk)
    for url in [
        reverse("budgets:budget_detail", args=[row.uuid]),
        reverse("budgets:budget_update", args=[row.uuid]),
        reverse("budgets:realisation_delete", args=[manual.uuid]),
        reverse("budgets:import_detail", args=[entry.uuid]),
        reverse("budgets:benefit_parameter_update", args=[parameter.uuid]),
    ]:
        assert other.get(url).status_code == 404, url
        assert other.post(url, {}).status_code == 404, url
    assert Realisation.objects.filter(pk=manual.pk).exists()
    listed = html(other.get(reverse("budgets:realisation_list")))
    assert "Geen realisatie gevonden" in listed
    assert "Nog geen bestanden ingelezen." in html(
        other.get(reverse("budgets:import_list"))
    )


# --- budgets ------------------------------------------------------------------------------


def test_a_budget_with_lines_is_entered_and_shown(web: HttpClient) -> None:
    categories = list(InstrumentCategory.objects.filter(active=True)[:2])
    page = html(web.get(reverse("budgets:budget_create")))
    assert not problems(page), problems(page)
    assert "Verdeling over categorieën voorzieningen" in page
    response = web.post(
        reverse("budgets:budget_create"),
        {
            "municipality": "0453",
            "year": "2026",
            "funding_stream": "participatiebudget",
            "amount": "1.250.000,00",
            "note": "Raadsbesluit 12 december",
            f"regel_{categories[0].code}": "400.000",
            f"regel_{categories[1].code}": "",
        },
    )
    stored = Budget.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:budget_detail", args=[stored.uuid])
    assert stored.amount == Decimal("1250000.00")
    assert [(line.category, line.amount) for line in stored.lines.all()] == [
        (categories[0], Decimal("400000.00"))
    ]
    detail = html(web.get(response["Location"]))
    assert not problems(detail), problems(detail)
    assert "€ 1.250.000,00" in detail
    assert "€ 400.000,00" in detail
    assert "Het budget is vastgelegd." in detail
    assert browser_user_name(stored) in detail


def browser_user_name(row: Budget) -> str:
    from ijmondwerkt.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="budget_created", object_id=str(row.pk))
    return event.actor_name


def test_an_unserved_municipality_cannot_be_chosen(
    web: HttpClient, beverwijk: Municipality
) -> None:
    page = html(web.get(reverse("budgets:budget_create")))
    assert 'value="0375"' not in page
    response = web.post(
        reverse("budgets:budget_create"),
        {
            "municipality": "0375",
            "year": "2026",
            "funding_stream": "buig",
            "amount": "100,00",
        },
    )
    assert response.status_code == 422
    assert "Selecteer een geldige keuze" in html(response)
    assert not Budget.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-100,00", "Een bedrag is niet negatief."),
        ("12.34", "Vul een bedrag in, bijvoorbeeld 1.234,56."),
        ("10,005", "hoogstens twee cijfers achter de komma"),
    ],
)
def test_a_wrong_amount_is_refused_on_its_field(
    web: HttpClient, amount: str, message: str
) -> None:
    response = web.post(
        reverse("budgets:budget_create"),
        {
            "municipality": "0453",
            "year": "2026",
            "funding_stream": "buig",
            "amount": amount,
        },
    )
    page = html(response)
    assert response.status_code == 422
    assert message in page
    assert "Er is niets opgeslagen." in page
    assert 'aria-invalid="true"' in page
    assert not problems(page), problems(page)
    assert not Budget.objects.exists()


@pytest.mark.parametrize("amount", ["NaN", "1e400", "∞", "9" * 40, "1,2,3", "€"])
def test_a_hostile_amount_is_refused_not_a_crash(web: HttpClient, amount: str) -> None:
    response = web.post(
        reverse("budgets:budget_create"),
        {
            "municipality": "0453",
            "year": "99999999999",
            "funding_stream": "buig",
            "amount": amount,
        },
    )
    assert response.status_code == 422
    assert not Budget.objects.exists()


def test_a_second_budget_for_the_same_stream_is_refused(
    web: HttpClient, velsen: Municipality
) -> None:
    budget(velsen, "1000.00", stream="buig")
    response = web.post(
        reverse("budgets:budget_create"),
        {
            "municipality": "0453",
            "year": "2026",
            "funding_stream": "buig",
            "amount": "2.000,00",
        },
    )
    assert response.status_code == 422
    assert "Er is al een budget voor deze gemeente" in html(response)
    assert Budget.objects.get().amount == Decimal("1000.00")


def test_lines_above_the_budget_are_refused(web: HttpClient) -> None:
    category = InstrumentCategory.objects.filter(active=True).first()
    assert category is not None
    response = web.post(
        reverse("budgets:budget_create"),
        {
            "municipality": "0453",
            "year": "2026",
            "funding_stream": "participatiebudget",
            "amount": "1.000,00",
            f"regel_{category.code}": "1.500,00",
        },
    )
    assert response.status_code == 422
    assert "De budgetregels zijn samen €\xa01.500,00" in html(response)
    assert not Budget.objects.exists()


def test_an_amendment_is_kept_in_the_history(
    web: HttpClient, manager_velsen: User, velsen: Municipality
) -> None:
    row = services.budget_create(
        user=manager_velsen,
        municipality=velsen,
        year=2026,
        funding_stream="buig",
        amount=Decimal("26571184.00"),
    )
    url = reverse("budgets:budget_update", args=[row.uuid])
    form = html(web.get(url))
    assert 'value="26.571.184,00"' in form
    assert not problems(form), problems(form)
    response = web.post(
        url,
        {"amount": "27.000.000,00", "note": "Septembercirculaire", "version": "1"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.amount, row.version) == (Decimal("27000000.00"), 2)
    detail = html(web.get(reverse("budgets:budget_detail", args=[row.uuid])))
    assert "De wijziging van het budget is opgeslagen." in detail
    history = detail.split('id="kop-geschiedenis"')[1]
    assert "€ 26.571.184,00" in history
    assert "€ 27.000.000,00" in history
    assert history.index("gewijzigd") < history.index("vastgesteld")  # newest first


def test_a_stale_amendment_is_refused_and_keeps_the_input(
    web: HttpClient,
    beheerder_velsen: User,
    manager_velsen: User,
    velsen: Municipality,
) -> None:
    row = services.budget_create(
        user=manager_velsen,
        municipality=velsen,
        year=2026,
        funding_stream="buig",
        amount=Decimal("1000.00"),
    )
    services.budget_update(
        user=beheerder_velsen, budget=row, expected_version=1, amount=Decimal("1100")
    )
    response = web.post(
        reverse("budgets:budget_update", args=[row.uuid]),
        {"amount": "1.500,00", "note": "", "version": "1"},
    )
    page = html(response)
    assert response.status_code == 422
    assert "Dit budget is intussen gewijzigd door" in page
    assert 'value="1.500,00"' in page
    row.refresh_from_db()
    assert row.amount == Decimal("1100.00")


def test_the_budget_page_costs_the_same_with_more_amendments(
    web: HttpClient, manager_velsen: User, velsen: Municipality
) -> None:
    row = services.budget_create(
        user=manager_velsen,
        municipality=velsen,
        year=2026,
        funding_stream="buig",
        amount=Decimal("1000.00"),
    )
    url = reverse("budgets:budget_detail", args=[row.uuid])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert web.get(url).status_code == 200
        return len(captured)

    web.get(url)  # warm the session and content-type caches
    few = queries()
    for version in range(1, 6):
        row = services.budget_update(
            user=manager_velsen,
            budget=row,
            expected_version=version,
            amount=Decimal(1000 + version),
        )
    assert queries() == few


# --- benefit parameters -------------------------------------------------------------------


def test_benefit_parameters_are_entered_and_amended(
    web: HttpClient, beheerder_velsen: User
) -> None:
    response = web.post(
        reverse("budgets:benefit_parameter_create"),
        {"municipality": "0453", "year": "2026", "average_monthly_benefit": "1.350"},
    )
    assert response.status_code == 302
    parameter = BenefitParameter.objects.get()
    assert parameter.average_monthly_benefit == Decimal("1350.00")
    listed = html(web.get(reverse("budgets:benefit_parameters")))
    assert not problems(listed), problems(listed)
    assert "€ 1.350,00" in listed
    url = reverse("budgets:benefit_parameter_update", args=[parameter.uuid])
    services.benefit_parameter_update(
        user=beheerder_velsen,
        parameter=parameter,
        expected_version=1,
        average_monthly_benefit=Decimal("1400.00"),
    )
    stale = web.post(url, {"average_monthly_benefit": "1.375,00", "version": "1"})
    assert stale.status_code == 422
    assert "Deze gemiddelde uitkering is intussen gewijzigd door" in html(stale)
    assert 'value="1.375,00"' in html(stale)
    fresh = web.post(url, {"average_monthly_benefit": "1.375,00", "version": "2"})
    assert fresh.status_code == 302
    parameter.refresh_from_db()
    assert parameter.average_monthly_benefit == Decimal("1375.00")


def test_a_second_benefit_parameter_for_the_year_is_refused(
    web: HttpClient, manager_velsen: User, velsen: Municipality
) -> None:
    services.benefit_parameter_create(
        user=manager_velsen,
        municipality=velsen,
        year=2026,
        average_monthly_benefit=Decimal("1300.00"),
    )
    response = web.post(
        reverse("budgets:benefit_parameter_create"),
        {"municipality": "0453", "year": "2026", "average_monthly_benefit": "-1"},
    )
    assert response.status_code == 422
    assert "Een bedrag is niet negatief." in html(response)
    assert BenefitParameter.objects.count() == 1


# --- navigation ---------------------------------------------------------------------------


def test_the_menu_offers_budgets_to_managers_and_beheer_only(
    web: HttpClient, beheerder_velsen: User, klantmanager_velsen: User
) -> None:
    overview = reverse("budgets:overview")
    realisation = reverse("budgets:realisation_list")
    listed = html(web.get(realisation))
    assert f'<a href="{realisation}" aria-current="page">Realisatie</a>' in listed
    assert f'<a href="{overview}">Budgetten</a>' in listed
    detail = html(web.get(reverse("budgets:benefit_parameters")))
    assert f'<a href="{overview}" aria-current="page">Budgetten</a>' in detail
    assert f'href="{overview}"' in html(logged_in(beheerder_velsen).get("/"))
    assert f'href="{overview}"' not in html(logged_in(klantmanager_velsen).get("/"))
