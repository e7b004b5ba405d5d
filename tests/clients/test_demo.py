from __future__ import annotations

import pytest

from clients import demo
from clients.models import Client, Contact, LadderMeasurement, Status
from clients.validators import bsn_is_valid, normalize_postcode
from ijmondwerkt.accounts import demo as accounts_demo
from ijmondwerkt.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent_and_valid() -> None:
    accounts_demo.load(seed=1)
    summary = demo.load(seed=1, total=120)
    assert "120 werkzoekenden" in summary
    counts = (
        Client.objects.count(),
        Contact.objects.count(),
        AuditEvent.objects.filter(client__isnull=False).count(),
    )
    assert "al aanwezig" in demo.load(seed=1, total=120)
    assert (
        Client.objects.count(),
        Contact.objects.count(),
        AuditEvent.objects.filter(client__isnull=False).count(),
    ) == counts
    assert all(bsn_is_valid(b) for b in Client.objects.values_list("bsn", flat=True))
    assert all(
        normalize_postcode(p) == p
        for p in Client.objects.values_list("postcode", flat=True)
    )
    velsen = Client.objects.filter(municipality__cbs_code="0453").count()
    heemskerk = Client.objects.filter(municipality__cbs_code="0396").count()
    assert velsen > heemskerk  # proportions of §12: Velsen largest
    assert Client.objects.filter(status=Status.OUTFLOWED).exists()
    assert Client.objects.filter(status=Status.ACTIVE).exists()
    # Every file goes to a klantmanager serving its municipality (or waits for one).
    for client in Client.objects.select_related("klantmanager"):
        if client.klantmanager is not None:
            assert client.klantmanager.municipalities.filter(
                pk=client.municipality_id
            ).exists()
    assert Client.objects.values("klantmanager").distinct().count() >= 6
    # The stored ladder step is the latest measurement's.
    latest = {}
    for client_id, step in LadderMeasurement.objects.order_by(
        "measured_on", "pk"
    ).values_list("client_id", "step"):
        latest[client_id] = step
    stored = dict(Client.objects.values_list("pk", "ladder_step"))
    assert latest
    assert stored == {pk: latest.get(pk) for pk in stored}
