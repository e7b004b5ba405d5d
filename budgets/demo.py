"""Demo of the budgets app: the commitments of the demo's deployments and placements.

The trajectories demo inserts its rows in bulk, past the services that keep
commitments current, so they are derived here in one rebuild (the same as
the nightly job; idempotent). Budgets and realisations come with the budget
pages.
"""

from __future__ import annotations

from budgets.commitments import commitments_rebuild


def load(*, seed: int) -> str:
    rows = commitments_rebuild()
    return f"{rows} verplichtingen afgeleid uit inzetten en plaatsingen"
