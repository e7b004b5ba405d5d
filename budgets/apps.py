from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _refresh_commitments(
    sender: Any, *, deployments: Any, placements: Any, **kwargs: Any
) -> None:
    from budgets.commitments import commitments_refresh

    commitments_refresh(deployments=deployments, placements=placements)


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = _("Budgetten")

    def ready(self) -> None:
        from trajectories.events import costs_changed

        # Commitments are derived from deployments and subsidy placements:
        # rebuilt for the changed ones within the same transaction.
        costs_changed.connect(_refresh_commitments, dispatch_uid="budgets.commitments")
