"""Commitments (verplichtingen): derived from deployments and subsidy placements.

A commitment row is what one source costs in one calendar month; the rows are
never typed in. ``commitments_refresh`` rebuilds the rows of the sources it is
given (delete + bulk insert, a fixed number of queries per call, whatever the
number of sources); the trajectories services call
``commitments_refresh_for_deployment`` / ``commitments_refresh_for_placement``
after each write, and ``commitments_rebuild`` (nightly) rebuilds everything.
The rules (docs/budgets.md):

Deployments (inzetten)
    - A cancelled deployment (geannuleerd) commits nothing. Requested
      (aangevraagd), running and ended ones commit: a request is money the
      municipality is about to spend.
    - Cost per month (``cost_unit`` maand): the rate for every month the
      deployment runs, pro rata by calendar days in partial months (days
      covered / days in the month), like the wage-cost subsidy. Ending early
      releases the months after the actual end; extending commits the added
      months.
    - Cost per trajectory or per hour: ``total_cost`` (rate × units) spread
      over the calendar days from start to end inclusive: a month gets
      total × days covered / days of the deployment. The months are rounded
      cumulatively (half up), so they add up to the total to the cent. A
      changed rate or number of units (e.g. the hours actually used on an early
      end) changes the commitment.
    - Municipality: the client's; stream: the instrument's; category: the
      instrument's category (for budget lines).

Wage-cost subsidy placements (plaatsingen met loonkostensubsidie)
    - The subsidy of each month (``trajectories.subsidy``, the parameters of the
      first of the month, pro rata by calendar days covered / days in the
      month), on the benefits budget (BUIG). A placement without subsidy
      commits nothing.
    - After an assessment's next-due date the last loonwaarde is assumed to
      continue (a reassessment rarely stops the subsidy, and the budget must not
      look freed before it is). Months before the first assessment commit
      nothing: without an assessment there is no subsidy.
    - The period: start to end date; without an end date, a trial placement
      runs to its trial end, a kind with a maximum duration to that maximum,
      and any other to 31 December of the year after today (the next budget
      year), which the nightly rebuild moves on each new year.
"""

from __future__ import annotations

import calendar
import copy
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from django.db import transaction
from django.utils import timezone

from budgets.models import Commitment
from trajectories.models import (
    Deployment,
    DeploymentStatus,
    Placement,
    WageValueAssessment,
)
from trajectories.models.choices import CostUnit, FundingStream
from trajectories.subsidy import (
    ParameterTable,
    covered_days,
    month_subsidy,
    months_between,
)

CENT = Decimal("0.01")
SUBSIDY_STREAM = FundingStream.BENEFITS
BATCH = 2000
REBUILD_CHUNK = 500


@dataclass(frozen=True)
class MonthAmount:
    year: int
    month: int
    amount: Decimal


def _days_in(first: date, last: date) -> int:
    return (last - first).days + 1


def deployment_months(deployment: Deployment) -> list[MonthAmount]:
    """What a deployment commits per month (see the module's rules)."""
    if deployment.status == DeploymentStatus.CANCELLED:
        return []
    start, end = deployment.start_date, deployment.end_date
    months = months_between(start, end)
    if deployment.cost_unit == CostUnit.PER_MONTH:
        rate = Decimal(deployment.rate)
        result = []
        for month in months:
            first, last = covered_days(start, end, month) or (month, month)
            days_in_month = calendar.monthrange(month.year, month.month)[1]
            amount = (rate * _days_in(first, last) / days_in_month).quantize(
                CENT, rounding=ROUND_HALF_UP
            )
            result.append(MonthAmount(month.year, month.month, amount))
        return result
    total = Decimal(deployment.total_cost)
    total_days = _days_in(start, end)
    result = []
    days_so_far = 0
    committed = Decimal("0.00")
    for month in months:
        first, last = covered_days(start, end, month) or (month, month)
        days_so_far += _days_in(first, last)
        cumulative = (total * days_so_far / total_days).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        result.append(MonthAmount(month.year, month.month, cumulative - committed))
        committed = cumulative
    return result


def placement_last_day(placement: Placement, today: date) -> date:
    """The last day a placement commits: its end, or the assumed end of an open one."""
    if placement.end_date is not None:
        return placement.end_date
    kind = placement.kind
    if kind.is_trial and placement.trial_end_date is not None:
        return placement.trial_end_date
    if kind.max_duration_months:
        return (
            placement.start_date
            + relativedelta(months=kind.max_duration_months)
            - timedelta(days=1)
        )
    return date(today.year + 1, 12, 31)


def _continued(assessments: Iterable[WageValueAssessment]) -> list[WageValueAssessment]:
    """The assessments as valid until further notice: the last loonwaarde continues."""
    result = []
    for assessment in assessments:
        continued = copy.copy(assessment)
        continued.next_due_date = date.max
        result.append(continued)
    return result


