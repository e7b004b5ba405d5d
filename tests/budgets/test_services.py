"""Budgets, amendments, lines, realisations by hand and the benefit parameter."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import time_machine

from django.core.exceptions import ValidationError

from budgets.models import BenefitParameter, Budget, BudgetLine, Realisation
from budgets.services import (
    benefit_parameter_create,
    benefit_parameter_update,
    budget_create,
    budget_update,
    realisation_create,
    realisation_delete,
)
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.domain import NotFound
from tests.trajectories.factories import category
from trajectories.models import FundingStream

pytestmark = pytest.mark.django_db

BUIG = FundingStream.BENEFITS


def create(
    user: User, municipality: Municipality, amount: str = "26571184.00", **kw: Any
) -> Budget:
    return budget_create(
        user=user,
        municipality=municipality,
        year=kw.pop("year", 2026),
        funding_stream=kw.pop("funding_stream", BUIG),
        amount=Decimal(amount),
        **kw,
    )


def messages(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(str(m) for m in exc.value.messages)


class TestBudget:
    def test_a_manager_enters_a_budget(
        self, manager_velsen: User, velsen: Municipality
    ) -> None:
        budget = create(manager_velsen, velsen)

        assert budget.amount == Decimal("26571184.00")
        assert budget.version == 1
        event = AuditEvent.objects.for_object(budget).get()
        assert event.user == manager_velsen
        assert event.changes["amount"] == [None, "26571184"]

    def test_the_beheerder_enters_one_too(
        self, beheerder_velsen: User, velsen: Municipality
    ) -> None:
        assert create(beheerder_velsen, velsen).pk

    def test_a_second_budget_for_the_same_year_and_stream_is_refused(
        self, manager_velsen: User, velsen: Municipality
    ) -> None:
        create(manager_velsen, velsen)
        with pytest.raises(ValidationError) as exc:
            create(manager_velsen, velsen, "1.00")
        assert "Er is al een budget voor deze gemeente, dit jaar en deze" in messages(
            exc
        )
        assert Budget.objects.count() == 1
        # Another stream or year is a budget of its own.
        create(manager_velsen, velsen, funding_stream=FundingStream.WSW)
        create(manager_velsen, velsen, year=2027)

    def test_a_negative_amount_is_refused(
        self, manager_velsen: User, velsen: Municipality
    ) -> None:
        with pytest.raises(ValidationError) as exc:
            create(manager_velsen, velsen, "-1.00")
        assert exc.value.message_dict["amount"] == ["Een bedrag is niet negatief."]
        assert not Budget.objects.exists()

    @pytest.mark.parametrize(
        "who", ["manager_beverwijk", "klantmanager_velsen", "werkmakelaar"]
    )
    def test_someone_not_keeping_the_municipalitys_budget_is_refused(
        self, who: str, velsen: Municipality, request: pytest.FixtureRequest
    ) -> None:
        with pytest.raises(NotFound):
            create(request.getfixturevalue(who), velsen)
        assert not Budget.objects.exists()

    def test_an_amendment_keeps_who_when_and_the_old_and_new_amount(
        self, manager_velsen: User, beheerder_velsen: User, velsen: Municipality
    ) -> None:
        budget = create(manager_velsen, velsen, "1000000.00")

        amended = budget_update(
            user=beheerder_velsen,
            budget=budget,
            expected_version=1,
            amount=Decimal("1250000.00"),
        )

        assert amended.version == 2
        event = AuditEvent.objects.for_object(budget).first()
        assert event is not None
        assert event.user == beheerder_velsen
        assert event.changes == {"amount": ["1000000", "1250000"]}
        assert "1.000.000,00" in event.summary and "1.250.000,00" in event.summary

    def test_a_stale_amendment_is_refused(
        self, manager_velsen: User, beheerder_velsen: User, velsen: Municipality
    ) -> None:
        budget = create(manager_velsen, velsen, "1000.00")
        budget_update(
            user=beheerder_velsen,
            budget=budget,
            expected_version=1,
            amount=Decimal("2000"),
        )
        with pytest.raises(ValidationError) as exc:
            budget_update(
                user=manager_velsen,
                budget=budget,
                expected_version=1,
                amount=Decimal("3000"),
            )
        assert "intussen gewijzigd door Beheerder" in messages(exc)
        budget.refresh_from_db()
        assert budget.amount == Decimal("2000.00")

    def test_another_municipalitys_manager_cannot_amend(
        self, manager_velsen: User, manager_beverwijk: User, velsen: Municipality
    ) -> None:
        budget = create(manager_velsen, velsen, "1000.00")
        with pytest.raises(NotFound):
            budget_update(
                user=manager_beverwijk,
                budget=budget,
                expected_version=1,
                amount=Decimal("1"),
            )

    def test_lines_per_category_no_more_than_the_budget(
        self, manager_velsen: User, velsen: Municipality
    ) -> None:
        budget = create(
            manager_velsen,
            velsen,
            "10000.00",
            funding_stream=FundingStream.PARTICIPATION,
            lines={category("training"): Decimal("4000"), category("scholing"): "6000"},
        )
        assert BudgetLine.objects.filter(budget=budget).count() == 2

        with pytest.raises(ValidationError) as exc:
            budget_update(
                user=manager_velsen,
                budget=budget,
                expected_version=1,
                amount=Decimal("9000.00"),
            )
        assert (
            "De budgetregels zijn samen € 10.000,00, meer dan het budget"
            in messages(exc).replace("\xa0", " ")
        )

        updated = budget_update(
            user=manager_velsen,
            budget=budget,
            expected_version=1,
            lines={category("training"): Decimal("2500")},
        )
        assert updated.version == 2
        assert list(budget.lines.values_list("amount", flat=True)) == [
            Decimal("2500.00")
        ]
        lines_event = AuditEvent.objects.filter(action="budget_lines_changed").get()
        assert "Scholing" in lines_event.changes["lines"][0]

        with pytest.raises(ValidationError) as exc:
            budget_update(
                user=manager_velsen,
                budget=budget,
                expected_version=2,
                lines={category("training"): "-1"},
            )
        assert "negatief" in messages(exc)


class TestRealisation:
    @time_machine.travel("2026-11-20 12:00 +0100", tick=False)
    def test_by_hand(self, manager_velsen: User, velsen: Municipality) -> None:
        row = realisation_create(
            user=manager_velsen,
            municipality=velsen,
            funding_stream=BUIG,
            year=2026,
            month=11,
            amount=Decimal("125.00"),
            description="Correctie",
        )
        assert row.source == Realisation.Source.MANUAL
        assert AuditEvent.objects.for_object(row).exists()

        realisation_delete(user=manager_velsen, realisation=row)
        assert not Realisation.objects.exists()

    @time_machine.travel("2026-11-20 12:00 +0100", tick=False)
    def test_a_future_month_or_negative_amount_is_refused(
        self, manager_velsen: User, velsen: Municipality
    ) -> None:
        base = {
            "user": manager_velsen,
            "municipality": velsen,
            "funding_stream": BUIG,
            "year": 2026,
        }
        with pytest.raises(ValidationError) as exc:
            realisation_create(**base, month=12, amount=Decimal("1"))  # type: ignore[arg-type]
        assert "maand die al begonnen is" in messages(exc)
        with pytest.raises(ValidationError) as exc:
            realisation_create(**base, month=10, amount=Decimal("-1"))  # type: ignore[arg-type]
        assert "Een bedrag is niet negatief." in messages(exc)
        assert not Realisation.objects.exists()


class TestBenefitParameter:
    def test_create_and_amend(self, manager_velsen: User, velsen: Municipality) -> None:
        parameter = benefit_parameter_create(
            user=manager_velsen,
            municipality=velsen,
            year=2026,
            average_monthly_benefit=Decimal("1450.00"),
        )
        with pytest.raises(ValidationError):
            benefit_parameter_create(
                user=manager_velsen,
                municipality=velsen,
                year=2026,
                average_monthly_benefit=Decimal("1.00"),
            )
        updated = benefit_parameter_update(
            user=manager_velsen,
            parameter=parameter,
            expected_version=1,
            average_monthly_benefit=Decimal("1500.00"),
        )
        assert updated.version == 2
        assert BenefitParameter.objects.get().average_monthly_benefit == Decimal(
            "1500.00"
        )
