"""Models of the trajectories app: catalogue, trajectories, deployments, placements."""

from trajectories.models.catalogue import (
    Instrument,
    Provider,
    ReferenceQuerySet,
    SubsidyParameter,
)
from trajectories.models.choices import (
    FOLLOW_UP_MONTHS,
    CostUnit,
    DeploymentStatus,
    FollowUpOutcome,
    FundingStream,
    ProviderKind,
    TrajectoryKind,
)
from trajectories.models.codes import (
    AssessmentMethod,
    InstrumentCategory,
    PlacementEndReason,
    PlacementKind,
    TrajectoryEndReason,
)
from trajectories.models.placements import (
    FollowUp,
    Placement,
    WageValueAssessment,
    placement_follow_up_dates,
    reassessment_months,
    sustainable_months,
)
from trajectories.models.trajectories import Deployment, Trajectory

__all__ = [
    "FOLLOW_UP_MONTHS",
    "AssessmentMethod",
    "CostUnit",
    "Deployment",
    "DeploymentStatus",
    "FollowUp",
    "FollowUpOutcome",
    "FundingStream",
    "Instrument",
    "InstrumentCategory",
    "Placement",
    "PlacementEndReason",
    "PlacementKind",
    "Provider",
    "ProviderKind",
    "ReferenceQuerySet",
    "SubsidyParameter",
    "Trajectory",
    "TrajectoryEndReason",
    "TrajectoryKind",
    "WageValueAssessment",
    "placement_follow_up_dates",
    "reassessment_months",
    "sustainable_months",
]