def placement_months(
    placement: Placement,
    *,
    parameters: ParameterTable,
    assessments: list[WageValueAssessment],
    today: date,
) -> list[MonthAmount]:
    """What a wage-cost subsidy placement commits per month."""
    if not placement.wage_cost_subsidy:
        return []
    last_day = placement_last_day(placement, today)
    if last_day < placement.start_date:
        return []
    bounded = copy.copy(placement)
    bounded.end_date = last_day
    continued = _continued(assessments)
    result = []
    for month in months_between(placement.start_date, last_day):
        subsidy = month_subsidy(
            bounded, month, parameters=parameters, assessments=continued
        )
        if subsidy.amount:
            result.append(MonthAmount(month.year, month.month, subsidy.amount))
    return result


def _ids(sources: Iterable[Any] | None) -> list[int]:
    if sources is None:
        return []
    return [s if isinstance(s, int) else s.pk for s in sources]


@transaction.atomic
def commitments_refresh(
    *,
    deployments: Iterable[Any] | None = None,
    placements: Iterable[Any] | None = None,
    today: date | None = None,
) -> int:
    """Rebuild the commitment rows of these deployments and placements (objects or ids).

    At most nine queries per call however many sources: the sources (with the
    client, instrument and kind), the subsidy parameters, the assessments, two
    deletes and the inserts (in batches of 2,000 rows). Returns the rows written.
    """
    today = today or timezone.localdate()
    rows: list[Commitment] = []
    deployment_ids = _ids(deployments)
    placement_ids = _ids(placements)
    if deployment_ids:
        Commitment.objects.filter(deployment_id__in=deployment_ids).delete()
        for deployment in Deployment.objects.filter(
            pk__in=deployment_ids
        ).select_related("client", "instrument"):
            rows.extend(
                Commitment(
                    municipality_id=deployment.client.municipality_id,
                    funding_stream=deployment.instrument.funding_stream,
                    category_id=deployment.instrument.category_id,
                    year=m.year,
                    month=m.month,
                    amount=m.amount,
                    deployment=deployment,
                )
                for m in deployment_months(deployment)
                if m.amount
            )
    if placement_ids:
        Commitment.objects.filter(placement_id__in=placement_ids).delete()
        subsidised = list(
            Placement.objects.filter(
                pk__in=placement_ids, wage_cost_subsidy=True
            ).select_related("client", "kind")
        )
        if subsidised:
            parameters = ParameterTable.load()
            by_placement: dict[int, list[WageValueAssessment]] = {
                p.pk: [] for p in subsidised
            }
            for assessment in WageValueAssessment.objects.filter(
                placement_id__in=list(by_placement)
            ).order_by():
                by_placement[assessment.placement_id].append(assessment)
            for placement in subsidised:
                rows.extend(
                    Commitment(
                        municipality_id=placement.client.municipality_id,
                        funding_stream=SUBSIDY_STREAM,
                        year=m.year,
                        month=m.month,
                        amount=m.amount,
                        placement=placement,
                    )
                    for m in placement_months(
                        placement,
                        parameters=parameters,
                        assessments=by_placement[placement.pk],
                        today=today,
                    )
                )
    Commitment.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def commitments_refresh_for_deployment(deployment: Deployment) -> int:
    """After a deployment was created or changed (inside the same transaction)."""
    return commitments_refresh(deployments=[deployment])


def commitments_refresh_for_placement(placement: Placement) -> int:
    """After a placement or one of its wage-value assessments was written."""
    return commitments_refresh(placements=[placement])


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def commitments_rebuild(*, today: date | None = None) -> int:
    """Rebuild every commitment (nightly): idempotent, the same rows on every run.

    Catches what the per-write refresh cannot see: a client moved to another
    municipality, a new subsidy parameter row, open placements whose assumed
    end moves on with the year, and anything written outside the services.
    Each chunk of ``REBUILD_CHUNK`` sources is its own short transaction, so a
    user's save (which refreshes its own source) never waits for the whole job.
    """
    today = today or timezone.localdate()
    # Sources that no longer commit (cancelled, subsidy switched off).
    Commitment.objects.filter(deployment__status=DeploymentStatus.CANCELLED).delete()
    Commitment.objects.filter(placement__wage_cost_subsidy=False).delete()
    written = 0
    deployment_ids = list(
        Deployment.objects.committing().order_by("pk").values_list("pk", flat=True)
    )
    for chunk in _chunks(deployment_ids, REBUILD_CHUNK):
        written += commitments_refresh(deployments=chunk, today=today)
    placement_ids = list(
        Placement.objects.with_subsidy().order_by("pk").values_list("pk", flat=True)
    )
    for chunk in _chunks(placement_ids, REBUILD_CHUNK):
        written += commitments_refresh(placements=chunk, today=today)
    return written
