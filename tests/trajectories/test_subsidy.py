"""The wage-cost subsidy formula (domain guide §7) on the seeded parameter table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.clients.factories import ClientFactory
from tests.trajectories.factories import (
    PlacementFactory,
    WageValueAssessmentFactory,
    placement_end_reason,
)
from trajectories.models import Placement, SubsidyParameter
from trajectories.subsidy import (
    calculate,
    months_between,
    placement_subsidy,
    subsidies_for,
)

pytestmark = pytest.mark.django_db

STANDARD = {
    "holiday_allowance_pct": Decimal("8"),
    "cap_pct": Decimal("70"),
    "employer_costs_pct": Decimal("23"),
}


def amount(**kwargs: object) -> Decimal:
    args = {
        "wml_per_hour": Decimal("14.71"),
        "hours_per_week": Decimal("36"),
        "wage_value": 60,
        "days_covered": 31,
        "days_in_month": 31,
        **STANDARD,
        **kwargs,
    }
    return calculate(**args)[0]


def subsidised(start: date, end: date | None = None, **kwargs: object) -> Placement:
    """A 36-hour placement with subsidy and a 60 % assessment from its start."""
    if end is not None:
        kwargs["end_reason"] = placement_end_reason()
    placement = PlacementFactory.create(
        subsidised=True, start_date=start, end_date=end, **kwargs
    )
    WageValueAssessmentFactory.create(placement=placement, assessed_on=start)
    return placement


class TestFormula:
    def test_the_check_example(self) -> None:
        """WML 14.71, 36 h/week, loonwaarde 60 % → 1,219.34 for a whole month."""
        assert amount() == Decimal("1219.34")

    def test_each_line_shows_its_unrounded_value(self) -> None:
        total, lines = calculate(
            wml_per_hour=Decimal("14.71"),
            hours_per_week=Decimal("36"),
            wage_value=60,
            days_covered=31,
            days_in_month=31,
            **STANDARD,
        )
        values = [line.value for line in lines]
        assert values[0] == Decimal("2294.76")  # WML per month
        assert values[1] == Decimal("2478.3408")  # with holiday allowance
        assert values[2] == Decimal("991.33632")  # gap at 60 %
        assert values[5] == Decimal("1219.3436736")  # with employer costs
        assert values[-1] == total == Decimal("1219.34")
        assert [line.label for line in lines][0] == "WML per maand"

    def test_rounding_only_at_the_end(self) -> None:
        """Rounding each line to cents would give 1,219.35: base 2,478.34 ×
        40 % = 991.34, × 1.23 = 1,219.3482."""
        stepwise = (
            (Decimal("2294.76") * Decimal("1.08")).quantize(Decimal("0.01"))
            * Decimal("0.4")
        ).quantize(Decimal("0.01")) * Decimal("1.23")
        assert stepwise.quantize(Decimal("0.01")) == Decimal("1219.35")
        assert amount() == Decimal("1219.34")

    def test_rounding_half_up(self) -> None:
        """0.15 × 1 h × 52 / 12 = 0.65; half a month is 0.325 → 0.33 (not 0.32)."""
        result = amount(
            wml_per_hour=Decimal("0.15"),
            hours_per_week=Decimal("1"),
            wage_value=0,
            holiday_allowance_pct=Decimal("0"),
            cap_pct=Decimal("100"),
            employer_costs_pct=Decimal("0"),
            days_covered=1,
            days_in_month=2,
        )
        assert result == Decimal("0.33")

    @pytest.mark.parametrize("wage_value", [0, 20, 30])
    def test_capped_at_70_percent(self, wage_value: int) -> None:
        """A loonwaarde of 30 % or less: the gap is capped at 70 % of the base."""
        assert amount(wage_value=wage_value) == Decimal("2133.85")

    def test_just_above_the_cap_is_not_capped(self) -> None:
        # 31 %: gap 69 % of the base, below the cap.
        assert amount(wage_value=31) < Decimal("2133.85")
        assert amount(wage_value=31) > amount(wage_value=32)

    def test_full_wage_value_gives_nothing(self) -> None:
        assert amount(wage_value=100) == Decimal("0.00")


class TestPlacementMonths:
    def test_whole_month_with_the_seeded_parameters(self) -> None:
        placement = subsidised(date(2026, 1, 1))
        [january] = placement_subsidy(placement, date(2026, 1, 1), date(2026, 1, 1))
        assert january.amount == Decimal("1219.34")
        assert january.days_covered == january.days_in_month == 31
        assert january.parameters is not None
        assert january.parameters.wml_per_hour == Decimal("14.71")
        assert january.assessment is not None and january.assessment.wage_value == 60

    def test_start_mid_month_is_pro_rata(self) -> None:
        placement = subsidised(date(2026, 1, 16))
        january, february = placement_subsidy(
            placement, date(2026, 1, 1), date(2026, 2, 1)
        )
        assert (january.days_covered, january.days_in_month) == (16, 31)
        assert january.amount == Decimal("629.34")
        assert february.amount == Decimal("1219.34")

    def test_end_mid_month_is_pro_rata(self) -> None:
        placement = subsidised(date(2026, 1, 1), end=date(2026, 2, 15))
        _, february, march = placement_subsidy(
            placement, date(2026, 1, 1), date(2026, 3, 1)
        )
        assert (february.days_covered, february.days_in_month) == (15, 28)
        assert february.amount == Decimal("653.22")
        assert march.amount == Decimal("0.00")
        assert march.days_covered == 0

    def test_start_and_end_in_one_month(self) -> None:
        placement = subsidised(date(2026, 1, 5), end=date(2026, 1, 14))
        [january] = placement_subsidy(placement, date(2026, 1, 1), date(2026, 1, 1))
        assert january.days_covered == 10
        assert january.amount == Decimal("393.34")

    def test_wml_change_between_two_months(self) -> None:
        """December 2025 at 14.40, January 2026 at 14.71 (the seeded table)."""
        placement = subsidised(date(2025, 12, 1))
        december, january = placement_subsidy(
            placement, date(2025, 12, 1), date(2026, 1, 1)
        )
        assert december.parameters is not None and january.parameters is not None
        assert december.parameters.wml_per_hour == Decimal("14.40")
        assert january.parameters.wml_per_hour == Decimal("14.71")
        assert december.amount == Decimal("1193.65")
        assert january.amount == Decimal("1219.34")

    def test_parameters_of_the_first_day_of_the_month(self) -> None:
        """A row valid from mid-month applies from the next month on."""
        SubsidyParameter.objects.create(
            valid_from=date(2026, 3, 15), wml_per_hour=Decimal("20.00")
        )
        placement = subsidised(date(2026, 1, 1))
        march, april = placement_subsidy(placement, date(2026, 3, 1), date(2026, 4, 1))
        assert march.amount == Decimal("1219.34")
        assert april.parameters is not None
        assert april.parameters.wml_per_hour == Decimal("20.00")

    def test_expired_assessment_gives_no_amount_with_a_reason(self) -> None:
        placement = PlacementFactory.create(
            subsidised=True, start_date=date(2025, 6, 1)
        )
        WageValueAssessmentFactory.create(
            placement=placement,
            assessed_on=date(2025, 6, 1),
            next_due_date=date(2025, 12, 31),
        )
        december, january = placement_subsidy(
            placement, date(2025, 12, 1), date(2026, 1, 1)
        )
        assert december.amount == Decimal("1193.65")
        assert january.amount is None
        assert "Geen geldige loonwaardebepaling op 01-01-2026" in january.reason
        assert january.lines == []

    def test_a_new_assessment_takes_over(self) -> None:
        placement = subsidised(date(2026, 1, 1))
        WageValueAssessmentFactory.create(
            placement=placement, assessed_on=date(2026, 3, 1), wage_value=20
        )
        february, march = placement_subsidy(
            placement, date(2026, 2, 1), date(2026, 3, 1)
        )
        assert february.amount == Decimal("1219.34")
        assert march.amount == Decimal("2133.85")

    def test_placement_without_subsidy(self) -> None:
        placement = PlacementFactory.create(start_date=date(2026, 1, 1))
        [january] = placement_subsidy(placement, date(2026, 1, 1), date(2026, 1, 1))
        assert january.amount is None
        assert "geen loonkostensubsidie" in january.reason

    def test_month_before_any_parameters(self) -> None:
        placement = subsidised(date(2023, 6, 1))
        [june] = placement_subsidy(placement, date(2023, 6, 1), date(2023, 6, 1))
        assert june.amount is None
        assert "geen parameters" in june.reason

    def test_months_between_crosses_the_year(self) -> None:
        assert months_between(date(2025, 11, 20), date(2026, 2, 3)) == [
            date(2025, 11, 1),
            date(2025, 12, 1),
            date(2026, 1, 1),
            date(2026, 2, 1),
        ]


class TestSubsidiesFor:
    @pytest.mark.parametrize("count", [1, 12])
    def test_fixed_number_of_queries(
        self, count: int, django_assert_num_queries: object
    ) -> None:
        client = ClientFactory.create()
        for n in range(count):
            placement = PlacementFactory.create(
                client=client,
                subsidised=True,
                start_date=date(2026, 1, 1 + n),
                follow_ups=False,
            )
            WageValueAssessmentFactory.create(
                placement=placement, assessed_on=date(2026, 1, 1)
            )
        placements = Placement.objects.with_subsidy()
        with django_assert_num_queries(3):  # type: ignore[operator]
            result = subsidies_for(placements, date(2026, 1, 1), date(2026, 12, 1))
        assert len(result) == count
        assert all(len(months) == 12 for months in result.values())
        first = Placement.objects.get(start_date=date(2026, 1, 1))
        assert result[first.pk][0].amount == Decimal("1219.34")

    def test_same_as_one_placement_at_a_time(self) -> None:
        one = subsidised(date(2025, 12, 10))
        two = subsidised(date(2026, 2, 1), end=date(2026, 4, 20))
        together = subsidies_for(
            Placement.objects.filter(pk__in=[one.pk, two.pk]),
            date(2025, 12, 1),
            date(2026, 6, 1),
        )
        for placement in (one, two):
            alone = placement_subsidy(placement, date(2025, 12, 1), date(2026, 6, 1))
            assert [m.amount for m in together[placement.pk]] == [
                m.amount for m in alone
            ]
