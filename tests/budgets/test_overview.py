"""Forecast and exhaustion, the month rows, the drill-down and the benefit savings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.models import BenefitParameter, Realisation
from budgets.selectors import (
    StreamFigures,
    benefit_savings,
    budget_months,
    budget_overview,
    commitment_sources,
    cutoff_month,
)
from clients.models import Outflow, OutflowReason
from ijmondwerkt.accounts.models import Municipality, User
from tests.budgets.conftest import budget, client_in, deployment, subsidy_placement
from trajectories.models import CostUnit, FundingStream

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)
P = FundingStream.PARTICIPATION


def realise(
    municipality: Municipality, user: User, month: int, amount: str, **kw: Any
) -> None:
    Realisation.objects.create(
        municipality=municipality,
        funding_stream=kw.pop("stream", P),
        year=kw.pop("year", 2026),
        month=month,
        amount=Decimal(amount),
        source=Realisation.Source.MANUAL,
        created_by=user,
        **kw,
    )


def row(
    rows: list[StreamFigures], municipality: Municipality, stream: str
) -> StreamFigures:
    return next(
        r
        for r in rows
        if r.municipality_id == municipality.pk and r.funding_stream == stream
    )


class TestForecast:
    def test_forecast_is_realisation_to_date_plus_the_rest_of_the_commitments(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        budget(velsen, "10000.00")
        # 500 a month all year: 6,000 committed, 1,000 of it from November on.
        deployment(
            velsen,
            date(2026, 1, 1),
            date(2026, 12, 31),
            rate="500.00",
            units="12",
            cost_unit=CostUnit.PER_MONTH,
        )
        realise(velsen, manager_velsen, 3, "4000.00")
        realise(velsen, manager_velsen, 10, "4000.00")
        realise(velsen, manager_velsen, 11, "250.00")  # booked this month already

        figures = row(
            budget_overview(manager_velsen, year=2026, today=TODAY), velsen, P
        )

        assert figures.budget == Decimal("10000.00")
        assert figures.committed == Decimal("6000.00")
        assert figures.realised == Decimal("8250.00")
        # January–October are closed: 8,000 realised + November–December 1,000.
        assert figures.forecast == Decimal("9000.00")
        assert figures.exhaustion == Decimal("0.9")
        assert figures.exhaustion_pct == Decimal("90.0")
        assert figures.level == "waarschuwing"

    def test_over_the_budget_is_an_alarm(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        budget(velsen, "1000.00")
        realise(velsen, manager_velsen, 2, "1000.01")
        figures = row(
            budget_overview(manager_velsen, year=2026, today=TODAY), velsen, P
        )
        assert figures.level == "alarm"
        assert figures.exhaustion_pct == Decimal("100.0")

    def test_without_a_budget_there_is_no_exhaustion(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        realise(velsen, manager_velsen, 2, "10.00")
        figures = row(
            budget_overview(manager_velsen, year=2026, today=TODAY), velsen, P
        )
        assert figures.budget is None
        assert figures.exhaustion is None
        assert figures.level == ""
        assert figures.has_figures

    def test_a_past_year_is_its_realisation_and_a_future_year_its_commitment(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        deployment(
            velsen,
            date(2025, 12, 1),
            date(2027, 1, 31),
            rate="100.00",
            units="14",
            cost_unit=CostUnit.PER_MONTH,
        )
        realise(velsen, manager_velsen, 12, "90.00", year=2025)
        past = row(budget_overview(manager_velsen, year=2025, today=TODAY), velsen, P)
        future = row(budget_overview(manager_velsen, year=2027, today=TODAY), velsen, P)
        assert (past.committed, past.forecast) == (Decimal("100.00"), Decimal("90.00"))
        assert (future.committed, future.forecast) == (
            Decimal("100.00"),
            Decimal("100.00"),
        )
        assert [cutoff_month(y, TODAY) for y in (2025, 2026, 2027)] == [13, 11, 1]

    def test_every_stream_of_every_served_municipality(
        self,
        velsen: Municipality,
        beverwijk: Municipality,
        heemskerk: Municipality,
        manager: User,
    ) -> None:
        rows = budget_overview(manager, year=2026, today=TODAY)
        assert len(rows) == 3 * len(FundingStream.values)
        narrowed = budget_overview(
            manager, year=2026, municipalities=[velsen], today=TODAY
        )
        assert {r.municipality_id for r in narrowed} == {velsen.pk}


class TestScope:
    def test_caseworkers_see_no_budget_figures(
        self, velsen: Municipality, klantmanager_velsen: User, werkmakelaar: User
    ) -> None:
        budget(velsen, "1000.00")
        for user in (klantmanager_velsen, werkmakelaar):
            assert budget_overview(user, year=2026, today=TODAY) == []
            assert budget_months(user, municipality=velsen, year=2026) == []
            assert benefit_savings(user, year=2026, today=TODAY) == {}

    def test_a_manager_of_another_municipality_gets_nothing(
        self, velsen: Municipality, manager_beverwijk: User
    ) -> None:
        budget(velsen, "1000.00")
        deployment(velsen, date(2026, 1, 1), date(2026, 3, 31))
        rows = budget_overview(
            manager_beverwijk, year=2026, municipalities=[velsen], today=TODAY
        )
        assert rows == []
        assert budget_months(manager_beverwijk, municipality=velsen, year=2026) == []
        assert (
            commitment_sources(
                manager_beverwijk, municipality=velsen, year=2026, funding_stream=P
            )
            == []
        )


class TestMonthsAndSources:
    def test_month_rows_and_the_drill_down(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        first = deployment(velsen, date(2026, 10, 15), date(2027, 1, 14))
        second = deployment(
            velsen, date(2026, 10, 1), date(2026, 10, 31), rate="200.00"
        )
        subsidy_placement(velsen, date(2026, 10, 15), date(2027, 4, 14))
        realise(velsen, manager_velsen, 10, "50.00")

        months = budget_months(manager_velsen, municipality=velsen, year=2026)
        assert len(months) == 12
        assert months[9].committed == Decimal("184.78") + Decimal("200.00") + Decimal(
            "668.67"
        )
        assert months[9].realised == Decimal("50.00")
        only_p = budget_months(
            manager_velsen, municipality=velsen, year=2026, funding_stream=P
        )
        assert only_p[9].committed == Decimal("384.78")

        sources = commitment_sources(
            manager_velsen, municipality=velsen, year=2026, funding_stream=P
        )
        assert {(s.kind, s.label, s.sources, s.amount) for s in sources} == {
            ("inzet", first.instrument.name, 1, Decimal("847.83")),
            ("inzet", second.instrument.name, 1, Decimal("200.00")),
        }
        lks = commitment_sources(
            manager_velsen,
            municipality=velsen,
            year=2026,
            funding_stream=FundingStream.BENEFITS,
        )
        assert [(s.kind, s.sources, s.amount) for s in lks] == [
            ("loonkostensubsidie", 1, Decimal("3107.35"))
        ]


class TestQueryCounts:
    def test_the_overview_costs_the_same_whatever_the_data(
        self,
        velsen: Municipality,
        beverwijk: Municipality,
        heemskerk: Municipality,
        manager: User,
    ) -> None:
        def cost() -> int:
            for cached in ("municipality_ids", "role_names", "partner"):
                manager.__dict__.pop(cached, None)  # a fresh request's principal
            with CaptureQueriesContext(connection) as queries:
                budget_overview(manager, year=2026, today=TODAY)
                budget_months(manager, municipality=velsen, year=2026)
                commitment_sources(
                    manager, municipality=velsen, year=2026, funding_stream=P
                )
                benefit_savings(manager, year=2026, today=TODAY)
            return len(queries)

        empty = cost()
        for municipality in (velsen, beverwijk, heemskerk):
            budget(municipality, "5000.00")
            for _ in range(5):
                deployment(municipality, date(2026, 1, 1), date(2026, 12, 31))
                subsidy_placement(municipality, date(2026, 3, 1))
                realise(municipality, manager, 4, "10.00")
        assert cost() == empty
        assert empty <= 16


class TestBenefitSavings:
    def test_outflows_times_benefit_times_months_off_benefit(
        self, velsen: Municipality, manager_velsen: User, klantmanager_velsen: User
    ) -> None:
        BenefitParameter.objects.create(
            municipality=velsen, year=2026, average_monthly_benefit=Decimal("1500.00")
        )
        to_work = OutflowReason.objects.get(code="werk-loondienst")
        self_employed = OutflowReason.objects.get(code="werk-zelfstandige")
        other, _ = OutflowReason.objects.get_or_create(
            code="verhuizing", defaults={"label": "Verhuizing"}
        )
        for day, reason in [
            (date(2026, 3, 10), to_work),
            (date(2026, 3, 20), self_employed),
            (date(2026, 5, 2), to_work),
            (date(2026, 5, 3), other),  # not to work: saves nothing here
            (date(2025, 12, 1), to_work),  # another year
        ]:
            Outflow.objects.create(
                client=client_in(velsen),
                date=day,
                reason=reason,
                recorded_by=klantmanager_velsen,
            )
        deployment(velsen, date(2026, 4, 1), date(2026, 4, 30), rate="800.00")

        savings = benefit_savings(manager_velsen, year=2026, today=date(2026, 6, 15))

        months = savings[velsen.pk]
        assert [m.month for m in months] == [1, 2, 3, 4, 5, 6]
        assert [m.outflows for m in months] == [0, 0, 2, 0, 1, 0]
        assert [m.off_benefit for m in months] == [0, 0, 0, 2, 2, 3]
        assert [m.saving for m in months] == [
            Decimal("0.00"),
            Decimal("0.00"),
            Decimal("0.00"),
            Decimal("3000.00"),
            Decimal("3000.00"),
            Decimal("4500.00"),
        ]
        assert months[-1].saving_to_date == Decimal("10500.00")
        assert months[3].cost_committed == Decimal("800.00")

    def test_without_a_benefit_parameter_no_saving_is_estimated(
        self, velsen: Municipality, manager_velsen: User
    ) -> None:
        months = benefit_savings(manager_velsen, year=2026, today=TODAY)[velsen.pk]
        assert len(months) == 11
        assert all(m.average_benefit is None and m.saving == 0 for m in months)
