"""The demo's records: what it knows of a client file, what it builds, its history rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

from clients.models import Client, Handover, Intake, Outflow
from employers.models import Proposal, ProposalStatus
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.demo import add_months, aware
from trajectories.models import (
    Deployment,
    FollowUp,
    Placement,
    Trajectory,
    WageValueAssessment,
)

OPEN = (Client.Status.REGISTERED, Client.Status.INTAKE, Client.Status.ACTIVE)


def last_day_within(start: date, months: int) -> date:
    """The last day a period of ``months`` months from ``start`` covers."""
    return add_months(start, months) - timedelta(days=1)


@dataclass
class Profile:
    """What the demo needs to know of a client file."""

    pk: int
    group: int
    status: str
    klantmanager_id: int | None
    registered: date
    held: date
    closed: date | None = None  # outflow or handover
    outflow_reason: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


@dataclass
class Event:
    obj: Model
    client_id: int
    day: date
    user_id: int | None
    action: str
    summary: str


@dataclass
class Batch:
    trajectories: list[Trajectory] = field(default_factory=list)
    deployments: list[Deployment] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    assessments: list[WageValueAssessment] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def profiles() -> list[Profile]:
    """Clients with a held intake (so a target group), in a stable order."""
    held: dict[int, date] = {
        client_id: day
        for client_id, day in Intake.objects.filter(
            held_date__isnull=False
        ).values_list("client_id", "held_date")
        if day is not None
    }
    profiles = {
        pk: Profile(pk, group, status, km, registered, held[pk])
        for pk, group, status, km, registered in Client.objects.filter(
            pk__in=held, target_group__isnull=False
        )
        .order_by("pk")
        .values_list(
            "pk", "target_group", "status", "klantmanager_id", "registration_date"
        )
    }
    for client_id, day, reason in Outflow.objects.values_list(
        "client_id", "date", "reason__code"
    ):
        if client_id in profiles:
            profiles[client_id].closed = day
            profiles[client_id].outflow_reason = reason
    for client_id, day in Handover.objects.filter(returned_on__isnull=True).values_list(
        "client_id", "started_on"
    ):
        if client_id in profiles:
            profiles[client_id].closed = day
    return list(profiles.values())


def hired_proposals() -> list[Proposal]:
    return list(
        Proposal.objects.filter(status=ProposalStatus.HIRED, placement__isnull=True)
        .select_related("vacancy__employer")
        .order_by("pk")
    )


def audit_events(events: list[Event]) -> list[AuditEvent]:
    """The history rows, once the objects have their primary keys."""
    types: dict[type[Model], ContentType] = {}
    now = timezone.now()
    rows = []
    for event in events:
        model = type(event.obj)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model)
        rows.append(
            AuditEvent(
                at=min(
                    now,
                    aware(event.day, 10 + event.obj.pk % 7, 15 * (event.obj.pk % 4)),
                ),
                user_id=event.user_id,
                action=event.action,
                summary=event.summary[:255],
                content_type=types[model],
                object_id=str(event.obj.pk),
                object_repr=str(event.obj)[:200],
                client_id=event.client_id,
                changes={},
            )
        )
    return rows
