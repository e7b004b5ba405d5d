"""The sample export in docs/examples imports as the documentation says."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from budgets.imports import realisation_import
from budgets.models import Realisation
from ijmondwerkt.accounts.models import User

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "docs"
    / "examples"
    / "realisatie-voorbeeld.csv"
)


@time_machine.travel(datetime(2026, 11, 16, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
def test_the_sample_realisation_export_is_accepted(beheerder: User) -> None:
    raw = SAMPLE.read_bytes()
    assert raw.splitlines()[0].decode() == (
        "gemeente;stroom;datum;bedrag;boekingskenmerk;omschrijving"
    )
    entry = realisation_import(
        user=beheerder, file=raw, year=2026, file_name=SAMPLE.name
    )
    assert entry.accepted, entry.report
    assert entry.imported_count == len(raw.splitlines()) - 1 == 11
    assert entry.total_amount == Decimal("3859195.14")
    quoted = Realisation.objects.get(reference="FIN-2026-0375-W00288")
    assert quoted.description == "Scholing lassen; modules 1 en 2"
    assert quoted.amount == Decimal("7980.00")
    assert quoted.month == 10
    assert set(
        Realisation.objects.values_list("municipality__cbs_code", flat=True)
    ) == {"0375", "0396", "0453"}
