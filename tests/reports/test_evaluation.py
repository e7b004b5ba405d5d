"""The yearly evaluation: trajectories by start year, from a history long before the system."""

from __future__ import annotations

from datetime import date

import pytest

from clients.models import Client, Status
from clients.validators import make_bsn
from ijmondwerkt.accounts.models import Municipality, User
from reports.figures import evaluation, evaluation_for, publication
from tests.reports.conftest import register, trajectory
from tests.trajectories.factories import trajectory_end_reason
from trajectories.models import Trajectory, TrajectoryKind

pytestmark = pytest.mark.django_db


def _history(velsen: Municipality) -> list[Client]:
    """2006: 200 participants, 63 of them to work (31.5 % → 32 %)."""
    clients = Client.objects.bulk_create(
        Client(
            bsn=make_bsn(500_000 + n),
            first_name="Oud",
            last_name=f"Dossier{n}",
            date_of_birth=date(1970, 1, 1),
            municipality=velsen,
            registration_date=date(2005, 12, 1),
            status=Status.OUTFLOWED,
        )
        for n in range(200)
    )
    to_work = trajectory_end_reason("plaatsing-regulier-werk")
    without = trajectory_end_reason("einde-zonder-plaatsing")
    Trajectory.objects.bulk_create(
        Trajectory(
            client=client,
            kind=TrajectoryKind.REINTEGRATION,
            start_date=date(2006, 3, 1),
            end_date=date(2006, 11, 30),
            end_reason=to_work if n < 63 else without,
        )
        for n, client in enumerate(clients)
    )
    return clients


def test_evaluation_by_start_year(
    velsen: Municipality, beverwijk: Municipality, manager: User
) -> None:
    old = _history(velsen)
    # 2007: a 2006 participant who did not find work then, now does; a new
    # client with two trajectories (one to work, one not); one still running.
    trajectory(
        old[100], date(2007, 2, 1), date(2007, 9, 1), "plaatsing-loonkostensubsidie"
    )
    new = register(velsen, date(2007, 1, 1))
    trajectory(new, date(2007, 1, 15), date(2007, 6, 1), "plaatsing-regulier-werk")
    trajectory(new, date(2007, 7, 1), date(2007, 8, 1), "overig")
    trajectory(register(beverwijk, date(2007, 1, 1)), date(2007, 3, 1))
    # 2011: one work-first trajectory, not to work.
    trajectory(
        register(beverwijk, date(2011, 1, 1)),
        date(2011, 5, 1),
        date(2011, 9, 1),
        "verhuizing",
        kind=TrajectoryKind.WORK_FIRST,
    )

    result = evaluation(manager)
    years = {y.year: y for y in result.years}
    assert list(years) == [2006, 2007, 2011]
    y2006 = years[2006]
    assert (y2006.participants, y2006.outflow_to_work, y2006.outflow_pct) == (
        200,
        63,
        32,
    )
    assert {r.code: r.count for r in y2006.end_reasons} == {
        "plaatsing-regulier-werk": 63,
        "einde-zonder-plaatsing": 137,
    }
    y2007 = years[2007]
    # Three clients; two of them to work (the new client counted once): 67 %.
    assert (y2007.trajectories, y2007.participants, y2007.outflow_to_work) == (4, 3, 2)
    assert y2007.outflow_pct == 67
    assert {r.code: r.count for r in y2007.end_reasons} == {
        "plaatsing-regulier-werk": 1,
        "plaatsing-loonkostensubsidie": 1,
        "overig": 1,
        "lopend": 1,
    }
    assert (years[2011].participants, years[2011].outflow_pct) == (1, 0)
    # The total counts distinct clients over all years: 200 + 2 new in 2007 +
    # 1 in 2011 = 203 (not 204), and 63 + 2 = 65 to work: 32.0 % → 32.
    total = result.total
    assert (total.year, total.participants, total.outflow_to_work) == (None, 203, 65)
    assert total.outflow_pct == 32
    assert sum(r.count for r in total.end_reasons) == total.trajectories == 205
    assert result.municipality_codes == ["0375", "0396", "0453"]

    work_first = evaluation(manager, kind=TrajectoryKind.WORK_FIRST)
    assert [y.year for y in work_first.years] == [2011]
    assert work_first.total.participants == 1


def test_evaluation_follows_the_scope(
    velsen: Municipality,
    beverwijk: Municipality,
    klantmanager_velsen: User,
    manager_beverwijk: User,
) -> None:
    trajectory(register(velsen, date(2010, 1, 1)), date(2010, 2, 1))
    assert evaluation(manager_beverwijk).years == []
    assert evaluation(manager_beverwijk).total.participants == 0
    assert evaluation(klantmanager_velsen).municipality_codes == []
    assert evaluation_for([velsen.pk]).total.participants == 1


def test_evaluation_publication(velsen: Municipality) -> None:
    _history(velsen)
    trajectory(register(velsen, date(2008, 1, 1)), date(2008, 2, 1), date(2008, 3, 1))
    raw = evaluation_for([velsen.pk])
    published = publication(raw)
    years = {y.year: y for y in published.years}
    assert (years[2006].participants, years[2006].outflow_pct) == (200, 32)
    assert (years[2008].participants, years[2008].outflow_to_work) == ("<5", "<5")
    assert years[2008].outflow_pct is None
    assert published.publication and not raw.publication
    assert raw.years[1].participants == 1


def test_evaluation_of_a_range_of_start_years(velsen: Municipality) -> None:
    client = register(velsen, date(2006, 1, 1))
    trajectory(client, date(2006, 2, 1), date(2006, 5, 1))
    trajectory(client, date(2008, 2, 1), date(2008, 5, 1), "overig")
    trajectory(register(velsen, date(2009, 1, 1)), date(2009, 2, 1))
    result = evaluation_for([velsen.pk], years=(2007, 2009))
    assert [y.year for y in result.years] == [2008, 2009]
    # The total counts the clients of those years only: no 2006 outflow to work.
    assert (result.total.participants, result.total.outflow_to_work) == (2, 0)
