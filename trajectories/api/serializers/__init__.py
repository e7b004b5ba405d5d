"""Voorzieningen, aanbieders, trajecten, inzetten, plaatsingen and loonwaardebepalingen.

English model fields map to Dutch camelCase API names here, in one place.
Code lists travel as their ``code``, related rows as their uuid, staff as
their username. Writes go through trajectories.services; these serializers
only check shapes.
"""

from __future__ import annotations

from trajectories.api.serializers.assessments import (
    AssessmentSerializer,
    AssessmentUpdateSerializer,
)
from trajectories.api.serializers.catalogue import (
    InstrumentSerializer,
    ProviderSerializer,
)
from trajectories.api.serializers.placements import (
    FollowUpSerializer,
    MonthSubsidySerializer,
    PlacementSerializer,
    PlacementSubsidySerializer,
    PlacementUpdateSerializer,
)
from trajectories.api.serializers.trajectories import (
    DeploymentSerializer,
    DeploymentUpdateSerializer,
    TrajectorySerializer,
    TrajectoryUpdateSerializer,
)

__all__ = [
    "AssessmentSerializer",
    "AssessmentUpdateSerializer",
    "DeploymentSerializer",
    "DeploymentUpdateSerializer",
    "FollowUpSerializer",
    "InstrumentSerializer",
    "MonthSubsidySerializer",
    "PlacementSerializer",
    "PlacementSubsidySerializer",
    "PlacementUpdateSerializer",
    "ProviderSerializer",
    "TrajectorySerializer",
    "TrajectoryUpdateSerializer",
]
