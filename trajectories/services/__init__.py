"""Writes of the trajectories app. Every rule lives here; pages, API, beheer,
jobs and demo data call these.

Each service is keyword-only and runs in a transaction; a refused write
raises ``ValidationError`` keyed by field (Dutch messages) and stores
nothing; a row the user may not see raises ``ijmondwerkt.domain.NotFound``.
``user`` is the acting person or a partner system's technical user; every
write is recorded in the audit trail, on the client's file where it has one.
Versioned edits take ``expected_version`` (ijmondwerkt.versioning).
"""

from trajectories.services.assessments import (
    ASSESSMENT_FIELD_ORDER,
    assessment_create,
    assessment_update,
)
from trajectories.services.catalogue import (
    INSTRUMENT_FIELD_ORDER,
    PARAMETER_FIELD_ORDER,
    PROVIDER_FIELD_ORDER,
    code_save,
    instrument_create,
    instrument_update,
    parameter_create,
    parameter_update,
    provider_create,
    provider_update,
)
from trajectories.services.deployments import (
    DEPLOYMENT_FIELD_ORDER,
    deployment_create,
    deployment_eligibility,
    deployment_update,
)
from trajectories.services.follow_up import FOLLOW_UP_FIELD_ORDER, follow_up_record
from trajectories.services.placements import (
    OUTFLOW_TO_WORK_CODE,
    PLACEMENT_END_FIELDS,
    PLACEMENT_FIELD_ORDER,
    PLACEMENT_TASK_KIND,
    PlacementSuggestions,
    placement_create,
    placement_defaults_from_proposal,
    placement_end,
    placement_suggestions,
    placement_update,
    proposal_hire,
)
from trajectories.services.trajectories import (
    LADDER_TASK_KIND,
    TRAJECTORY_END_FIELDS,
    TRAJECTORY_FIELD_ORDER,
    trajectory_create,
    trajectory_end,
    trajectory_update,
)

__all__ = [
    "ASSESSMENT_FIELD_ORDER",
    "DEPLOYMENT_FIELD_ORDER",
    "FOLLOW_UP_FIELD_ORDER",
    "INSTRUMENT_FIELD_ORDER",
    "LADDER_TASK_KIND",
    "OUTFLOW_TO_WORK_CODE",
    "PARAMETER_FIELD_ORDER",
    "PLACEMENT_END_FIELDS",
    "PLACEMENT_FIELD_ORDER",
    "PLACEMENT_TASK_KIND",
    "PROVIDER_FIELD_ORDER",
    "TRAJECTORY_END_FIELDS",
    "TRAJECTORY_FIELD_ORDER",
    "PlacementSuggestions",
    "assessment_create",
    "assessment_update",
    "code_save",
    "deployment_create",
    "deployment_eligibility",
    "deployment_update",
    "follow_up_record",
    "instrument_create",
    "instrument_update",
    "parameter_create",
    "parameter_update",
    "placement_create",
    "placement_defaults_from_proposal",
    "placement_end",
    "placement_suggestions",
    "placement_update",
    "proposal_hire",
    "provider_create",
    "provider_update",
    "trajectory_create",
    "trajectory_end",
    "trajectory_update",
]
