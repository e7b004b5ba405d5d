"""Writes for employers: register, change, archive."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Employer, Vacancy
from ijmondwerkt import identifiers
from ijmondwerkt.audit import diff, record, snapshot
from ijmondwerkt.versioning import lock_for_update, save_versioned, versioned_update

from .common import check_werkmakelaar, created, only

# In the order the forms show them.
EMPLOYER_FIELD_ORDER = (
    "name",
    "kvk_number",
    "establishment_number",
    "sector_cluster",
    "sbi_section",
    "size_class",
    "street_address",
    "postal_code",
    "city",
    "municipality",
    "website",
    "werkmakelaar",
    "is_preferred",
    "is_municipal_employer",
    "has_social_return",
    "social_return_places",
    "social_return_start",
    "social_return_end",
)
EMPLOYER_FIELDS = frozenset(EMPLOYER_FIELD_ORDER)

IDENTIFIERS = {
    "kvk_number": identifiers.normalise_kvk,
    "establishment_number": identifiers.normalise_establishment_number,
    "postal_code": identifiers.normalise_postcode,
}


def _normalise_employer(fields: dict[str, Any]) -> dict[str, Any]:
    """KvK number, establishment number and postcode in their normal form (typed
    with spaces or dots, or in digits the model's pattern would not refuse)."""
    errors: dict[str, Any] = {}
    for name, normalise in IDENTIFIERS.items():
        if fields.get(name) in (None, ""):
            if name in fields:
                fields[name] = ""  # a required one is refused by full_clean
        else:
            try:
                fields[name] = normalise(fields[name])
            except ValidationError as exc:
                errors[name] = exc
    if errors:
        raise ValidationError(errors)
    if not fields.get("has_social_return", True):
        fields.update(
            social_return_places=None, social_return_start=None, social_return_end=None
        )
    return fields


@transaction.atomic
def employer_create(
    *, name: str, kvk_number: str, actor: Any = None, **fields: Any
) -> Employer:
    """Register an employer in the regional pool; the KvK number must be new."""
    fields = _normalise_employer(
        only({"name": name, "kvk_number": kvk_number, **fields}, EMPLOYER_FIELDS)
    )
    check_werkmakelaar(fields.get("werkmakelaar"))
    employer = Employer(**fields)
    employer.full_clean()
    employer.save()
    record(
        employer,
        action="registered",
        summary=_("Werkgever geregistreerd"),
        changes=created(employer, sorted(fields)),
        actor=actor,
    )
    return employer


@transaction.atomic
def employer_update(
    *, employer: Employer, expected_version: int, actor: Any = None, **changes: Any
) -> Employer:
    """Change an employer; ``expected_version`` is what the editor loaded (optimistic lock).

    Two werkmakelaars editing the same employer: the second save is refused
    instead of silently overwriting the first.
    """
    changes = _normalise_employer(only(changes, EMPLOYER_FIELDS))
    locked = lock_for_update(
        employer, expected_version=expected_version, what=_("werkgever")
    )
    if "werkmakelaar" in changes and changes["werkmakelaar"] != locked.werkmakelaar:
        check_werkmakelaar(changes["werkmakelaar"])
    return versioned_update(
        locked, changes, summary=_("Werkgever gewijzigd"), actor=actor
    )


@transaction.atomic
def employer_archive(
    *,
    employer: Employer,
    archive: bool = True,
    expected_version: int | None = None,
    actor: Any = None,
) -> Employer:
    """Archive (or restore) an employer; open vacancies are withdrawn on archiving.

    Each withdrawn vacancy gets its own event (through the audited update).
    """
    locked = lock_for_update(
        employer, expected_version=expected_version, what=_("werkgever")
    )
    before = snapshot(locked, ["archived_at"])
    if archive and locked.archived_at is None:
        locked.archived_at = timezone.now()
        locked.vacancies.filter(status=Vacancy.Status.OPEN).audited(
            action="vacancy_withdrawn",
            summary=_("Vacature ingetrokken: werkgever gearchiveerd"),
        ).update(
            status=Vacancy.Status.WITHDRAWN, status_changed_on=timezone.localdate()
        )
    elif not archive:
        locked.archived_at = None
    save_versioned(locked, ["archived_at"])
    record(
        locked,
        action="archived" if archive else "restored",
        summary=_("Werkgever gearchiveerd") if archive else _("Werkgever hersteld"),
        changes=diff(before, locked),
        actor=actor,
    )
    employer.archived_at = locked.archived_at
    employer.version = locked.version
    return locked
