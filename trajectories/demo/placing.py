"""Placements with their follow-up moments, and wage-value assessments."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from employers.models import Proposal
from ijmondwerkt.demo import (
    add_months,
    weekday_on_or_after,
    weekday_on_or_before,
    weighted,
)
from trajectories.demo import data
from trajectories.demo.base import WAITING_DAYS, BaseBuilder
from trajectories.demo.records import Profile, last_day_within
from trajectories.models import (
    FollowUp,
    FollowUpOutcome,
    Placement,
    Trajectory,
    WageValueAssessment,
    placement_follow_up_dates,
)


class PlacementBuilder(BaseBuilder):
    """Placements, follow-up moments and assessments, as the services allow."""

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
