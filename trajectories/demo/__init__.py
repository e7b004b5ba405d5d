"""Demo trajectories, deployments, placements and assessments (domain guide §12).

About 800 trajectories over three years (three quarters individual guidance)
plus history from a previous system, deployments with their costs, 100
placements with wage-cost subsidy and their assessments, 95 garantiebanen,
the demo's hired proposals as placements, and follow-up moments in every
state; see ``stories``. Built on the clients' and employers' demo, relative to
today, from ``seed``, with ``bulk_create``. Idempotent: the demo providers are
added once, and when trajectories exist nothing else is added.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from ijmondwerkt.audit.models import AuditEvent
from trajectories.demo import data
from trajectories.demo.builder import Builder
from trajectories.demo.records import Batch, audit_events
from trajectories.demo.stories import tell
from trajectories.models import (
    Deployment,
    FollowUp,
    Placement,
    Provider,
    Trajectory,
    WageValueAssessment,
)
from trajectories.reminders import reminders_generate

__all__ = ["load"]

BATCH_SIZE = 1000


def providers_create() -> int:
    """The demo's re-integration companies, agencies and partners (once)."""
    added = 0
    for n, (name, kind, city) in enumerate(data.PROVIDERS):
        _provider, new = Provider.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "kvk_number": f"{data.KVK_BASE + n:08d}",
                "city": city,
            },
        )
        added += new
    return added


@transaction.atomic
def load(*, seed: int) -> str:
    """Load the demo's trajectories once; returns a one-line summary."""
    providers_create()
    if Trajectory.objects.exists():
        return f"{Trajectory.objects.count()} trajecten (al aanwezig)"
    builder = Builder(random.Random(f"{seed}-trajectories"), timezone.localdate())
    if not builder.profiles or not builder.employers or not builder.parameters:
        return "overgeslagen: eerst werkzoekenden en werkgevers nodig"
    tell(builder)
    _save(builder.batch)
    created = reminders_generate(today=builder.today)
    b = builder.batch
    kinds = Counter(p.kind.code for p in b.placements)
    subsidised = sum(p.wage_cost_subsidy for p in b.placements)
    return (
        f"{len(b.trajectories)} trajecten, {len(b.deployments)} inzetten, "
        f"{len(b.placements)} plaatsingen ({subsidised} met loonkostensubsidie, "
        f"{kinds['garantiebaan']} garantiebanen), {len(b.follow_ups)} nazorgmomenten, "
        f"{len(b.assessments)} loonwaardebepalingen, {sum(created.values())} taken"
    )


def _bulk(model: type[Model], objects: list[Any]) -> None:
    """Insert ``objects`` and make sure each knows its primary key."""
    model._default_manager.bulk_create(objects, batch_size=BATCH_SIZE)
    missing = [o for o in objects if o.pk is None]
    if missing:  # a backend that does not return the new keys
        pks = dict(
            model._default_manager.filter(
                uuid__in=[o.uuid for o in missing]
            ).values_list("uuid", "pk")
        )
        for obj in missing:
            obj.pk = pks[obj.uuid]


def _save(b: Batch) -> None:
    _bulk(Trajectory, b.trajectories)
    _bulk(Deployment, b.deployments)
    _bulk(Placement, b.placements)
    _bulk(FollowUp, b.follow_ups)
    _bulk(WageValueAssessment, b.assessments)
    AuditEvent.objects.bulk_create(audit_events(b.events), batch_size=BATCH_SIZE)
