"""Commitments: spread over the months a deployment or subsidy placement runs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.commitments import (
    commitments_rebuild,
    commitments_refresh,
    commitments_refresh_for_deployment,
    commitments_refresh_for_placement,
    placement_last_day,
)
from budgets.models import Commitment
from ijmondwerkt.accounts.models import Municipality
from tests.budgets.conftest import deployment, subsidy_placement
from tests.trajectories.factories import placement_end_reason, placement_kind
from trajectories.models import CostUnit, DeploymentStatus, FundingStream

pytestmark = pytest.mark.django_db


def months(**source: object) -> dict[tuple[int, int], Decimal]:
    return {
        (c.year, c.month): c.amount
        for c in Commitment.objects.filter(**source).order_by("year", "month")
    }


def per_year(**source: object) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = {}
    for (year, _month), amount in months(**source).items():
        totals[year] = totals.get(year, Decimal("0")) + amount
    return totals


class TestSubsidyPlacement:
    def test_the_issue_example_to_the_cent(self, velsen: Municipality) -> None:
        """1,219.34 a month from 15 October 2026 for 6 months (to 14 April 2027):
        17/31 of October, whole months November–March, 14/30 of April."""
        placement = subsidy_placement(velsen, date(2026, 10, 15), date(2027, 4, 14))

        assert months(placement=placement) == {
            (2026, 10): Decimal("668.67"),  # 1,219.34 × 17 / 31
            (2026, 11): Decimal("1219.34"),
            (2026, 12): Decimal("1219.34"),
            (2027, 1): Decimal("1219.34"),
            (2027, 2): Decimal("1219.34"),
            (2027, 3): Decimal("1219.34"),
            (2027, 4): Decimal("569.03"),  # 1,219.34 × 14 / 30
        }
        assert per_year(placement=placement) == {
            2026: Decimal("3107.35"),
            2027: Decimal("4227.05"),
        }
        row = Commitment.objects.filter(placement=placement).first()
        assert row is not None
        assert row.municipality == velsen
        assert row.funding_stream == FundingStream.BENEFITS
        assert row.deployment is None

    def test_ending_early_releases_the_rest(self, velsen: Municipality) -> None:
        placement = subsidy_placement(velsen, date(2026, 10, 15), date(2027, 4, 14))

        placement.end_date = date(2026, 12, 10)
        placement.save()
        commitments_refresh_for_placement(placement)

        assert months(placement=placement) == {
            (2026, 10): Decimal("668.67"),
            (2026, 11): Decimal("1219.34"),
            (2026, 12): Decimal("393.34"),  # 1,219.34 × 10 / 31
        }
        assert 2027 not in per_year(placement=placement)

    def test_an_extension_commits_the_added_months(self, velsen: Municipality) -> None:
        placement = subsidy_placement(velsen, date(2026, 10, 15), date(2027, 4, 14))

        placement.end_date = date(2027, 6, 30)
        placement.save()
        commitments_refresh_for_placement(placement)

        got = months(placement=placement)
        assert got[(2027, 4)] == Decimal("1219.34")
        assert got[(2027, 5)] == Decimal("1219.34")
        assert got[(2027, 6)] == Decimal("1219.34")
        assert per_year(placement=placement)[2027] == Decimal("1219.34") * 6

    def test_without_subsidy_nothing_is_committed(self, velsen: Municipality) -> None:
        placement = subsidy_placement(velsen, date(2026, 1, 1), date(2026, 6, 30))
        assert Commitment.objects.filter(placement=placement).count() == 6

        placement.wage_cost_subsidy = False
        placement.save()
        commitments_refresh_for_placement(placement)

        assert not Commitment.objects.filter(placement=placement).exists()

    def test_the_last_loonwaarde_continues_after_the_assessment_expires(
        self, velsen: Municipality
    ) -> None:
        placement = subsidy_placement(
            velsen,
            date(2026, 1, 1),
            date(2026, 12, 31),
            next_due=date(2026, 6, 30),
        )
        got = months(placement=placement)
        assert len(got) == 12
        assert set(got.values()) == {Decimal("1219.34")}

    def test_months_before_the_first_assessment_commit_nothing(
        self, velsen: Municipality
    ) -> None:
        placement = subsidy_placement(
            velsen, date(2026, 1, 1), date(2026, 6, 30), assessed_on=date(2026, 3, 1)
        )
        assert sorted(months(placement=placement)) == [
            (2026, 3),
            (2026, 4),
            (2026, 5),
            (2026, 6),
        ]

    def test_an_open_placement_commits_to_the_end_of_next_year(
        self, velsen: Municipality
    ) -> None:
        placement = subsidy_placement(velsen, date(2026, 11, 1))
        commitments_refresh(placements=[placement], today=date(2026, 11, 20))

        got = months(placement=placement)
        assert min(got) == (2026, 11)
        assert max(got) == (2027, 12)
        assert len(got) == 14

    def test_an_open_trial_placement_commits_to_its_trial_end(
        self, velsen: Municipality
    ) -> None:
        placement = subsidy_placement(
            velsen,
            date(2026, 3, 1),
            kind=placement_kind("proefplaatsing"),
            trial_end_date=date(2026, 4, 30),
        )
        assert placement_last_day(placement, date(2026, 3, 5)) == date(2026, 4, 30)
        assert sorted(months(placement=placement)) == [(2026, 3), (2026, 4)]

    def test_a_kind_with_a_maximum_duration_commits_to_that_maximum(
        self, velsen: Municipality
    ) -> None:
        kind = placement_kind("detachering")
        kind.max_duration_months = 3
        kind.save()
        placement = subsidy_placement(velsen, date(2026, 2, 15), kind=kind)
        assert placement_last_day(placement, date(2026, 3, 1)) == date(2026, 5, 14)


class TestDeployment:
    def test_a_total_spread_over_the_days_adds_up_to_the_cent(
        self, velsen: Municipality
    ) -> None:
        """1,000.00 from 15 October 2026 to 14 January 2027 (92 days):
        17 + 30 + 31 + 14 days, cumulative rounding."""
        row = deployment(velsen, date(2026, 10, 15), date(2027, 1, 14))

        got = months(deployment=row)
        assert got == {
            (2026, 10): Decimal("184.78"),  # 1000 × 17/92 = 184.782…
            (2026, 11): Decimal("326.09"),  # 1000 × 47/92 = 510.869… − 184.78
            (2026, 12): Decimal("336.96"),  # 1000 × 78/92 = 847.826… − 510.87
            (2027, 1): Decimal("152.17"),  # 1000 − 847.83
        }
        assert sum(got.values()) == Decimal("1000.00")
        assert per_year(deployment=row) == {
            2026: Decimal("847.83"),
            2027: Decimal("152.17"),
        }
        first = Commitment.objects.filter(deployment=row).first()
        assert first is not None
        assert first.funding_stream == FundingStream.PARTICIPATION
        assert first.category_id == row.instrument.category_id

    def test_a_monthly_rate_is_pro_rata_by_calendar_days(
        self, velsen: Municipality
    ) -> None:
        row = deployment(
            velsen,
            date(2026, 10, 15),
            date(2027, 4, 14),
            rate="1219.34",
            units="6",
            cost_unit=CostUnit.PER_MONTH,
        )
        got = months(deployment=row)
        assert got[(2026, 10)] == Decimal("668.67")
        assert got[(2026, 11)] == Decimal("1219.34")
        assert got[(2027, 4)] == Decimal("569.03")
        assert per_year(deployment=row) == {
            2026: Decimal("3107.35"),
            2027: Decimal("4227.05"),
        }

    def test_ending_a_monthly_deployment_early_releases_the_rest(
        self, velsen: Municipality
    ) -> None:
        row = deployment(
            velsen,
            date(2026, 1, 1),
            date(2026, 12, 31),
            rate="500.00",
            units="12",
            cost_unit=CostUnit.PER_MONTH,
        )
        assert per_year(deployment=row) == {2026: Decimal("6000.00")}

        row.end_date = date(2026, 4, 15)
        row.status = DeploymentStatus.ENDED
        row.save()
        commitments_refresh_for_deployment(row)

        assert months(deployment=row) == {
            (2026, 1): Decimal("500.00"),
            (2026, 2): Decimal("500.00"),
            (2026, 3): Decimal("500.00"),
            (2026, 4): Decimal("250.00"),
        }

    def test_extending_a_deployment_changes_its_commitment(
        self, velsen: Municipality
    ) -> None:
        row = deployment(
            velsen,
            date(2026, 11, 1),
            date(2026, 12, 31),
            rate="300.00",
            units="2",
            cost_unit=CostUnit.PER_MONTH,
        )
        row.end_date = date(2027, 2, 28)
        row.save()
        commitments_refresh_for_deployment(row)

        assert per_year(deployment=row) == {
            2026: Decimal("600.00"),
            2027: Decimal("600.00"),
        }

    def test_a_changed_price_changes_the_commitment(self, velsen: Municipality) -> None:
        row = deployment(velsen, date(2026, 1, 1), date(2026, 1, 31))
        row.rate = Decimal("1500.00")
        row.total_cost = Decimal("1500.00")
        row.save()
        commitments_refresh_for_deployment(row)
        assert months(deployment=row) == {(2026, 1): Decimal("1500.00")}

    def test_a_cancelled_deployment_commits_nothing(self, velsen: Municipality) -> None:
        row = deployment(velsen, date(2026, 1, 1), date(2026, 6, 30))
        assert Commitment.objects.filter(deployment=row).exists()

        row.status = DeploymentStatus.CANCELLED
        row.save()
        commitments_refresh_for_deployment(row)

        assert not Commitment.objects.filter(deployment=row).exists()

    def test_the_municipality_is_the_clients(
        self, velsen: Municipality, beverwijk: Municipality
    ) -> None:
        row = deployment(beverwijk, date(2026, 1, 1), date(2026, 1, 31))
        assert set(
            Commitment.objects.filter(deployment=row).values_list(
                "municipality_id", flat=True
            )
        ) == {beverwijk.pk}


class TestQueries:
    def test_a_refresh_costs_the_same_for_one_source_or_many(
        self, velsen: Municipality
    ) -> None:
        def cost(n: int) -> int:
            deployments = [
                deployment(velsen, date(2026, 1, 1), date(2026, 12, 31), refresh=False)
                for _ in range(n)
            ]
            placements = [
                subsidy_placement(velsen, date(2026, 1, 1), date(2026, 12, 31))
                for _ in range(n)
            ]
            with CaptureQueriesContext(connection) as queries:
                commitments_refresh(deployments=deployments, placements=placements)
            return len(queries)

        assert cost(1) == cost(15)
        assert cost(1) <= 9

    def test_the_nightly_rebuild_is_idempotent(self, velsen: Municipality) -> None:
        deployment(velsen, date(2026, 10, 15), date(2027, 1, 14))
        subsidy_placement(velsen, date(2026, 10, 15), date(2027, 4, 14))
        cancelled = deployment(velsen, date(2026, 1, 1), date(2026, 3, 31))
        cancelled.status = DeploymentStatus.CANCELLED
        cancelled.save()  # written without a refresh: the rebuild catches it
        switched_off = subsidy_placement(velsen, date(2026, 1, 1), date(2026, 3, 31))
        switched_off.wage_cost_subsidy = False
        switched_off.save()  # likewise
        ended = subsidy_placement(velsen, date(2026, 1, 1))
        ended.end_date = date(2026, 1, 31)
        ended.end_reason = placement_end_reason()
        ended.save()

        def snapshot() -> list[tuple[object, ...]]:
            return sorted(
                Commitment.objects.values_list(
                    "deployment_id", "placement_id", "year", "month", "amount"
                ),
                key=str,
            )

        first = commitments_rebuild(today=date(2026, 11, 1))
        after_first = snapshot()
        second = commitments_rebuild(today=date(2026, 11, 1))

        assert first == second == 4 + 7 + 1
        assert snapshot() == after_first
        assert not Commitment.objects.filter(deployment=cancelled).exists()
        assert not Commitment.objects.filter(placement=switched_off).exists()
