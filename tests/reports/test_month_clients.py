"""The monthly report's client figures, worked out by hand for March 2026 in Velsen.

Velsen's files (registration → outflow):

- a: 10-01-2026, still open
- b: 20-02-2026 → 05-03-2026 work (werk in loondienst)
- c: 01-03-2026 (ontslag)
- d: 31-03-2026, the month's last day (einde WW)
- e: 01-04-2026, after the month
- f: 01-12-2025 → 31-03-2026 moved away (verhuizing)
- g: 01-06-2025 → 01-09-2025 work, registered again 15-03-2026

End of February: a, b, f (3). End of March: a, c, d, g (4).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from ijmondwerkt.accounts.models import Municipality, User
from reports.figures import month_report, month_report_for, previous_month
from tests.reports.conftest import intake, measure, outflow, register, reregister

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)


@pytest.fixture
def files(velsen: Municipality, klantmanager_velsen: User) -> dict[str, Any]:
    km = klantmanager_velsen
    a = register(velsen, date(2026, 1, 10), klantmanager=km, benefit="pw-bijstand")
    b = register(velsen, date(2026, 2, 20), klantmanager=km)
    outflow(b, date(2026, 3, 5), "werk-loondienst", km)
    c = register(
        velsen,
        date(2026, 3, 1),
        klantmanager=km,
        inflow="ontslag",
        benefit="pw-bijstand",
    )
    d = register(velsen, date(2026, 3, 31), inflow="einde-ww")
    e = register(velsen, date(2026, 4, 1), klantmanager=km)
    f = register(velsen, date(2025, 12, 1), klantmanager=km)
    outflow(f, date(2026, 3, 31), "verhuizing", km)
    g = register(velsen, date(2025, 6, 1), klantmanager=km, benefit="ioaw")
    outflow(g, date(2025, 9, 1), "werk-loondienst", km)
    reregister(g, date(2026, 3, 15))
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "km": km}


def _velsen(velsen: Municipality, today: date = date(2026, 4, 10)) -> Any:
    report = month_report_for([velsen.pk], MARCH, today=today)
    return report.municipalities[0]


@time_machine.travel("2026-04-10 12:00 +0200", tick=False)
def test_caseload_at_month_end(velsen: Municipality, files: dict[str, Any]) -> None:
    caseload = _velsen(velsen).caseload
    assert (caseload.total, caseload.previous, caseload.change) == (4, 3, 1)
    benefits = {r.code: r.count for r in caseload.by_benefit_kind}
    assert benefits == {"pw-bijstand": 2, "ioaw": 1, "": 1}
    klantmanagers = {r.code: r.count for r in caseload.by_klantmanager}
    assert klantmanagers == {files["km"].username: 3, "": 1}
    # Nobody measured yet: every client under "not measured".
    assert [(r.code, r.count) for r in caseload.by_ladder_step] == [("", 4)]


@time_machine.travel("2026-04-10 12:00 +0200", tick=False)
def test_inflow_and_outflow(velsen: Municipality, files: dict[str, Any]) -> None:
    flows = _velsen(velsen).flows
    # c, d, and g registered again; the outflow of g's earlier registration
    # (September 2025) is not March's.
    assert (flows.inflow, flows.outflow, flows.outflow_to_work) == (3, 2, 1)
    assert {r.code: r.count for r in flows.inflow_by_reason} == {
        "ontslag": 1,
        "einde-ww": 1,
        "": 1,
    }
    assert {r.code: r.count for r in flows.outflow_by_reason} == {
        "werk-loondienst": 1,
        "verhuizing": 1,
    }
    # January a, February b, March c, d, g.
    assert flows.inflow_year_to_date == 5
    assert (flows.outflow_year_to_date, flows.outflow_to_work_year_to_date) == (2, 1)


@time_machine.travel("2026-04-10 12:00 +0200", tick=False)
def test_twelve_month_trend(velsen: Municipality, files: dict[str, Any]) -> None:
    trend = _velsen(velsen).flows.trend
    assert [t.month for t in trend] == [date(2025, m, 1) for m in range(4, 13)] + [
        date(2026, m, 1) for m in (1, 2, 3)
    ]
    by_month = {t.month: (t.inflow, t.outflow, t.caseload) for t in trend}
    assert by_month[date(2026, 3, 1)] == (3, 2, 4)
    assert by_month[date(2026, 2, 1)] == (1, 0, 3)
    assert by_month[date(2026, 1, 1)] == (1, 0, 2)  # a and f
    assert by_month[date(2025, 12, 1)] == (1, 0, 1)  # f
    # g's earlier registration: the file keeps the latest registration date,
    # its outflow stays in the history.
    assert by_month[date(2025, 9, 1)] == (0, 1, 0)
    assert by_month[date(2025, 4, 1)] == (0, 0, 0)


@time_machine.travel("2026-04-10 12:00 +0200", tick=False)
def test_intake_timeliness(velsen: Municipality, files: dict[str, Any]) -> None:
    intake(files["c"], date(2026, 3, 15), held=date(2026, 3, 10))  # on time
    intake(files["a"], date(2026, 3, 20), held=date(2026, 3, 25))  # late
    intake(files["a"], date(2026, 2, 15), held=date(2026, 4, 2))  # overdue on 31-03
    intake(files["g"], date(2026, 3, 29))  # overdue, open
    intake(files["d"], date(2026, 4, 14))  # deadline after the month
    intake(files["b"], date(2026, 3, 6))  # open, but b left on 05-03
    timeliness = _velsen(velsen).intake
    assert timeliness.registrations == 3
    assert (timeliness.intakes_held, timeliness.held_within_deadline) == (2, 1)
    assert timeliness.within_deadline_pct == 50
    assert timeliness.open_overdue == 2


@time_machine.travel("2026-04-10 12:00 +0200", tick=False)
def test_ladder_movement_and_step_at_month_end(
    velsen: Municipality, files: dict[str, Any]
) -> None:
    km = files["km"]
    a, b, c, f, g = (files[k] for k in "abcfg")
    measure(a, date(2025, 11, 1), 2, km)
    measure(a, date(2026, 2, 10), 3, km)
    measure(a, date(2026, 3, 10), 4, km)  # month: 3 → 4 up; year: 2 → 4 up
    measure(c, date(2026, 3, 5), 3, km)  # first measurement ever
    measure(g, date(2025, 7, 1), 4, km)
    measure(g, date(2026, 3, 20), 2, km)  # down in the month and the year
    measure(f, date(2026, 1, 20), 3, km)
    measure(f, date(2026, 3, 25), 3, km)  # month: same; year: first
    measure(b, date(2026, 2, 25), 5, km)  # not in March; year: first
    measure(a, date(2026, 4, 2), 6, km)  # after the month: not counted
    figures = _velsen(velsen)
    month, year = figures.ladder.month, figures.ladder.year_to_date
    assert (month.up, month.down, month.same, month.first) == (1, 1, 1, 1)
    assert (year.up, year.down, year.same, year.first) == (1, 1, 0, 3)
    steps = {r.code: r.count for r in figures.caseload.by_ladder_step}
    # a on 4 at the end of March (the 6 came in April), c 3, g 2, d unmeasured.
    assert steps == {"4": 1, "3": 1, "2": 1, "": 1}


def test_month_end_is_the_amsterdam_calendar_day(
    velsen: Municipality, files: dict[str, Any]
) -> None:
    # 31 March 23:30 in Amsterdam (21:30 UTC): still March.
    with time_machine.travel("2026-03-31 21:30 +0000", tick=False):
        assert previous_month() == date(2026, 2, 1)
        report = month_report_for([velsen.pk], MARCH)
        assert report.as_of == date(2026, 3, 31)
        assert report.total.caseload.total == 4
        with pytest.raises(ValueError, match="2026-04"):
            month_report_for([velsen.pk], date(2026, 4, 1))
    # 1 April 00:30 in Amsterdam (22:30 UTC on 31 March): April has begun, and
    # e (registered 1 April) counts in April's running month, not in March.
    with time_machine.travel("2026-03-31 22:30 +0000", tick=False):
        assert previous_month() == MARCH
        assert month_report_for([velsen.pk], MARCH).total.caseload.total == 4
        april = month_report_for([velsen.pk], date(2026, 4, 1))
        assert april.as_of == date(2026, 4, 1)
        assert april.total.caseload.total == 5
        assert april.total.flows.inflow == 1


@time_machine.travel("2026-04-10 12:00 +0200", tick=False)
def test_a_month_without_data_gives_zeros(
    all_municipalities: list[Municipality], manager: User
) -> None:
    report = month_report(manager, date(2026, 2, 1))
    assert [m.code for m in report.municipalities] == ["0375", "0396", "0453"]
    total = report.total
    assert total.caseload.total == total.caseload.change == 0
    assert total.caseload.by_benefit_kind == []
    assert (total.flows.inflow, total.flows.outflow) == (0, 0)
    assert [t.caseload for t in total.flows.trend] == [0] * 12
    assert total.intake.within_deadline_pct is None
    assert total.trajectories.success_pct is None
    assert total.placements.sustainable_pct is None
    assert total.subsidy.average_wage_value is None
    assert [s.code for s in total.budget.streams] == [
        "participatiebudget",
        "buig",
        "beschut-werk",
        "wsw",
        "overig",
    ]
    assert all(
        s.budget is None and s.exhaustion_pct is None for s in total.budget.streams
    )
    assert report.to_dict()["total"]["caseload"]["total"] == 0
