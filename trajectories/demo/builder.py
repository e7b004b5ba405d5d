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

from datetime import date, timedelta
from decimal import Decimal

from ijmondwerkt.demo import add_months, weekday_on_or_after, weighted
from trajectories.demo import data
from trajectories.demo.base import PAST_PLANNED_END, WAITING_DAYS
from trajectories.demo.placing import PlacementBuilder
from trajectories.demo.records import Profile, last_day_within
from trajectories.models import (
    CostUnit,
    Deployment,
    DeploymentStatus,
    Instrument,
    Provider,
    Trajectory,
)


class Builder(PlacementBuilder):
    """Trajectories and deployments, on top of placements and assessments."""

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
