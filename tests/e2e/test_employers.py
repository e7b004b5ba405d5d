"""A werkmakelaar logs an employer contact with a follow-up in the quick form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from django.utils import timezone

from tests.e2e.conftest import log_in
from tests.employers.factories import (
    ContactPersonFactory,
    EmployerFactory,
    contact_kind,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_werkmakelaar_logs_contact_and_sees_follow_up(
    page: Page, live_server: object, werkmakelaar: object
) -> None:
    employer = EmployerFactory.create(name="Staalbouw IJmond B.V.")
    ContactPersonFactory.create(employer=employer, name="Anna Koster")
    contact_kind("bedrijfsbezoek")
    follow_up = timezone.localdate() + timedelta(days=7)

    log_in(page, live_server.url, "werkmakelaar_regio")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Mijn werkgevers")).to_be_visible()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Werkgevers"
    ).click()
    page.get_by_label("Zoeken", exact=True).fill("staalbouw")
    page.get_by_label("Zoeken", exact=True).press("Enter")
    page.get_by_role("link", name="Staalbouw IJmond B.V.").click()
    expect(
        page.get_by_role("heading", name="Staalbouw IJmond B.V.", level=1)
    ).to_be_visible()

    form = page.locator("#contactlog form")
    form.get_by_label("Soort contact").select_option(label="Bedrijfsbezoek")
    form.get_by_label("Contactpersoon").select_option(label="Anna Koster (HR-adviseur)")
    form.get_by_label("Onderwerp").fill("Rondleiding en personeelsbehoefte")
    form.get_by_label("Uitkomst").fill("Twee orderpickers nodig in het voorjaar.")
    form.get_by_label("Vervolgafspraak op").fill(follow_up.isoformat())
    form.get_by_role("button", name="Contact vastleggen").click()

    expect(
        page.get_by_role("status").filter(has_text="Het contact is vastgelegd.")
    ).to_be_visible()
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Rondleiding en personeelsbehoefte")
    expect(timeline).to_contain_text("Anna Koster")
    # The form is fresh again for the next contact.
    expect(form.get_by_label("Onderwerp")).to_have_value("")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn vervolgafspraken"
    ).click()
    expect(page.get_by_role("heading", name="Mijn vervolgafspraken")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Rondleiding en personeelsbehoefte")
    expect(row).to_contain_text("Staalbouw IJmond B.V.")


def test_werkmakelaar_proposes_a_ranked_candidate_and_invites(
    page: Page, live_server: object, werkmakelaar: object, velsen: object
) -> None:
    from decimal import Decimal

    from clients.models import Client
    from tests.clients.factories import ClientFactory
    from tests.employers.factories import VacancyFactory, cluster

    vacancy = VacancyFactory.create(
        title="Lasser",
        occupation="Lasser",
        sector_cluster=cluster("techniek-industrie"),
        hours_per_week=Decimal("32"),
        close_date=None,
    )
    ClientFactory.create(
        first_name="Ideaal",
        wish_sectors="techniek",
        wish_occupations="lasser",
        wish_hours_per_week=32,
        status=Client.Status.ACTIVE,
    )
    ClientFactory.create(first_name="Anders", wish_sectors="zorg")

    log_in(page, live_server.url, "werkmakelaar_regio")  # type: ignore[attr-defined]
    page.goto(f"{live_server.url}{vacancy.get_absolute_url()}")  # type: ignore[attr-defined]

    candidates = page.locator("#sectie-kandidaten .matching-list__item")
    expect(candidates.first).to_contain_text("Ideaal")
    expect(candidates.first).to_contain_text("score 70")
    expect(candidates.first).to_contain_text("Gewenste sector past")
    candidates.first.get_by_role("button", name="Voordragen").click()
    expect(page.get_by_role("status").first).to_contain_text("is voorgedragen")

    board = page.locator("#sectie-voordrachten")
    board.get_by_role("button", name="Uitgenodigd").click()
    expect(page.get_by_role("status").first).to_contain_text("staat nu op Uitgenodigd")
    expect(page.locator("#kolom-uitgenodigd").locator("..")).to_contain_text("Ideaal")

    # Hiring is final, so it takes a second, explicit step; the only place is
    # then taken and the vacancy closes as vervuld.
    board = page.locator("#sectie-voordrachten")
    board.locator("summary").first.click()
    board.get_by_role("button", name="Bevestig: aangenomen").click()
    expect(page.get_by_role("status").first).to_contain_text("staat nu op Aangenomen")
    expect(page.locator("#kolom-aangenomen").locator("..")).to_contain_text("Ideaal")
    expect(page.locator(".page-heading")).to_contain_text("Vervuld")


def test_the_pipeline_works_from_the_keyboard(
    page: Page, live_server: object, werkmakelaar: object, velsen: object
) -> None:
    from clients.models import Client
    from employers.models import Proposal
    from tests.clients.factories import ClientFactory
    from tests.employers.factories import ProposalFactory, VacancyFactory

    vacancy = VacancyFactory.create(title="Orderpicker", close_date=None)
    client = ClientFactory.create(first_name="Toets", status=Client.Status.ACTIVE)
    proposal = ProposalFactory.create(
        vacancy=vacancy, client=client, proposed_by=werkmakelaar
    )

    log_in(page, live_server.url, "werkmakelaar_regio")  # type: ignore[attr-defined]
    page.goto(f"{live_server.url}{vacancy.get_absolute_url()}")  # type: ignore[attr-defined]

    board = page.locator("#sectie-voordrachten")
    board.locator("summary").first.focus()
    page.keyboard.press("Enter")  # opens "Afronden…"
    reason = board.get_by_label("Reden afwijzing")
    expect(reason).to_be_visible()
    reason.focus()
    reason.select_option("niet-verschenen")
    page.keyboard.press("Tab")  # to "Bevestig: afgewezen"
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip().startswith("Bevestig: afgewezen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("staat nu op Afgewezen")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REJECTED
    assert proposal.rejection_reason == "niet-verschenen"
