"""Writes on client files. Every rule lives here; pages, API, admin and tasks call these.

Each service runs in a transaction, validates with ``full_clean()`` and raises
``ValidationError`` keyed by field name (Dutch messages), so nothing is stored
on bad input. Each write is recorded in the file's history, which is the
client's timeline.

The package follows the client journey: ``registration`` (the file),
``intake``, ``plan`` (goals and ladder), ``contacts``, ``lifecycle`` (outflow,
re-registration, handover, reassignment, move) and ``history``.
"""

from clients.selectors import policy_for
from clients.services.common import CLIENT_FIELDS
from clients.services.contacts import NO_SHOW_TASK_KIND, contact_record
from clients.services.intake import (
    INTAKE_OUTCOME_FIELD_ORDER,
    INTAKE_OUTCOME_FIELDS,
    intake_plan,
    intake_record,
)
from clients.services.lifecycle import (
    MOVE_TASK_KIND,
    client_move,
    client_outflow,
    client_reregister,
    clients_reassign,
    handover_return,
    handover_start,
    may_move,
)
from clients.services.plan import (
    goal_add,
    goal_set_status,
    ladder_ceiling_warning,
    ladder_measure,
    ladder_steps_refresh,
)
from clients.services.registration import (
    client_register,
    client_update,
    intake_deadline_for,
    possible_duplicates,
    search_period_end_for,
)

__all__ = [
    "CLIENT_FIELDS",
    "INTAKE_OUTCOME_FIELDS",
    "INTAKE_OUTCOME_FIELD_ORDER",
    "MOVE_TASK_KIND",
    "NO_SHOW_TASK_KIND",
    "client_move",
    "client_outflow",
    "client_register",
    "client_reregister",
    "client_update",
    "clients_reassign",
    "contact_record",
    "goal_add",
    "goal_set_status",
    "handover_return",
    "handover_start",
    "intake_deadline_for",
    "intake_plan",
    "intake_record",
    "ladder_ceiling_warning",
    "ladder_measure",
    "ladder_steps_refresh",
    "may_move",
    "policy_for",
    "possible_duplicates",
    "search_period_end_for",
]
