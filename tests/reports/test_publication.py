"""The publication form: counts under 5 as "<5", the raw report untouched; rounding."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from ijmondwerkt.accounts.models import Municipality, User
from reports.figures import SUPPRESSED, month_report, publication
from reports.figures.common import pct
from tests.reports.conftest import intake, register

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-04-10 12:00 +0200", tick=False)
def test_small_counts_are_suppressed_in_a_copy(
    velsen: Municipality, beverwijk: Municipality, manager: User
) -> None:
    for day in range(2, 9):  # 7 files in Velsen registered in March
        client = register(velsen, date(2026, 3, day))
        intake(client, date(2026, 3, 20), held=date(2026, 3, 10))
    client = register(beverwijk, date(2026, 3, 2))  # 1 in Beverwijk
    intake(client, date(2026, 3, 20), held=date(2026, 3, 25))
    raw = month_report(manager, date(2026, 3, 1))
    published = publication(raw)

    by_code = {m.code: m for m in published.municipalities}
    assert by_code["0453"].caseload.total == 7
    assert by_code["0375"].caseload.total == SUPPRESSED
    assert by_code["0396"].caseload.total == SUPPRESSED  # 0 is under 5 too
    assert by_code["0453"].intake.within_deadline_pct == 100
    # A percentage of fewer than 5 would give the count away: not shown.
    assert by_code["0375"].intake.within_deadline_pct is None
    assert published.total.caseload.total == 8
    assert published.total.intake.within_deadline_pct == 88  # 7 of 8 = 87.5 → 88
    march = published.total.flows.trend[-1]
    assert (march.inflow, march.caseload) == (8, 8)
    assert published.total.flows.trend[0].inflow == SUPPRESSED
    assert [r.count for r in published.total.caseload.by_benefit_kind] == [8]
    assert published.publication is True
    assert published.to_dict()["municipalities"][0]["caseload"]["total"] == "<5"
    # The raw report is unchanged.
    assert raw.publication is False
    assert {m.code: m.caseload.total for m in raw.municipalities} == {
        "0375": 1,
        "0396": 0,
        "0453": 7,
    }
    assert raw.municipalities[0].intake.within_deadline_pct == 0


def test_percentages_round_half_up_from_counts() -> None:
    assert pct(63, 200) == 32  # 31.5
    assert pct(65, 200) == 33  # 32.5: half up, not to the even 32
    assert pct(1, 8) == 13  # 12.5
    assert pct(1, 3) == 33
    assert pct(2, 3) == 67
    assert pct(0, 0) is None
