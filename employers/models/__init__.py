"""Employer pool models, one module per part of the domain.

Code lists, employers (with contact persons and the contact log), vacancies,
proposals and matching weights. Everything public is re-exported here, so
``from employers.models import Vacancy`` keeps working.
"""

from .codelists import EmployerContactKind, SbiSection, SectorCluster, SizeClass
from .employers import (
    POOL_ROLES,
    ContactPerson,
    Employer,
    EmployerContact,
    EmployerContactQuerySet,
    EmployerQuerySet,
    RegionalPoolQuerySet,
    establishment_validator,
    kvk_validator,
    postal_code_validator,
)
from .proposals import (
    FINAL_STATUSES,
    PIPELINE,
    Proposal,
    ProposalQuerySet,
    ProposalStatus,
    RejectionReason,
)
from .vacancies import LanguageLevel, Vacancy, VacancyQuerySet
from .weights import DEFAULT_WEIGHTS, Criterion, MatchingWeight

__all__ = [
    "DEFAULT_WEIGHTS",
    "FINAL_STATUSES",
    "PIPELINE",
    "POOL_ROLES",
    "ContactPerson",
    "Criterion",
    "Employer",
    "EmployerContact",
    "EmployerContactKind",
    "EmployerContactQuerySet",
    "EmployerQuerySet",
    "LanguageLevel",
    "MatchingWeight",
    "Proposal",
    "ProposalQuerySet",
    "ProposalStatus",
    "RegionalPoolQuerySet",
    "RejectionReason",
    "SbiSection",
    "SectorCluster",
    "SizeClass",
    "Vacancy",
    "VacancyQuerySet",
    "establishment_validator",
    "kvk_validator",
    "postal_code_validator",
]
