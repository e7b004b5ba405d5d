"""Demo proposals (voordrachten): candidates for the pool's open and filled vacancies."""

from __future__ import annotations

import random
from datetime import date, timedelta

from clients.models import Client
from employers.demo.pool import werkmakelaars
from employers.models import Proposal, ProposalStatus, RejectionReason, Vacancy
from ijmondwerkt.accounts.models import User

# Open vacancies get proposals still in the pipeline (and some ended); filled
# vacancies get the hired ones. Together every status occurs.
OPEN_MIX = (
    (ProposalStatus.PROPOSED, 4),
    (ProposalStatus.INVITED, 3),
    (ProposalStatus.INTERVIEW, 2),
    (ProposalStatus.REJECTED, 2),
    (ProposalStatus.WITHDRAWN, 1),
)


def proposals_create(rng: random.Random, today: date) -> int:
    """Proposals by the werkmakelaar of each vacancy's employer."""
    team = werkmakelaars()
    fallback = team[0] if team else None
    clients = list(
        Client.objects.filter(status=Client.Status.ACTIVE)
        .exclude(target_group=4)
        .order_by("pk")
        .values_list("pk", flat=True)[:2000]
    )
    if fallback is None or len(clients) < 10:
        return 0
    rows: list[Proposal] = []
    vacancies = (
        Vacancy.objects.filter(status__in=(Vacancy.Status.OPEN, Vacancy.Status.FILLED))
        .select_related("employer__werkmakelaar")
        .order_by("pk")
    )
    for vacancy in vacancies:
        proposer = vacancy.employer.werkmakelaar or fallback
        if vacancy.status == Vacancy.Status.OPEN:
            statuses = rng.choices(
                [s for s, _ in OPEN_MIX], [w for _, w in OPEN_MIX], k=rng.randint(1, 4)
            )
        else:
            statuses = [ProposalStatus.HIRED] * vacancy.places + [
                ProposalStatus.REJECTED
            ] * rng.randint(0, 2)
        for status, client_id in zip(
            statuses, rng.sample(clients, len(statuses)), strict=True
        ):
            rows.append(_proposal(rng, vacancy, client_id, proposer, status, today))
    Proposal.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _proposal(
    rng: random.Random,
    vacancy: Vacancy,
    client_id: int,
    proposer: User,
    status: ProposalStatus,
    today: date,
) -> Proposal:
    end = min(vacancy.status_changed_on or today, today)
    proposed = max(vacancy.open_date, end - timedelta(days=rng.randint(10, 40)))
    invited = proposed + timedelta(days=rng.randint(1, 5))
    interview = invited + timedelta(days=rng.randint(2, 7))
    reached = {
        ProposalStatus.PROPOSED: 0,
        ProposalStatus.INVITED: 1,
        ProposalStatus.INTERVIEW: 2,
        ProposalStatus.WITHDRAWN: rng.randint(0, 1),
        ProposalStatus.REJECTED: rng.randint(1, 2),
        ProposalStatus.HIRED: 2,
    }[status]
    final = status in (
        ProposalStatus.HIRED,
        ProposalStatus.REJECTED,
        ProposalStatus.WITHDRAWN,
    )
    return Proposal(
        vacancy=vacancy,
        client_id=client_id,
        proposed_by=proposer,
        status=status,
        proposed_on=proposed,
        invited_on=min(invited, today) if reached >= 1 else None,
        interview_on=min(interview, today) if reached >= 2 else None,
        decided_on=min(interview + timedelta(days=3), today) if final else None,
        rejection_reason=rng.choice(RejectionReason.values)
        if status == ProposalStatus.REJECTED
        else "",
    )
