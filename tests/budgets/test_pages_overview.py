"""The budget overview, the drill-down per stream, the savings view and the
manager's start page: figures, scope, personas and a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from babel.numbers import format_decimal

from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BenefitParameter, Budget, Realisation
from budgets.selectors import budget_overview, commitment_sources
from clients.models import Client, Outflow, OutflowReason
from ijmondwerkt.accounts.models import Municipality, User
from tests.budgets.conftest import budget, client_in, deployment, subsidy_placement
from tests.conftest import logged_in
from trajectories.models import CostUnit, FundingStream

pytestmark = pytest.mark.django_db

P = FundingStream.PARTICIPATION
NOW = "2026-11-20 12:00 +0100"
OVERVIEW = "/budgetten/"
SAVINGS = "/budgetten/besparingen/"


def stream_url(cbs: str = "0453", year: int = 2026, stream: str = P) -> str:
    return reverse("budgets:stream", args=[cbs, year, stream])


def euro(amount: Decimal) -> str:
    """As the pages write an amount: € 1.234,56."""
    return f"€ {format_decimal(amount, '#,##0.00', locale='nl_NL')}"


def realise(
    municipality: Municipality, user: User, month: int, amount: str, stream: str = P
) -> Realisation:
    return Realisation.objects.create(
        municipality=municipality,
        funding_stream=stream,
        year=2026,
        month=month,
        amount=Decimal(amount),
        source=Realisation.Source.MANUAL,
        created_by=user,
    )


def spend(municipality: Municipality, amount: str, stream: str = P) -> Any:
    """A deployment committing ``amount`` in November and December 2026."""
    return deployment(
        municipality,
        date(2026, 11, 1),
        date(2026, 12, 31),
        rate=str(Decimal(amount) / 2),
        units="2",
        cost_unit=CostUnit.PER_MONTH,
        stream=stream,
    )


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def velsen_figures(velsen: Municipality, manager_velsen: User) -> Any:
    """Participatiebudget 1,000 with 920 committed for Nov-Dec (92 %), and BUIG."""
    budget(velsen, "1000.00")
    spend(velsen, "920.00")
    realise(velsen, manager_velsen, 11, "150.00")  # the current month: not closed
    budget(velsen, "50000.00", stream=FundingStream.BENEFITS)
    subsidy_placement(velsen, date(2026, 10, 15))
    return velsen


def page(user: User, url: str) -> str:
    response = logged_in(user).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


class TestOverview:
    def test_figures_on_the_page_are_the_selectors(
        self, velsen_figures: Municipality, manager_velsen: User
    ) -> None:
        html = page(manager_velsen, OVERVIEW)
        assert "Budgetten 2026" in html
        rows = [
            r
            for r in budget_overview(
                manager_velsen, year=2026, today=date(2026, 11, 20)
            )
            if r.has_figures
        ]
        assert {r.funding_stream for r in rows} == {P, FundingStream.BENEFITS}
        for row in rows:
            assert stream_url(stream=row.funding_stream) in html
            for amount in (row.budget, row.committed, row.realised, row.forecast):
                assert amount is not None
                assert euro(amount) in html
        # Streams without budget and money: one line with their links.
        assert "Zonder budget en zonder bedragen:" in html
        assert stream_url(stream=FundingStream.WSW) in html

    def test_exhaustion_bar_percentage_and_level_in_words(
        self, velsen_figures: Municipality, manager_velsen: User
    ) -> None:
        html = page(manager_velsen, OVERVIEW)
        assert 'value="92.0"' in html  # the bar (a meter)
        assert "92,0&nbsp;%" in html
        assert "Waarschuwing: 90 % of meer" in html
        assert "Alarm: 100 % of meer" not in html

    def test_alarm_from_100_percent(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        budget(velsen, "800.00")
        spend(velsen, "920.00")
        html = page(manager_velsen, OVERVIEW)
        assert "115,0&nbsp;%" in html
        assert "Alarm: 100 % of meer" in html

    def test_month_chart_with_its_table(
        self, velsen_figures: Municipality, manager_velsen: User
    ) -> None:
        html = page(manager_velsen, OVERVIEW)
        assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
        assert 'role="img"' in html
        assert "Verplicht en gerealiseerd per maand: alle financieringsstromen" in html
        assert (
            '<th scope="row">november</th><td>€ 1.679,34</td><td>€ 150,00</td>' in html
        )

    def test_no_personal_data(
        self, velsen_figures: Municipality, manager_velsen: User
    ) -> None:
        clients = list(Client.objects.filter(municipality=velsen_figures))
        assert clients
        html = page(manager_velsen, OVERVIEW) + page(manager_velsen, stream_url())
        for client in clients:
            assert client.last_name not in html
            assert client.bsn not in html

    def test_the_year_follows_amsterdam(self, manager_velsen: User) -> None:
        # 23:30 UTC on 31 December is already 1 January in Amsterdam.
        with time_machine.travel("2026-12-31 23:30 +0000", tick=False):
            html = page(manager_velsen, OVERVIEW)
        assert "Budgetten 2027" in html

    def test_year_and_municipality_filter(
        self,
        velsen_figures: Municipality,
        beverwijk: Municipality,
        manager: User,
    ) -> None:
        budget(beverwijk, "777.00", year=2025)
        html = page(manager, f"{OVERVIEW}?jaar=2025&gemeente=0375")
        assert "Budgetten 2025: Beverwijk" in html
        assert euro(Decimal("777.00")) in html
        assert 'id="budget-0453"' not in html
        whole_region = page(manager, OVERVIEW)
        for cbs in ("0375", "0396", "0453"):
            assert f'id="budget-{cbs}"' in whole_region

    @pytest.mark.parametrize(
        "query", ["?gemeente=0453", "?gemeente=9999", "?jaar=twintig", "?jaar=1999"]
    )
    def test_foreign_unknown_or_wrong_is_404(
        self, manager_beverwijk: User, velsen: Municipality, query: str
    ) -> None:
        assert logged_in(manager_beverwijk).get(OVERVIEW + query).status_code == 404


class TestPersonas:
    @pytest.mark.parametrize("url", [OVERVIEW, SAVINGS, "stream"])
    def test_managers_and_beheerders_only(
        self,
        url: str,
        manager_velsen: User,
        beheerder_velsen: User,
        klantmanager_velsen: User,
        werkmakelaar: User,
        privacy_officer: User,
        user_without_role: User,
    ) -> None:
        url = stream_url() if url == "stream" else url
        assert logged_in(manager_velsen).get(url).status_code == 200
        assert logged_in(beheerder_velsen).get(url).status_code == 200
        for user in (
            klantmanager_velsen,
            werkmakelaar,
            privacy_officer,
            user_without_role,
        ):
            assert logged_in(user).get(url).status_code == 403, user.username
        response = HttpClient().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


class TestStream:
    def test_figures_budget_sources_and_months(
        self, velsen_figures: Municipality, manager_velsen: User
    ) -> None:
        html = page(manager_velsen, stream_url())
        row = next(
            r
            for r in budget_overview(
                manager_velsen, year=2026, today=date(2026, 11, 20)
            )
            if r.funding_stream == P
        )
        assert "Participatiebudget 2026: Velsen" in html
        for amount in (row.budget, row.committed, row.realised, row.forecast):
            assert amount is not None
            assert euro(amount) in html
        assert "Waarschuwing: 90 % of meer" in html
        sources = commitment_sources(
            manager_velsen, municipality=velsen_figures, year=2026, funding_stream=P
        )
        assert len(sources) == 1
        assert sources[0].label in html
        assert "1 inzet" in html
        assert euro(sources[0].amount) in html
        assert '<th scope="row">november</th><td>€ 460,00</td>' in html
        assert "Budget per maand (een twaalfde)" in html
        budget_row = Budget.objects.get(
            municipality=velsen_figures, year=2026, funding_stream=P
        )
        assert reverse("budgets:budget_detail", args=[budget_row.uuid]) in html

    def test_the_wage_cost_subsidy_line(
        self, velsen_figures: Municipality, manager_velsen: User
    ) -> None:
        html = page(manager_velsen, stream_url(stream=FundingStream.BENEFITS))
        assert "Loonkostensubsidie" in html
        assert "1 plaatsing" in html
        assert euro(Decimal("3107.35")) in html  # Oct (17/31) to Dec 2026

    def test_a_stream_without_anything(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        html = page(manager_velsen, stream_url(stream=FundingStream.WSW))
        assert "Geen budget vastgelegd" in html
        create = reverse("budgets:budget_create")
        assert f"{create}?gemeente=0453&amp;jaar=2026&amp;stroom=wsw" in html
        assert "Geen verplichtingen in 2026." in html
        assert "geen budget" in html

    @pytest.mark.parametrize(
        "url",
        [
            stream_url(),  # Velsen's, for Beverwijk's manager
            stream_url(cbs="9999"),
            stream_url(stream="onbekend"),
            stream_url(year=1999),
        ],
    )
    def test_foreign_or_unknown_is_404(
        self, url: str, velsen: Municipality, manager_beverwijk: User
    ) -> None:
        assert logged_in(manager_beverwijk).get(url).status_code == 404


class TestSavings:
    def outflow(self, municipality: Municipality, day: date, user: User) -> None:
        Outflow.objects.create(
            client=client_in(municipality),
            date=day,
            reason=OutflowReason.objects.get(code="werk-loondienst"),
            recorded_by=user,
        )

    def test_saving_per_month_with_chart(
        self,
        velsen: Municipality,
        manager_velsen: User,
        klantmanager_velsen: User,
    ) -> None:
        BenefitParameter.objects.create(
            municipality=velsen, year=2026, average_monthly_benefit=Decimal("1500.00")
        )
        self.outflow(velsen, date(2026, 9, 10), klantmanager_velsen)
        self.outflow(velsen, date(2026, 9, 20), klantmanager_velsen)
        html = page(manager_velsen, SAVINGS)
        assert "Besparing op uitkeringen 2026" in html
        # October and November each save 2 × 1,500: 6,000 so far.
        assert (
            '<th scope="row">oktober</th>\n      <td>0</td>\n      <td>2</td>'
        ) in html
        assert euro(Decimal("3000.00")) in html
        assert "<dt>Geschatte besparing tot nu</dt><dd>€ 6.000,00</dd>" in html
        assert 'role="img"' in html
        assert "geen gemiddelde uitkering vastgelegd" not in html

    def test_without_benefit_parameter_a_note(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        html = page(manager_velsen, SAVINGS)
        assert "Voor Velsen is voor 2026 geen gemiddelde uitkering vastgelegd" in html
        assert 'role="img"' not in html

    def test_foreign_municipality_is_404(
        self, velsen: Municipality, manager_beverwijk: User
    ) -> None:
        response = logged_in(manager_beverwijk).get(SAVINGS + "?gemeente=0453")
        assert response.status_code == 404


class TestHome:
    def test_the_manager_sees_the_budgets_of_their_municipalities(
        self, velsen_figures: Municipality, manager_velsen: User
    ) -> None:
        html = page(manager_velsen, reverse("home"))
        assert "Managementinformatie: budgetten 2026" in html
        assert 'id="budget-0453"' in html
        assert "Waarschuwing: 90 % of meer" in html
        assert stream_url() in html
        assert reverse("budgets:overview") in html
        assert reverse("budgets:savings") in html
        assert 'role="img"' in html

    def test_a_klantmanager_sees_no_budgets(
        self, velsen_figures: Municipality, klantmanager_velsen: User
    ) -> None:
        html = page(klantmanager_velsen, reverse("home"))
        assert "budget-0453" not in html
        assert reverse("budgets:overview") not in html


class TestQueries:
    def more_data(self, municipality: Municipality, user: User) -> None:
        for month in range(1, 11):
            spend(municipality, "100.00", stream=FundingStream.OTHER)
            realise(municipality, user, month, "10.00", stream=FundingStream.OTHER)
            deployment(municipality, date(2026, month, 1), date(2026, 12, 31))
        subsidy_placement(municipality, date(2026, 2, 1))
        budget(municipality, "100.00", stream=FundingStream.OTHER)

    @pytest.mark.parametrize(
        "url",
        [OVERVIEW, f"{OVERVIEW}?gemeente=0453", "stream", SAVINGS, "/"],
    )
    def test_fixed_whatever_the_data(
        self, url: str, velsen_figures: Municipality, manager_velsen: User
    ) -> None:
        url = stream_url() if url == "stream" else url
        client = logged_in(manager_velsen)
        client.get(url)  # warm the session and caches

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            return len(queries)

        small = count()
        self.more_data(velsen_figures, manager_velsen)
        assert count() == small
