"""What the client file shows of the trajectories app: trajectories (and
deployments outside one), placements, and the running wage-cost subsidies
with this month's amount. A fixed number of queries, however many rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from clients.models import Client
from trajectories.models import Deployment, DeploymentStatus, Placement, Trajectory
from trajectories.subsidy import month_start, subsidies_for


def client_file_sections(user: Any, client: Client, today: date) -> dict[str, Any]:
    """The context of the sections "Trajecten", "Plaatsingen" and
    "Loonkostensubsidie" on ``client``'s file, as ``user`` may see them."""
    committing = ~Q(deployments__status=DeploymentStatus.CANCELLED)
    trajectories = list(
        Trajectory.objects.for_user(user)
        .filter(client=client)
        .select_related("provider", "end_reason")
        .annotate(
            deployment_count=Count("deployments", filter=committing),
            deployment_cost=Coalesce(
                Sum("deployments__total_cost", filter=committing),
                Value(Decimal("0.00")),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            ),
        )
    )
    loose = list(
        Deployment.objects.for_user(user)
        .filter(client=client, trajectory__isnull=True)
        .select_related("instrument", "provider")
    )
    placements = list(
        Placement.objects.for_user(user)
        .filter(client=client)
        .select_related("employer", "kind")
    )
    month = month_start(today)
    running = [p for p in placements if p.wage_cost_subsidy and p.runs_on(today)]
    amounts = subsidies_for(running, month, month) if running else {}
    return {
        "client_trajectories": trajectories,
        "client_loose_deployments": loose,
        "client_placements": placements,
        "client_subsidies": [(p, amounts[p.pk][0]) for p in running],
        "subsidy_month": month,
    }
