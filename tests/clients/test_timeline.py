"""The client's timeline: the audit trail in the forms' words, proposal steps included."""

from __future__ import annotations

import re
from datetime import date

import pytest

from django.urls import reverse
from django.utils import timezone

from clients import services, timeline
from clients.models import BarrierCategory
from ijmondwerkt.accounts.models import User
from ijmondwerkt.audit import record
from ijmondwerkt.audit.models import AuditEvent
from tests.clients.factories import ClientFactory
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


def _lines(html: str) -> list[str]:
    """The timeline's change lines as text: "Label: old → new"."""
    section = html[html.index('id="kop-tijdlijn"') :]
    items = re.findall(r'<ul class="changes">(.*?)</ul>', section, re.S)
    text = " ".join(items)
    text = re.sub(r"<li>", "\n", text)
    return [re.sub(r"<[^>]+>", "", line).strip() for line in text.splitlines() if line]


def test_changes_read_as_the_forms_show_them(klantmanager_velsen: User) -> None:
    client = ClientFactory.create(
        klantmanager=klantmanager_velsen, phone="0682251636", wish_hours_per_week=40
    )
    services.client_update(
        client=client,
        expected_version=client.version,
        user=klantmanager_velsen,
        phone="0612345678",
        wish_hours_per_week=32,
        driving_licence=True,
        date_of_birth=date(1985, 3, 15),
        languages=[{"language": "Nederlands", "level": "B1"}],
        gender="v",
        barrier_categories=[BarrierCategory.objects.get(code="schulden")],
    )
    page = logged_in(klantmanager_velsen).get(
        reverse("clients:detail", args=[client.uuid])
    )
    lines = _lines(page.content.decode())
    for expected in (
        "Telefoonnummer: 0682251636 → 0612345678",
        "Gewenste uren per week: 40 → 32",
        "Belemmeringen: – → Schulden",
        "Talen: – → Nederlands (B1)",
        "Rijbewijs B: Nee → Ja",
        "Geboortedatum: 14-03-1985 → 15-03-1985",
        "Geslacht: – → Vrouw",
    ):
        assert expected in lines, (expected, lines)
    assert not any("phone" in line or "[{" in line for line in lines)


def test_rows_copied_from_the_old_history_read_the_same(
    klantmanager_velsen: User,
) -> None:
    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    event = record(
        client,
        action="updated",
        summary="Gegevens gewijzigd",
        changes={
            "barrier_categories": [None, ["Schulden", "Gezondheid"]],
            "languages": [[], [{"language": "Engels", "level": "moedertaal"}]],
            "target_group": [None, 2],
            "status": ["aangemeld", "actief"],
            "target_group_date": [None, "2026-03-10"],
        },
        actor=klantmanager_velsen,
    )
    assert [(c.label, c.old, c.new) for c in timeline.changes(event)] == [
        ("belemmeringen", "–", "Schulden, Gezondheid"),
        ("talen", "–", "Engels (moedertaal)"),
        ("doelgroep", "–", "2 – Traject naar regulier werk"),
        ("status", "Aangemeld", "Actief"),
        ("doelgroep vastgesteld op", "–", "10-03-2026"),
    ]


def test_proposal_steps_are_on_the_timeline(
    klantmanager_velsen: User, werkmakelaar: User
) -> None:
    from employers.services import proposal_advance
    from tests.employers.factories import ProposalFactory

    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    proposal = ProposalFactory.create(client=client, proposed_by=werkmakelaar)
    proposal_advance(
        proposal=proposal,
        status="uitgenodigd",
        actor=werkmakelaar,
        on=timezone.localdate(),
    )
    events = list(timeline.events(client))
    assert events[0].action == "proposal_advanced"
    page = logged_in(klantmanager_velsen).get(
        reverse("clients:detail", args=[client.uuid])
    )
    assert events[0].summary in page.content.decode()


def test_the_access_log_is_never_deleted_with_the_file(
    klantmanager_velsen: User,
) -> None:
    from django.db.models import ProtectedError

    client = ClientFactory.create(klantmanager=klantmanager_velsen)
    logged_in(klantmanager_velsen).get(reverse("clients:detail", args=[client.uuid]))
    assert client.accesses.exists()
    assert not AuditEvent.objects.filter(client=client).exists()
    with pytest.raises(ProtectedError):
        client.delete()
    assert client.accesses.exists()
