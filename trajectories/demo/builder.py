"""The trajectories demo, story by story, on top of the clients' and employers' demo.

Every row obeys the rules the services enforce (``deployment_eligibility``,
the placement and assessment checks): no participation-budget instrument for
target group 4, an instrument only for the groups it allows, ``requires_
trajectory`` instruments only inside a running trajectory, deployments within
their trajectory and the instrument's maximum duration, a trial placement of
at most two months, an end date always with its reason.

The files look like an ordinary working day relative to "today": follow-up
moments long past were held, a few of the last three weeks wait; assessments
were renewed before they expired, except a few that ran out days ago;
trajectories past their planned end were ended or extended, a handful of the
last weeks are waiting for the klantmanager.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from django.db.models import Model

from employers.models import Employer, Proposal
from ijmondwerkt.demo import (
    add_months,
    weekday_on_or_after,
    weekday_on_or_before,
    weighted,
)
from trajectories.demo import data
from trajectories.demo.records import (
    Batch,
    Event,
    Profile,
    last_day_within,
    profiles,
)
from trajectories.models import (
    AssessmentMethod,
    CostUnit,
    Deployment,
    DeploymentStatus,
    FollowUp,
    FollowUpOutcome,
    Instrument,
    Placement,
    PlacementEndReason,
    PlacementKind,
    Provider,
    SubsidyParameter,
    Trajectory,
    TrajectoryEndReason,
    WageValueAssessment,
    placement_follow_up_dates,
)

WAITING_DAYS = 14  # how far back open follow-ups and planned ends may wait
PAST_PLANNED_END = 8  # open trajectories whose planned end passed recently


class Builder:
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

    # --- trajectories ----------------------------------------------------------

    def trajectory(
        self,
        profile: Profile,
        kind: str,
        start: date,
        *,
        end: date | None = None,
        reason: str = "",
        planned: date | None = None,
        goals: str | None = None,
        lead: str = "",
        provider: Provider | None | bool = True,
    ) -> Trajectory:
        rng = self.rng
        if planned is None:
            planned = add_months(start, weighted(rng, data.PLANNED_MONTHS))
        if end is None and planned < self.today - timedelta(days=WAITING_DAYS):
            if rng.random() < 0.5:  # extended by the klantmanager
                planned = add_months(self.today, rng.randint(2, 9))
            else:
                end = self.between(
                    max(start + timedelta(days=30), planned - timedelta(days=60)),
                    min(planned + timedelta(days=20), self.today - timedelta(days=1)),
                )
                end = max(start, end)
                reason = weighted(rng, data.END_REASONS)
        if end is None and planned < self.today:
            if self.past_planned_end < PAST_PLANNED_END:
                self.past_planned_end += 1  # waits in the klantmanager's list
            else:
                planned = add_months(self.today, rng.randint(1, 6))
        if provider is True:
            provider = self.provider(data.TRAJECTORY_PROVIDERS[kind])
        chosen = provider if isinstance(provider, Provider) else None
        trajectory = Trajectory(
            uuid=self.uuid(),
            client_id=profile.pk,
            kind=kind,
            provider=chosen,
            lead_organisation=lead or "IJmond Werkt",
            start_date=start,
            planned_end_date=max(planned, start),
            end_date=end,
            end_reason=self.end_reasons[reason] if end else None,
            goals=rng.choice(data.GOALS) if goals is None else goals,
            klantmanager_id=profile.klantmanager_id,
        )
        self.batch.trajectories.append(trajectory)
        self.event(
            trajectory,
            profile.pk,
            start,
            profile.klantmanager_id,
            "trajectory_created",
            f"Traject {trajectory.get_kind_display()} gestart",
        )
        if end is not None:
            self.event(
                trajectory,
                profile.pk,
                end,
                profile.klantmanager_id,
                "trajectory_ended",
                f"Traject beëindigd: {trajectory.end_reason}",
            )
        return trajectory

    def kind_for(self, profile: Profile) -> str:
        return weighted(
            self.rng, data.KINDS_GROUP_4 if profile.group == 4 else data.KINDS
        )

    # --- deployments -----------------------------------------------------------

    def allowed(
        self,
        instrument: Instrument,
        group: int,
        trajectory: Trajectory | None,
        start: date,
        end: date,
    ) -> bool:
        """The rules of ``deployment_eligibility``, on the demo's own values."""
        if instrument.is_participation_funded and group == 4:
            return False
        if not instrument.allows_group(group) or end < start:
            return False
        if instrument.requires_trajectory and (
            trajectory is None or not trajectory.runs_on(start)
        ):
            return False
        months = instrument.max_duration_months
        if months and end > last_day_within(start, months):
            return False
        if trajectory is not None:
            if start < trajectory.start_date:
                return False
            if trajectory.end_date is not None and end > trajectory.end_date:
                return False
        return True

    def deployment(
        self,
        profile: Profile,
        instrument: Instrument,
        start: date,
        end: date,
        trajectory: Trajectory | None = None,
    ) -> Deployment | None:
        rng = self.rng
        if not self.allowed(instrument, profile.group, trajectory, start, end):
            return None
        provider = self.provider(instrument.provider_kinds)
        rate = Decimal(instrument.default_cost)
        if provider is not None and provider.kind == "re-integratiebedrijf" and rate:
            rate = (rate * Decimal(rng.choice(["0.9", "1", "1", "1.1"]))).quantize(
                Decimal("1")
            )
        months = max(1, round((end - start).days / 30.44))
        units = {
            CostUnit.PER_TRAJECTORY: Decimal(1),
            CostUnit.PER_MONTH: Decimal(months),
            CostUnit.PER_HOUR: Decimal(months * rng.randint(6, 16)),
        }[CostUnit(instrument.cost_unit)]
        if start > self.today:
            status = DeploymentStatus.REQUESTED
        elif end < self.today or (trajectory is not None and trajectory.end_date):
            status = DeploymentStatus.ENDED
        else:
            status = DeploymentStatus.RUNNING
        if rng.random() < 0.03:
            status = DeploymentStatus.CANCELLED
        deployment = Deployment(
            uuid=self.uuid(),
            client_id=profile.pk,
            trajectory=trajectory,
            instrument=instrument,
            provider=provider,
            start_date=start,
            end_date=end,
            cost_unit=instrument.cost_unit,
            rate=rate,
            units=units,
            status=status,
        )
        deployment.total_cost = deployment.compute_total_cost()
        self.batch.deployments.append(deployment)
        self.event(
            deployment,
            profile.pk,
            min(start, self.today),
            profile.klantmanager_id,
            "deployment_created",
            f"Inzet {instrument.name} vastgelegd",
        )
        return deployment

    def window_end(self, trajectory: Trajectory) -> date:
        """The last day a deployment of ``trajectory`` may run (as planned)."""
        return trajectory.end_date or trajectory.planned_end_date or self.today

    def fill(self, profile: Profile, trajectory: Trajectory, until: date) -> None:
        """One to three instruments of the trajectory's kind, one after another."""
        rng = self.rng
        codes = [
            c
            for c in data.KIND_INSTRUMENTS[trajectory.kind]
            if c in self.instruments and rng.random() < 0.5
        ] or data.KIND_INSTRUMENTS[trajectory.kind][:1]
        last = min(until, self.window_end(trajectory))
        start = trajectory.start_date
        for code in codes[:3]:
            instrument = self.instruments.get(code)
            if instrument is None or start > last:
                break
            longest = instrument.max_duration_months or 12
            months = rng.randint(1, min(longest, 12))
            end = min(last, last_day_within(start, months))
            if self.deployment(profile, instrument, start, end, trajectory):
                start = weekday_on_or_after(
                    start + timedelta(days=rng.randint(14, max(14, (end - start).days)))
                )

    # --- placements ------------------------------------------------------------

    def placement(
        self,
        profile: Profile,
        kind: str,
        start: date,
        *,
        employer: tuple[int, int, str] | None = None,
        trajectory: Trajectory | None = None,
        subsidy: bool = False,
        end: date | None = None,
        end_reason: str = "",
        job_title: str | None = None,
        hours: Decimal | None = None,
        proposal: Proposal | None = None,
    ) -> Placement:
        rng = self.rng
        code = self.kinds[kind]
        employer_pk, werkmakelaar_id, employer_name = employer or rng.choice(
            self.employers
        )
        if hours is None:
            hours = Decimal(
                rng.choice([8, 12, 16])
                if kind == "vrijwilligerswerk"
                else rng.choice([16, 20, 24, 28, 32, 36])
            )
        wage = None
        if code.paid_work:
            extra = Decimal(rng.randint(0, 300)) / 100
            wage = (self.wml(start) + extra).quantize(Decimal("0.01"), ROUND_CEILING)
        trial_end = last_day_within(start, 2) if code.is_trial else None
        if code.is_trial and end is not None:
            trial_end = min(trial_end or end, end)
        if end is not None and not end_reason:
            end_reason = weighted(rng, data.PLACEMENT_END_REASONS)
        placement = Placement(
            uuid=self.uuid(),
            client_id=profile.pk,
            employer_id=employer_pk,
            vacancy_id=proposal.vacancy_id if proposal else None,
            proposal=proposal,
            trajectory=trajectory,
            kind=code,
            job_title=job_title or rng.choice(data.JOB_TITLES),
            start_date=start,
            end_date=end,
            end_reason=self.placement_end_reasons[end_reason] if end else None,
            hours_per_week=hours,
            wage_per_hour=wage,
            trial_end_date=trial_end,
            wage_cost_subsidy=subsidy,
            registered_by_id=werkmakelaar_id,
        )
        self.batch.placements.append(placement)
        self.event(
            placement,
            profile.pk,
            min(start, self.today),
            werkmakelaar_id,
            "placement_registered",
            f"Geplaatst als {placement.job_title} bij {employer_name}",
        )
        if end is not None and end <= self.today:
            self.event(
                placement,
                profile.pk,
                end,
                werkmakelaar_id,
                "placement_ended",
                f"Plaatsing beëindigd: {placement.end_reason}",
            )
        self.follow_ups(profile, placement)
        return placement

    def follow_ups(self, profile: Profile, placement: Placement) -> None:
        """Held when long due; a few recent ones wait; after an early end: stopped."""
        rng, today = self.rng, self.today
        end = placement.end_date
        stopped_told = False
        for months, due in placement_follow_up_dates(placement.start_date):
            follow_up = FollowUp(
                uuid=self.uuid(), placement=placement, months=months, due_date=due
            )
            self.batch.follow_ups.append(follow_up)
            if end is not None and due > end:
                if stopped_told or end > today:
                    continue
                stopped_told = True
                held = weekday_on_or_after(end + timedelta(days=rng.randint(2, 10)))
                if held <= today:
                    self.hold(profile, follow_up, held, FollowUpOutcome.STOPPED)
                continue
            if due >= today:
                continue  # today's moments are recorded later in the day
            recent = (today - due).days <= WAITING_DAYS
            if recent and rng.random() < 0.25:
                continue  # still waiting: due today or overdue by days
            held = weekday_on_or_after(due + timedelta(days=rng.randint(-3, 5)))
            held = min(max(held, placement.start_date), today)
            outcome = (
                FollowUpOutcome.NOT_REACHED
                if rng.random() < 0.1
                else FollowUpOutcome.STILL_WORKING
            )
            self.hold(profile, follow_up, held, outcome)

    def hold(
        self, profile: Profile, follow_up: FollowUp, held: date, outcome: str
    ) -> None:
        follow_up.held_on = held
        follow_up.outcome = outcome
        follow_up.note = self.rng.choice(data.FOLLOW_UP_NOTES[outcome])
        follow_up.recorded_by_id = follow_up.placement.registered_by_id
        self.event(
            follow_up,
            profile.pk,
            held,
            follow_up.recorded_by_id,
            "follow_up_recorded",
            f"Nazorg na {follow_up.months} maanden: "
            f"{FollowUpOutcome(outcome).label.lower()}",
        )

    # --- assessments -----------------------------------------------------------

    def assessment(
        self,
        profile: Profile,
        assessed_on: date,
        *,
        placement: Placement | None = None,
        job: str = "",
        wage_value: int | None = None,
    ) -> WageValueAssessment:
        rng = self.rng
        value = rng.randint(30, 80) if wage_value is None else wage_value
        assessment = WageValueAssessment(
            uuid=self.uuid(),
            client_id=profile.pk,
            placement=placement,
            job_description=job,
            assessed_on=assessed_on,
            method=self.methods[weighted(rng, data.METHODS)],
            assessor=rng.choice(data.ASSESSORS),
            wage_value=value,
            next_due_date=WageValueAssessment.default_next_due(assessed_on),
        )
        self.batch.assessments.append(assessment)
        self.event(
            assessment,
            profile.pk,
            assessed_on,
            profile.klantmanager_id,
            "assessment_created",
            f"Loonwaarde bepaald: {value}%",
        )
        return assessment

    def assessments(
        self, profile: Profile, placement: Placement, *, overdue: bool
    ) -> None:
        """At the start, then renewed before each expiry while the placement runs.

        ``overdue``: the last renewal was not made; its due date passed days ago.
        """
        rng, today = self.rng, self.today
        day = weekday_on_or_before(
            placement.start_date - timedelta(days=rng.randint(0, 10))
        )
        value = rng.randint(35, 75)
        stop = min(placement.end_date or today, today)
        while True:
            assessment = self.assessment(
                profile, day, placement=placement, wage_value=value
            )
            due = assessment.next_due_date
            renewal = weekday_on_or_before(due - timedelta(days=rng.randint(0, 14)))
            if overdue and due < today <= add_months(due, 1):
                break
            if renewal > stop:
                break
            day = renewal
            value = max(0, min(100, value + rng.choice([-5, 0, 0, 5, 10])))
