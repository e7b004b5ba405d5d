"""Demo employers for the IJmond: ~400 employers, two years of contacts, 300 vacancies.

Idempotent: when the first demo employer exists, nothing is added. Fixed seed,
bulk inserts, so it runs in seconds on SQLite.
"""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from employers.demo.data import KVK_BASE
from employers.demo.pool import (
    contact_persons_create,
    contacts_create,
    employers_create,
    vacancies_create,
)
from employers.demo.proposals import proposals_create
from employers.models import Employer, Proposal

__all__ = ["load"]


def load(*, seed: int) -> str:
    """Add the demo employers, contacts and vacancies (once), then proposals (once).

    Proposals need clients, so this runs after the clients' demo; without
    clients it adds none and a later run adds them.
    """
    today = timezone.localdate()
    if Employer.objects.filter(kvk_number=f"{KVK_BASE:08d}").exists():
        summary = "werkgevers stonden er al"
    else:
        rng = random.Random(seed)
        with transaction.atomic():
            employers = employers_create(rng)
            persons = contact_persons_create(rng, employers)
            contacts, tasks = contacts_create(rng, today, employers, persons)
            vacancies = vacancies_create(rng, today, employers)
        summary = (
            f"{len(employers)} werkgevers, {len(persons)} contactpersonen, "
            f"{contacts} contacten ({tasks} open vervolgafspraken), "
            f"{vacancies} vacatures"
        )
    if Proposal.objects.exists():
        return summary
    with transaction.atomic():
        proposals = proposals_create(random.Random(seed + 1), today)
    return f"{summary}, {proposals} voordrachten" if proposals else summary
