"""Journeys of issue 11 in a real browser, with axe and the structure check on
every page they visit:

- a werkmakelaar moves a proposal to "aangenomen" and registers the placement
  in the same step; the klantmanager records a wage-value assessment of 60 %
  and the placement page shows that month's wage-cost subsidy line by line;
- a klantmanager trying to deploy a participation-budget instrument for a
  target-group-4 client is refused in Dutch, live while choosing and again
  on saving, and nothing is stored.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from django.utils import timezone

from tests.e2e.test_accessibility import log_in, violations

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _month_name(day: Any) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _visit(page: Page, url: str, problems: list[str]) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    problems += violations(page)


@pytest.fixture
def hiring(klantmanager_velsen: Any, werkmakelaar: Any, velsen: Any) -> dict:
    """A group-3 client in Velsen at the interview for a 36-hour vacancy,
    with a running re-integration trajectory."""
    from clients.models import Client
    from employers.models import Proposal
    from tests.clients.factories import ClientFactory
    from tests.employers.factories import (
        EmployerFactory,
        ProposalFactory,
        VacancyFactory,
    )
    from tests.trajectories.factories import TrajectoryFactory

    today = timezone.localdate()
    client = ClientFactory.create(
        first_name="Sanne",
        last_name="Mulder",
        municipality=velsen,
        klantmanager=klantmanager_velsen,
        status=Client.Status.ACTIVE,
        group_3=True,
    )
    employer = EmployerFactory.create(name="Groenbedrijf Kennemerland B.V.")
    vacancy = VacancyFactory.create(
        employer=employer,
        title="Medewerker groenonderhoud",
        hours_per_week=Decimal("36"),
        open_date=today - timedelta(days=30),
        close_date=None,
    )
    proposal = ProposalFactory.create(
        vacancy=vacancy,
        client=client,
        proposed_by=werkmakelaar,
        status=Proposal.Status.INTERVIEW,
        proposed_on=today - timedelta(days=20),
        invited_on=today - timedelta(days=15),
        interview_on=today - timedelta(days=5),
    )
    trajectory = TrajectoryFactory.create(
        client=client,
        klantmanager=klantmanager_velsen,
        start_date=today - timedelta(days=90),
        planned_end_date=today + timedelta(days=180),
        goals="Duurzaam werk in het groen, met jobcoaching.",
    )
    return {
        "client": client,
        "vacancy": vacancy,
        "proposal": proposal,
        "trajectory": trajectory,
    }


def test_hired_proposal_placement_assessment_and_subsidy(
    page: Page,
    browser: Browser,
    live_server: Any,
    klantmanager_velsen: Any,
    werkmakelaar: Any,
    hiring: dict,
) -> None:
    from employers.models import Proposal
    from trajectories.models import Placement, SubsidyParameter, WageValueAssessment

    base = live_server.url
    today = timezone.localdate()
    # A whole month of work, starting on the first of next month.
    month = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    parameters = SubsidyParameter.objects.valid_on(month)
    assert parameters is not None and parameters.wml_per_hour == Decimal("14.71")
    vacancy = hiring["vacancy"]
    problems: list[str] = []

    # The werkmakelaar: "aangenomen", with the placement in the same step.
    log_in(page, base, werkmakelaar.username)
    page.goto(f"{base}{vacancy.get_absolute_url()}")
    board = page.locator("#sectie-voordrachten")
    board.locator("summary").first.click()
    board.get_by_role("link", name="Aangenomen: met plaatsing vastleggen").click()
    expect(
        page.get_by_role("heading", name="Sanne Mulder is aangenomen")
    ).to_be_visible()
    problems += violations(page)
    expect(page.get_by_label("Nu ook de plaatsing registreren")).to_be_checked()
    # Prefilled from the vacancy.
    expect(page.get_by_label("Functie")).to_have_value("Medewerker groenonderhoud")
    expect(page.get_by_label("Uren per week")).to_have_value("36,0")
    page.get_by_label("Soort plaatsing").select_option(label="Regulier dienstverband")
    page.get_by_label("Startdatum").fill(month.isoformat())
    page.get_by_label("Uurloon").fill("15,25")
    page.get_by_label("Met loonkostensubsidie").check()
    page.get_by_role("button", name="Vastleggen").click()
    expect(
        page.get_by_role("status").filter(has_text="De plaatsing is geregistreerd.")
    ).to_be_visible()
    expect(
        page.get_by_role(
            "heading", name="Medewerker groenonderhoud bij Groenbedrijf Kennemerland"
        )
    ).to_be_visible()
    problems += violations(page)  # the placement page as the werkmakelaar sees it
    proposal = Proposal.objects.get(pk=hiring["proposal"].pk)
    assert proposal.status == Proposal.Status.HIRED
    placement = Placement.objects.get(proposal=proposal)
    assert placement.wage_cost_subsidy
    assert placement.start_date == month
    assert placement.hours_per_week == Decimal("36")
    assert placement.follow_ups.count() == 4

    # The klantmanager: the trajectory list and page, the catalogue, then the
    # placement's wage-value assessment.
    context = browser.new_context()
    km = context.new_page()
    log_in(km, base, klantmanager_velsen.username)
    _visit(km, f"{base}/trajecten/", problems)
    row = km.get_by_role("row").filter(has_text="Mulder, Sanne")
    row.get_by_role("link", name="Re-integratie").click()
    expect(km.get_by_role("heading", level=1)).to_be_visible()
    assert km.url.rstrip("/").endswith(str(hiring["trajectory"].uuid))
    problems += violations(km)
    _visit(km, f"{base}/voorzieningen/", problems)
    expect(km.get_by_role("main")).to_contain_text("Functiegerichte scholing")

    _visit(km, f"{base}/plaatsingen/", problems)
    _visit(km, f"{base}{placement.get_absolute_url()}", problems)
    subsidy = km.locator("#sectie-subsidie")
    expect(subsidy).to_contain_text("Geen loonkostensubsidie")
    km.get_by_role("link", name="Loonwaardebepaling vastleggen").click()
    expect(
        km.get_by_role("heading", name="Loonwaardebepaling vastleggen")
    ).to_be_visible()
    problems += violations(km)
    km.get_by_label("Methode").select_option(
        label="Loonwaardebepaling op de werkplek (gevalideerde methode)"
    )
    km.get_by_label("Deskundige").fill("R. Bouzid, arbeidsdeskundige")
    km.get_by_label("Loonwaarde").fill("60")
    km.get_by_role("button", name="Opslaan").click()
    expect(
        km.get_by_role("status").filter(has_text="De loonwaardebepaling is vastgelegd.")
    ).to_be_visible()
    assessment = WageValueAssessment.objects.get(placement=placement)
    assert assessment.wage_value == 60
    assert assessment.assessed_on == today

    # The month chosen: the calculation swaps in, line by line, with the amount.
    km.get_by_label("Maand", exact=True).select_option(f"{month:%Y-%m}")
    caption = f"Berekening voor {_month_name(month)} – Sanne Mulder"
    table = subsidy.get_by_role("table", name=caption)
    expect(table).to_be_visible()
    for label, formula, amount in [
        ("WML per maand", "14,71 × 36 uur × 52 / 12", "€ 2.294,76"),
        ("Grondslag met vakantiegeld", "(1 + 8", "€ 2.478,34"),
        ("Verschil met loonwaarde", "(100 − 60) / 100", "€ 991,34"),
        ("Maximum", "grondslag × 70", "€ 1.734,84"),
        ("Verschil, begrensd", "laagste van verschil en maximum", "€ 991,34"),
        ("Loonkostensubsidie per maand", "(1 + 23", "€ 1.219,34"),
        ("Bedrag (afgerond op centen)", "half naar boven", "€ 1.219,34"),
    ]:
        row = table.get_by_role("row").filter(
            has=km.get_by_role("rowheader", name=label, exact=True)
        )
        expect(row).to_contain_text(formula)
        expect(row).to_contain_text(amount)
    expect(subsidy).to_contain_text("loonwaarde 60%")
    expect(km.locator("#subsidie-melding")).to_contain_text("€ 1.219,34")
    problems += violations(km)
    context.close()
    assert not problems, "\n".join(problems)


def test_group_4_client_is_refused_a_participation_budget_instrument(
    page: Page, live_server: Any, klantmanager_velsen: Any, velsen: Any
) -> None:
    from clients.models import Client
    from tests.clients.factories import ClientFactory
    from trajectories.models import Deployment

    client = ClientFactory.create(
        first_name="Kees",
        last_name="Brouwer",
        municipality=velsen,
        klantmanager=klantmanager_velsen,
        status=Client.Status.ACTIVE,
        group_4=True,
    )
    today = timezone.localdate()
    base = live_server.url
    refusal = (
        "Taalcursus wordt betaald uit het participatiebudget; dat is niet "
        "toegestaan voor een werkzoekende in doelgroep 4."
    )
    problems: list[str] = []

    log_in(page, base, klantmanager_velsen.username)
    page.goto(f"{base}{client.get_absolute_url()}")
    page.get_by_role("link", name="Inzet toevoegen").first.click()
    expect(page.get_by_role("heading", name="Inzet toevoegen")).to_be_visible()
    problems += violations(page)

    # Live: the reason appears as soon as the instrument is chosen.
    feedback = page.locator("#geschiktheid")
    page.get_by_label("Voorziening").select_option(value="taalcursus")
    expect(feedback).to_contain_text(refusal)
    expect(feedback).to_contain_text("Denk aan zorg, dagbesteding")
    problems += violations(page)
    # An instrument this client may get: the answer changes with the choice.
    page.get_by_label("Voorziening").select_option(value="sociale-activering")
    expect(feedback).to_contain_text("kan voor deze werkzoekende worden ingezet")
    page.get_by_label("Voorziening").select_option(value="taalcursus")
    expect(feedback).to_contain_text(refusal)

    # On saving: refused with the same reason, and nothing stored.
    page.get_by_label("Startdatum").fill(today.isoformat())
    page.get_by_label("Einddatum").fill((today + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text(refusal)
    expect(page.get_by_label("Voorziening")).to_have_attribute("aria-invalid", "true")
    problems += violations(page)
    assert not Deployment.objects.filter(client=client).exists()
    assert not problems, "\n".join(problems)
