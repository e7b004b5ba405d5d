from __future__ import annotations

import pytest

from employers import demo
from employers.models import (
    Employer,
    EmployerContact,
    Vacancy,
)
from ijmondwerkt import identifiers
from ijmondwerkt.accounts import demo as accounts_demo
from ijmondwerkt.inbox.models import Task

pytestmark = pytest.mark.django_db


def test_demo_loads_the_pool_once() -> None:
    accounts_demo.load(seed=2026)
    summary = demo.load(seed=2026)
    assert "400 werkgevers" in summary
    assert Employer.objects.count() == 400
    assert Vacancy.objects.count() == 300
    assert Vacancy.objects.open().exists()
    assert EmployerContact.objects.count() > 400 * 2
    assert Employer.objects.values("sector_cluster").distinct().count() == 10
    for kvk, establishment, postcode in Employer.objects.values_list(
        "kvk_number", "establishment_number", "postal_code"
    ):
        assert identifiers.normalise_kvk(kvk) == kvk
        assert identifiers.normalise_establishment_number(establishment) == (
            establishment
        )
        assert identifiers.normalise_postcode(postcode) == postcode
    open_follow_ups = EmployerContact.objects.filter(
        follow_up_date__isnull=False, follow_up_done_at__isnull=True
    ).count()
    assert Task.objects.count() == open_follow_ups > 0
    counts = (
        Employer.objects.count(),
        EmployerContact.objects.count(),
        Task.objects.count(),
    )
    assert demo.load(seed=2026) == "werkgevers stonden er al"
    assert counts == (
        Employer.objects.count(),
        EmployerContact.objects.count(),
        Task.objects.count(),
    )


def test_demo_adds_proposals_in_every_state_once(werkmakelaar: object) -> None:
    from clients.models import Client
    from employers.models import Proposal, ProposalStatus
    from tests.clients.factories import ClientFactory

    accounts_demo.load(seed=2026)
    ClientFactory.create_batch(40, status=Client.Status.ACTIVE)
    summary = demo.load(seed=2026)
    assert "voordrachten" in summary
    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert statuses == set(ProposalStatus.values)
    assert not Proposal.objects.filter(status="afgewezen", rejection_reason="").exists()
    count = Proposal.objects.count()
    demo.load(seed=2026)
    assert Proposal.objects.count() == count
