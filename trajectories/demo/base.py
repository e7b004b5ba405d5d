"""The demo builder's state and small helpers: uuids, weekdays, picking clients."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Model

from employers.models import Employer
from ijmondwerkt.demo import weekday_on_or_after, weekday_on_or_before
from trajectories.demo.records import Batch, Event, Profile, profiles
from trajectories.models import (
    AssessmentMethod,
    Instrument,
    PlacementEndReason,
    PlacementKind,
    Provider,
    SubsidyParameter,
    TrajectoryEndReason,
)

WAITING_DAYS = 14  # how far back open follow-ups and planned ends may wait
PAST_PLANNED_END = 8  # open trajectories whose planned end passed recently


class BaseBuilder:
    """What one demo run shares: the code lists, the batch, the clients told."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.batch = Batch()
        self.instruments = {i.code: i for i in Instrument.objects.active()}
        self.providers: dict[str, list[Provider]] = {}
        for provider in Provider.objects.active().order_by("pk"):
            self.providers.setdefault(provider.kind, []).append(provider)
        self.end_reasons = {c.code: c for c in TrajectoryEndReason.objects.all()}
        self.kinds = {c.code: c for c in PlacementKind.objects.all()}
        self.placement_end_reasons = {
            c.code: c for c in PlacementEndReason.objects.all()
        }
        self.methods = {c.code: c for c in AssessmentMethod.objects.all()}
        self.parameters = list(SubsidyParameter.objects.order_by("valid_from"))
        self.employers = list(
            Employer.objects.filter(werkmakelaar__isnull=False)
            .order_by("pk")
            .values_list("pk", "werkmakelaar_id", "name")
        )
        self.profiles = profiles()
        self.used: set[int] = set()  # clients whose story is told
        self.past_planned_end = 0

    # --- helpers ---------------------------------------------------------------

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def between(self, first: date, last: date) -> date:
        """A weekday from ``first`` up to ``last`` (``first`` when the span is empty)."""
        if last <= first:
            return weekday_on_or_after(first)
        day = first + timedelta(days=self.rng.randint(0, (last - first).days))
        return weekday_on_or_before(day) if day > first else weekday_on_or_after(day)

    def candidates(
        self, groups: Iterable[int], *, open_only: bool = True, held_before: date
    ) -> list[Profile]:
        wanted = set(groups)
        return [
            p
            for p in self.profiles
            if p.group in wanted
            and p.pk not in self.used
            and (p.is_open or not open_only)
            and p.held <= held_before
        ]

    def take(self, pool: list[Profile]) -> Profile | None:
        while pool:
            profile = pool.pop(self.rng.randrange(len(pool)))
            if profile.pk not in self.used:
                self.used.add(profile.pk)
                return profile
        return None

    def provider(self, kinds: Sequence[str]) -> Provider | None:
        options = [p for kind in kinds for p in self.providers.get(kind, [])]
        return self.rng.choice(options) if options else None

    def wml(self, day: date) -> Decimal:
        valid = [p for p in self.parameters if p.valid_from <= day]
        chosen = valid[-1] if valid else self.parameters[0]
        return Decimal(chosen.wml_per_hour)

    def event(
        self,
        obj: Model,
        client_id: int,
        day: date,
        user_id: int | None,
        action: str,
        summary: str,
    ) -> None:
        self.batch.events.append(Event(obj, client_id, day, user_id, action, summary))
