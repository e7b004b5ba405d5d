"""Writes for employers, the contact log, vacancies and proposals. Every rule lives here.

One module per part of the domain; the public names are re-exported, so
``from employers import services; services.employer_update(...)`` keeps working.
Every write records an audit event (``ijmondwerkt.audit``) and every change of
an editable object goes through the version check (``ijmondwerkt.versioning``).
"""

from .common import check_werkmakelaar, only
from .contacts import (
    CONTACT_PERSON_FIELDS,
    FOLLOW_UP_TASK_KIND,
    contact_person_save,
    employer_contact_follow_up_complete,
    employer_contact_record,
    follow_up_reminders_due,
    follow_up_task,
)
from .employers import (
    EMPLOYER_FIELD_ORDER,
    EMPLOYER_FIELDS,
    IDENTIFIERS,
    employer_archive,
    employer_create,
    employer_update,
)
from .proposals import (
    DATE_FIELDS,
    DUPLICATE_PROPOSAL,
    PROPOSAL_TASK_KIND,
    PROPOSAL_TASK_TITLES,
    proposal_advance,
    proposal_create,
)
from .vacancies import (
    CLOSING_STATUSES,
    VACANCY_FIELD_ORDER,
    VACANCY_FIELDS,
    vacancies_expire,
    vacancy_close,
    vacancy_create,
    vacancy_update,
)

__all__ = [
    "CLOSING_STATUSES",
    "CONTACT_PERSON_FIELDS",
    "DATE_FIELDS",
    "DUPLICATE_PROPOSAL",
    "EMPLOYER_FIELDS",
    "EMPLOYER_FIELD_ORDER",
    "FOLLOW_UP_TASK_KIND",
    "IDENTIFIERS",
    "PROPOSAL_TASK_KIND",
    "PROPOSAL_TASK_TITLES",
    "VACANCY_FIELDS",
    "VACANCY_FIELD_ORDER",
    "check_werkmakelaar",
    "contact_person_save",
    "employer_archive",
    "employer_contact_follow_up_complete",
    "employer_contact_record",
    "employer_create",
    "employer_update",
    "follow_up_reminders_due",
    "follow_up_task",
    "only",
    "proposal_advance",
    "proposal_create",
    "vacancies_expire",
    "vacancy_close",
    "vacancy_create",
    "vacancy_update",
]
