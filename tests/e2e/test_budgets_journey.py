"""The manager's budgets journey of issue 12 in a real browser, with axe,
HTML_CodeSniffer and the structure check on every budgets page it visits:

start page → "Budgetten" → the overview → the drill-down of a stream → the
budget's page → realisation → import a CSV file with one bad row → the report
names the row and the column, and nothing is stored → the corrected file is
read → the drill-down's figures include it. On the way: the entry pages
(a budget amendment, realisation by hand, a form sent back with errors, the
imports and the average monthly benefit).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from django.urls import reverse
from django.utils import timezone

from tests.e2e.test_accessibility import log_in, violations

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _dutch(amount: Decimal) -> str:
    whole, cents = f"{amount:.2f}".split(".")
    return f"€ {int(whole):,}".replace(",", ".") + f",{cents}"


@pytest.fixture
def velsen_budget(velsen: Any) -> dict[str, Any]:
    """A manager of Velsen and this year's participation budget of € 100.000."""
    from budgets import services
    from ijmondwerkt.accounts.roles import Role
    from tests.conftest import make_staff

    manager = make_staff("manager_velsen", Role.MANAGER, [velsen])
    budget = services.budget_create(
        user=manager,
        municipality=velsen,
        year=timezone.localdate().year,
        funding_stream="participatiebudget",
        amount=Decimal("100000.00"),
        note="Begroting",
    )
    return {"manager": manager, "budget": budget}


def _csv(day: str, second_amount: str) -> bytes:
    return (
        "gemeente;stroom;datum;bedrag;boekingskenmerk;omschrijving\n"
        f"0453;participatiebudget;{day};1.234,56;E2E-1;Scholing lassen\n"
        f"0453;participatiebudget;{day};{second_amount};E2E-2;Jobcoaching\n"
    ).encode()


def _upload(page: Page, name: str, content: bytes) -> None:
    page.get_by_label("CSV-bestand").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Inlezen").click()


def test_manager_reads_the_budgets_and_imports_realisation(
    page: Page, live_server: Any, velsen_budget: dict[str, Any]
) -> None:
    from budgets.models import Realisation, RealisationImport

    base = live_server.url
    today = timezone.localdate()
    manager = velsen_budget["manager"]
    problems: list[str] = []

    log_in(page, base, manager.username)
    problems += violations(page)  # the manager's start page

    # The overview, then the drill-down of the participation budget.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Budgetten"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Budgetten")
    problems += violations(page)
    page.get_by_role("link", name="Participatiebudget").first.click()
    stream_url = reverse(
        "budgets:stream", args=["0453", today.year, "participatiebudget"]
    )
    assert page.url == f"{base}{stream_url}"
    expect(page.get_by_role("main")).to_contain_text("€ 100.000,00")
    problems += violations(page)

    # The budget's own page and its amendment form.
    page.get_by_role("link", name="Budget, verdeling en wijzigingen bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Participatiebudget")
    problems += violations(page)
    page.get_by_role("link", name="Budget wijzigen").click()
    problems += violations(page)
    page.get_by_label("Bedrag", exact=True).fill("-5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Een bedrag is niet negatief.")
    problems += violations(page)  # a form sent back with errors
    page.get_by_label("Bedrag", exact=True).fill("110.000,00")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("opgeslagen")
    history = page.get_by_role("table", name="Vaststelling en wijzigingen")
    expect(history).to_contain_text("€ 100.000,00")
    expect(history).to_contain_text("€ 110.000,00")
    problems += violations(page)

    # Realisation: the list, then the import with one bad row.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Realisatie"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Realisatie")
    problems += violations(page)
    page.get_by_role("link", name="CSV-bestand inlezen").click()
    expect(page.get_by_role("heading", name="Realisatie inlezen")).to_be_visible()
    problems += violations(page)
    day = f"{today:%d-%m-%Y}"
    _upload(page, "export-fout.csv", _csv(day, "-50,00"))
    expect(page.get_by_role("alert")).to_contain_text(
        "Afgewezen: er is niets opgeslagen"
    )
    errors = page.get_by_role("table", name="Afgewezen regels")
    row = errors.get_by_role("row").filter(has_text="bedrag")
    expect(row.get_by_role("rowheader")).to_have_text("3")
    expect(row).to_contain_text("Het bedrag is negatief")
    problems += violations(page)
    assert not Realisation.objects.exists()

    # The corrected file.
    page.get_by_role("link", name="Een bestand inlezen").click()
    _upload(page, "export.csv", _csv(day, "50,00"))
    expect(
        page.get_by_role("status").filter(has_text="zijn opgeslagen")
    ).to_contain_text("2 boekingen zijn opgeslagen, samen € 1.284,56.")
    problems += violations(page)
    assert Realisation.objects.count() == 2
    assert RealisationImport.objects.filter(status="verwerkt").count() == 1

    page.get_by_role("link", name="← Imports").click()
    expect(page.get_by_role("table")).to_contain_text("export-fout.csv")
    problems += violations(page)

    # The drill-down now counts the realisation.
    page.goto(f"{base}{stream_url}")
    expect(page.get_by_role("main")).to_contain_text(_dutch(Decimal("1284.56")))
    problems += violations(page)

    # The other entry pages.
    for name in [
        "budgets:realisation_create",
        "budgets:benefit_parameters",
        "budgets:benefit_parameter_create",
        "budgets:budget_create",
    ]:
        response = page.goto(f"{base}{reverse(name)}")
        assert response is not None and response.status == 200, name
        problems += violations(page)
    assert not problems, "\n".join(problems)
