"""Demo data: about 3,000 werkzoekenden over the three municipalities (§12).

Histories (intakes, ladder measurements, contacts, goals, outflows, handovers)
are spread over the last 24 months and shaped to look like an ordinary working
day relative to today (see ``builder``). Files are spread over the klantmanagers
of their municipality, 80-150 open files each. Everything derives from
``seed``; rows are written with ``bulk_create`` so a SQLite database fills in
seconds. Idempotent: when the demo clients exist, nothing is added.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from clients.demo.builder import Batch, Builder, Caseloads
from clients.demo.data import BSN_BASE, SHARES, TOTAL
from clients.models import Client, Goal, Plan
from clients.reminders import reminders_generate
from clients.validators import make_bsn
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit.models import AuditEvent

__all__ = ["load"]


def _teams(codes: list[str]) -> dict[str, list[User]]:
    """The active klantmanagers of each municipality, in a stable order."""
    teams: dict[str, list[User]] = {code: [] for code in codes}
    klantmanagers = (
        User.objects.active_with_role(Role.KLANTMANAGER)
        .prefetch_related("municipalities")
        .order_by("username")
    )
    for user in klantmanagers:
        for municipality in user.municipalities.all():
            if municipality.cbs_code in teams:
                teams[municipality.cbs_code].append(user)
    return teams


@transaction.atomic
def load(*, seed: int, total: int = TOTAL) -> str:
    """Load the demo caseload; returns a one-line summary."""
    if Client.objects.filter(bsn=make_bsn(BSN_BASE)).exists():
        return f"{Client.objects.count()} werkzoekenden (al aanwezig)"
    today = timezone.localdate()
    municipalities = {
        m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=SHARES)
    }
    fallback = User.objects.filter(is_active=True).order_by("pk").first()
    if fallback is None or not municipalities:
        return "overgeslagen: eerst gemeenten en gebruikers nodig"
    builder = Builder(seed, today, fallback)
    codes = sorted(municipalities)
    caseloads = Caseloads(builder.rng, _teams(codes))
    weights = [SHARES[c] for c in codes]
    for i in range(total):
        cbs = builder.rng.choices(codes, weights=weights)[0]
        builder.client(i, municipalities[cbs], caseloads.assign(cbs))
    _save(builder.batch)
    created = reminders_generate(today=today)
    b = builder.batch
    return (
        f"{len(b.clients)} werkzoekenden, {len(b.contacts)} contacten, "
        f"{len(b.ladder)} metingen, {len(b.outflows)} uitstroom, "
        f"{len(b.changes)} historieregels, {sum(created.values())} taken"
    )


def _attach(objects: list[Any], clients: dict[uuid.UUID, int]) -> list[Any]:
    for obj in objects:
        obj.client_id = clients[obj.client.uuid]
        if isinstance(obj, AuditEvent):  # an event about the file itself
            obj.object_id = str(obj.client_id)
    return objects


def _save(b: Batch) -> None:
    size = 1000
    Client.objects.bulk_create(b.clients, batch_size=size)
    ids = dict(
        Client.objects.filter(uuid__in=[c.uuid for c in b.clients]).values_list(
            "uuid", "pk"
        )
    )
    for client in b.clients:
        client.pk = ids[client.uuid]
    Client.barrier_categories.through.objects.bulk_create(
        [
            Client.barrier_categories.through(client_id=ids[u], barriercategory_id=pk)
            for u, pk in b.barriers
        ],
        batch_size=size,
    )
    for model_objects in (
        b.intakes,
        b.ladder,
        b.contacts,
        b.outflows,
        b.handovers,
        b.changes,
    ):
        if model_objects:
            type(model_objects[0]).objects.bulk_create(
                _attach(model_objects, ids), batch_size=size
            )
    plans = [plan for _u, plan, _g in b.plans]
    Plan.objects.bulk_create(_attach(plans, ids), batch_size=size)
    plan_ids = dict(
        Plan.objects.filter(client_id__in=[p.client_id for p in plans]).values_list(
            "client_id", "pk"
        )
    )
    goals = []
    for _u, plan, plan_goals in b.plans:
        for goal in plan_goals:
            goal.plan_id = plan_ids[plan.client_id]
            goals.append(goal)
    Goal.objects.bulk_create(goals, batch_size=size)
