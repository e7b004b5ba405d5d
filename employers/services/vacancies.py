"""Writes for vacancies: register, change, close, expire."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Employer, Vacancy
from ijmondwerkt.accounts.models import User
from ijmondwerkt.audit import diff, record, snapshot
from ijmondwerkt.versioning import lock_for_update, save_versioned, versioned_update

from .common import created, only

# In the order the forms show them.
VACANCY_FIELD_ORDER = (
    "title",
    "occupation",
    "sector_cluster",
    "description",
    "hours_per_week",
    "places",
    "location_municipality",
    "education_level",
    "language_level",
    "driving_licence_required",
    "suits_banenafspraak",
    "suits_beschut",
    "trial_placement_possible",
    "job_carved",
    "open_date",
    "close_date",
)
VACANCY_FIELDS = frozenset(VACANCY_FIELD_ORDER)
CLOSING_STATUSES = frozenset({Vacancy.Status.FILLED, Vacancy.Status.WITHDRAWN})


@transaction.atomic
def vacancy_create(
    *,
    employer: Employer,
    title: str,
    hours_per_week: Any,
    open_date: date,
    created_by: User | None = None,
    actor: Any = None,
    **fields: Any,
) -> Vacancy:
    """Register a vacancy at an active employer; it starts open."""
    if employer.is_archived:
        raise ValidationError(
            {
                "employer": _(
                    "Bij een gearchiveerde werkgever kunt u geen vacature aanmaken."
                )
            }
        )
    vacancy = Vacancy(
        employer=employer,
        title=title.strip(),
        hours_per_week=hours_per_week,
        open_date=open_date,
        created_by=created_by,
        **only(fields, VACANCY_FIELDS),
    )
    if vacancy.sector_cluster_id is None:
        vacancy.sector_cluster_id = employer.sector_cluster_id
    vacancy.full_clean()
    vacancy.save()
    record(
        vacancy,
        action="vacancy_registered",
        summary=_("Vacature geregistreerd bij %(employer)s")
        % {"employer": employer.name},
        changes=created(vacancy, sorted(VACANCY_FIELDS)),
        actor=actor if actor is not None else created_by,
    )
    return vacancy


@transaction.atomic
def vacancy_update(
    *, vacancy: Vacancy, expected_version: int, actor: Any = None, **changes: Any
) -> Vacancy:
    """Change a vacancy's details; refused when a colleague saved in between."""
    changes = only(changes, VACANCY_FIELDS)
    locked = lock_for_update(
        vacancy, expected_version=expected_version, what=_("vacature")
    )
    return versioned_update(
        locked, changes, summary=_("Vacature gewijzigd"), actor=actor
    )


@transaction.atomic
def vacancy_close(
    *,
    vacancy: Vacancy,
    status: str,
    today: date | None = None,
    expected_version: int | None = None,
    actor: Any = None,
) -> Vacancy:
    """Close an open vacancy as filled (vervuld) or withdrawn (ingetrokken)."""
    if status not in CLOSING_STATUSES:
        raise ValidationError(
            {"status": _("Een vacature sluit u als vervuld of ingetrokken.")}
        )
    locked = lock_for_update(
        vacancy, expected_version=expected_version, what=_("vacature")
    )
    if not locked.is_open:
        raise ValidationError(
            {
                "status": _("Deze vacature is al gesloten (%(status)s).")
                % {"status": locked.get_status_display()}
            }
        )
    before = snapshot(locked, ["status", "status_changed_on"])
    locked.status = status
    locked.status_changed_on = today or timezone.localdate()
    save_versioned(locked, ["status", "status_changed_on"])
    record(
        locked,
        action="vacancy_closed",
        summary=_("Vacature gesloten: %(status)s")
        % {"status": locked.get_status_display().lower()},
        changes=diff(before, locked),
        actor=actor,
    )
    return locked


def vacancies_expire(*, today: date) -> int:
    """Open vacancies whose close date has passed become verlopen; set-based.

    Idempotent: a second run finds nothing left to expire. Returns the count;
    each expired vacancy gets its own event (through the audited update).
    """
    return (
        Vacancy.objects.filter(status=Vacancy.Status.OPEN, close_date__lt=today)
        .audited(action="vacancy_expired", summary=_("Vacature verlopen"))
        .update(
            status=Vacancy.Status.EXPIRED,
            status_changed_on=today,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
    )
