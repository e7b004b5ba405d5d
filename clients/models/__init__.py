"""Models of the clients app: the file, its casework, access log and code lists."""

from clients.models.casework import (
    Contact,
    Goal,
    Handover,
    Intake,
    LadderMeasurement,
    Outflow,
    Plan,
)
from clients.models.choices import (
    LADDER_CEILING,
    OPEN_STATUSES,
    Gender,
    LadderStep,
    Status,
    TargetGroup,
)
from clients.models.client import Client, ClientQuerySet
from clients.models.codes import (
    BarrierCategory,
    BenefitKind,
    ContactChannel,
    EducationLevel,
    InflowReason,
    OutflowReason,
    RegistrationChannel,
)
from clients.models.history import ClientAccess
from clients.models.policy import MunicipalityPolicy

__all__ = [
    "LADDER_CEILING",
    "OPEN_STATUSES",
    "BarrierCategory",
    "BenefitKind",
    "Client",
    "ClientAccess",
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
]
