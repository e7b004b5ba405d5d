"""Models of the clients app: the file, its casework, history and code lists."""

from clients.models.casework import (
    Contact,
    Goal,
    Handover,
    Intake,
    LadderMeasurement,
    Outflow,
    Plan,
)
from clients.models.client import (
    LADDER_CEILING,
    OPEN_STATUSES,
    Client,
    ClientQuerySet,
    Gender,
    LadderStep,
    Status,
    TargetGroup,
    add_working_days,
)
from clients.models.codes import (
    BarrierCategory,
    BenefitKind,
    ContactChannel,
    EducationLevel,
    InflowReason,
    OutflowReason,
    RegistrationChannel,
)
from clients.models.history import ClientAccess, ClientChange
from clients.models.policy import MunicipalityPolicy

__all__ = [
    "LADDER_CEILING",
    "OPEN_STATUSES",
    "BarrierCategory",
    "BenefitKind",
    "Client",
    "ClientAccess",
    "ClientChange",
    "ClientQuerySet",
    "Contact",
    "ContactChannel",
    "EducationLevel",
    "Gender",
    "Goal",
    "Handover",
    "InflowReason",
    "Intake",
    "LadderMeasurement",
    "LadderStep",
    "MunicipalityPolicy",
    "Outflow",
    "OutflowReason",
    "Plan",
    "RegistrationChannel",
    "Status",
    "TargetGroup",
    "add_working_days",
]
