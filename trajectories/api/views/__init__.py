"""Partner API for the catalogue, trajectories, deployments, placements and assessments.

Reads start from ``for_user``; writes go through trajectories.services, so
the API refuses exactly what the pages refuse. Every answer naming a client
is access-logged through ``PersonalDataMixin``.
"""

from __future__ import annotations

from trajectories.api.views.assessments import AssessmentViewSet
from trajectories.api.views.catalogue import InstrumentViewSet, ProviderViewSet
from trajectories.api.views.placements import PlacementViewSet
from trajectories.api.views.trajectories import DeploymentViewSet, TrajectoryViewSet

__all__ = [
    "AssessmentViewSet",
    "DeploymentViewSet",
    "InstrumentViewSet",
    "PlacementViewSet",
    "ProviderViewSet",
    "TrajectoryViewSet",
]
