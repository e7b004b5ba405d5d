"""What other apps may hear from the trajectories app: its costs changed.

The budgets app keeps its commitments (derived from deployments and subsidy
placements) up to date by listening; the trajectories app does not know who
listens. The services send these inside their transaction, so a listener's
writes commit or roll back with the change itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.dispatch import Signal

# kwargs: deployments (iterable of Deployment), placements (iterable of Placement)
costs_changed = Signal()


def announce_costs_changed(
    *,
    deployments: Iterable[Any] = (),
    placements: Iterable[Any] = (),
) -> None:
    """Tell listeners these deployments or placements (or their costs) changed."""
    deployments, placements = list(deployments), list(placements)
    if deployments or placements:
        costs_changed.send(
            sender=announce_costs_changed,
            deployments=deployments,
            placements=placements,
        )
