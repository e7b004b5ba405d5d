"""The region's total, the casework sections, scoping and the number of queries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.models import Budget, Realisation
from employers.models import Vacancy
from ijmondwerkt.accounts.models import Municipality, User
from reports.figures import month_report, month_report_for
from tests.budgets.conftest import subsidy_placement
from tests.employers.factories import (
    EmployerContactFactory,
    EmployerFactory,
    VacancyFactory,
)
from tests.reports.conftest import intake, outflow, register, trajectory
from tests.trajectories.factories import PlacementFactory, placement_end_reason
from trajectories.models import FundingStream

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)
FROZEN = "2026-04-10 12:00 +0200"


@time_machine.travel(FROZEN, tick=False)
def test_region_total_is_computed_from_the_records(
    velsen: Municipality, beverwijk: Municipality, manager: User
) -> None:
    # Intakes held in March: Velsen 1 of 2 on time (50 %), Beverwijk 1 of 3 (33 %).
    for municipality, late in ((velsen, 1), (beverwijk, 2)):
        client = register(municipality, date(2026, 2, 1))
        intake(client, date(2026, 3, 10), held=date(2026, 3, 9))
        for _ in range(late):
            intake(client, date(2026, 3, 10), held=date(2026, 3, 12))
    # Trajectories ended in March: Velsen 1 success of 3, Beverwijk 1 of 1.
    for reason in ("plaatsing-regulier-werk", "verhuizing", "overig"):
        trajectory(
            register(velsen, date(2026, 1, 5)),
            date(2026, 1, 5),
            date(2026, 3, 20),
            reason,
        )
    trajectory(
        register(beverwijk, date(2026, 1, 5)), date(2026, 1, 5), date(2026, 3, 2)
    )
    # Wage value of running subsidy placements: Velsen 60 and 61, Beverwijk 70.
    for municipality, value in ((velsen, 60), (velsen, 61), (beverwijk, 70)):
        subsidy_placement(municipality, date(2026, 1, 1), wage_value=value)

    report = month_report(manager, MARCH)
    by_code = {m.code: m for m in report.municipalities}
    velsen_col, beverwijk_col, total = by_code["0453"], by_code["0375"], report.total

    pcts = [
        velsen_col.intake.within_deadline_pct,
        beverwijk_col.intake.within_deadline_pct,
    ]
    assert pcts == [50, 33]
    # 2 of 5 = 40 %; the mean of the rounded figures would be 41.5 → 42.
    assert (total.intake.intakes_held, total.intake.held_within_deadline) == (5, 2)
    assert total.intake.within_deadline_pct == 40
    assert velsen_col.trajectories.success_pct == 33
    assert beverwijk_col.trajectories.success_pct == 100
    # 2 of 4 = 50 %, not the mean of 33 and 100.
    assert total.trajectories.success_pct == 50
    assert velsen_col.subsidy.average_wage_value == Decimal("60.5")
    assert beverwijk_col.subsidy.average_wage_value == Decimal("70.0")
    # 191 / 3 = 63.67, not (60.5 + 70) / 2 = 65.25.
    assert total.subsidy.average_wage_value == Decimal("63.7")
    assert total.subsidy.running == 3
    assert total.subsidy.month_amount == (
        velsen_col.subsidy.month_amount + beverwijk_col.subsidy.month_amount
    )
    assert total.subsidy.month_amount > 0


@time_machine.travel(FROZEN, tick=False)
def test_trajectories_and_placements(velsen: Municipality, manager: User) -> None:
    client = register(velsen, date(2025, 6, 1))
    trajectory(client, date(2026, 3, 3))  # started, running
    trajectory(client, date(2026, 1, 5), date(2026, 3, 20), "start-opleiding")
    trajectory(client, date(2026, 1, 5), date(2026, 3, 21), "ontslag-proeftijd")
    trajectory(client, date(2026, 1, 5), date(2026, 2, 27), "overig")  # February
    # Placements started in September 2025 reach the 6-month mark in March.
    PlacementFactory.create(client=client, start_date=date(2025, 9, 30))
    PlacementFactory.create(
        client=client,
        start_date=date(2025, 9, 1),
        end_date=date(2026, 2, 28),
        end_reason=placement_end_reason(),
    )
    PlacementFactory.create(client=client, start_date=date(2026, 3, 16))
    figures = month_report(manager, MARCH).total
    t = figures.trajectories
    assert (t.started, t.ended, t.ended_successfully, t.success_pct) == (1, 2, 1, 50)
    assert t.running == 1
    assert {r.code: r.count for r in t.by_end_reason} == {
        "start-opleiding": 1,
        "ontslag-proeftijd": 1,
    }
    p = figures.placements
    assert (p.started, p.running) == (1, 2)
    assert (p.reaching_mark, p.sustainable, p.sustainable_pct) == (2, 1, 50)
    assert [(k.code, k.started) for k in p.by_kind] == [("regulier", 1)]


@time_machine.travel(FROZEN, tick=False)
def test_employers_per_sector(velsen: Municipality, manager: User) -> None:
    employer = EmployerFactory.create(municipality=velsen)
    elsewhere = EmployerFactory.create(municipality=None)
    for at, day in ((employer, 2), (employer, 33), (elsewhere, 2)):
        EmployerContactFactory.create(
            employer=at,
            contact_date=date(2026, 2, 1) + timedelta(days=day),
            werkmakelaar=manager,
        )
    VacancyFactory.create(
        employer=employer,
        sector_cluster=employer.sector_cluster,
        open_date=date(2026, 3, 1),
    )
    VacancyFactory.create(
        employer=employer,
        sector_cluster=employer.sector_cluster,
        open_date=date(2026, 1, 1),
        status=Vacancy.Status.FILLED,
        status_changed_on=date(2026, 3, 30),
    )
    PlacementFactory.create(
        client=register(velsen, date(2026, 1, 1)),
        employer=employer,
        start_date=date(2026, 3, 5),
    )
    e = month_report(manager, MARCH).total.employers
    assert (e.contacts, e.new_vacancies, e.filled_vacancies, e.placements) == (
        1,
        1,
        1,
        1,
    )
    [sector] = e.by_sector
    assert sector.code == "techniek-industrie"
    assert (sector.contacts, sector.new_vacancies, sector.filled_vacancies) == (1, 1, 1)


@time_machine.travel(FROZEN, tick=False)
def test_budget_and_savings_of_the_month(
    velsen: Municipality, beverwijk: Municipality, manager: User
) -> None:
    for municipality, amount in ((velsen, "1000.00"), (beverwijk, "3000.00")):
        Budget.objects.create(
            municipality=municipality,
            year=2026,
            funding_stream=FundingStream.PARTICIPATION,
            amount=Decimal(amount),
        )
    Realisation.objects.create(
        municipality=velsen,
        year=2026,
        month=2,
        funding_stream=FundingStream.PARTICIPATION,
        amount=Decimal("950.00"),
        source="handmatig",
        created_by=manager,
    )
    client = register(velsen, date(2026, 1, 1))
    outflow(client, date(2026, 2, 10), "werk-loondienst", manager)
    report = month_report(manager, MARCH)
    by_code = {m.code: m for m in report.municipalities}
    stream = by_code["0453"].budget.streams[0]
    assert (stream.code, stream.budget, stream.realised) == (
        "participatiebudget",
        Decimal("1000.00"),
        Decimal("950.00"),
    )
    assert (stream.exhaustion_pct, stream.level) == (95, "waarschuwing")
    total = report.total.budget.streams[0]
    # 950 of 4000 = 23.75 % → 24 %, from the total's own amounts.
    assert (total.budget, total.forecast, total.exhaustion_pct) == (
        Decimal("4000.00"),
        Decimal("950.00"),
        24,
    )
    assert by_code["0453"].budget.savings.off_benefit == 1
    assert report.total.budget.savings.outflows_to_work == 0


@time_machine.travel(FROZEN, tick=False)
def test_a_manager_of_another_municipality_gets_nothing_of_velsen(
    velsen: Municipality,
    beverwijk: Municipality,
    manager_beverwijk: User,
    klantmanager_velsen: User,
) -> None:
    register(velsen, date(2026, 3, 2))
    register(velsen, date(2026, 3, 3))
    register(beverwijk, date(2026, 3, 4))
    report = month_report(manager_beverwijk, MARCH)
    assert [m.code for m in report.municipalities] == ["0375"]
    assert report.total.caseload.total == 1
    # Asking for Velsen explicitly narrows to nothing.
    narrowed = month_report(manager_beverwijk, MARCH, municipalities=[velsen])
    assert narrowed.municipalities == []
    assert narrowed.total.caseload.total == 0
    # A klantmanager has no report role: no figures at all.
    assert month_report(klantmanager_velsen, MARCH).municipalities == []


def _build(municipalities: list[Municipality], size: int, by: User) -> None:
    for municipality in municipalities:
        for i in range(size):
            client = register(municipality, date(2026, 1, 2 + i), klantmanager=by)
            intake(client, date(2026, 3, 10), held=date(2026, 3, 9 + i % 3))
            trajectory(client, date(2026, 2, 1), date(2026, 3, 15))
            subsidy_placement(municipality, date(2025, 9, 1 + i))
            EmployerContactFactory.create(
                employer=EmployerFactory.create(municipality=municipality),
                contact_date=date(2026, 3, 3),
                werkmakelaar=by,
            )
            if i % 2:
                outflow(client, date(2026, 3, 20), "werk-loondienst", by)


def _queries(ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        month_report_for(ids, MARCH)
    return len(queries)


@time_machine.travel(FROZEN, tick=False)
def test_the_number_of_queries_does_not_grow_with_the_data(
    all_municipalities: list[Municipality], klantmanager_velsen: User
) -> None:
    ids = [m.pk for m in all_municipalities]
    _build(all_municipalities, 1, klantmanager_velsen)
    small = _queries(ids)
    _build(all_municipalities, 4, klantmanager_velsen)
    large = _queries(ids)
    assert large == small
    assert small <= 40
    # 3 × 5 files and 3 × 5 subsidy placements' files, 3 × 2 of them outflowed.
    assert month_report_for(ids, MARCH).total.caseload.total == 30 - 6
