"""Registration of a werkzoekende and changes to the file itself."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from clients.models import BarrierCategory, Client, Intake, MunicipalityPolicy, Status
from clients.selectors import policy_for
from clients.services.common import (
    CLIENT_FIELDS,
    _check_klantmanager,
    _not_in_future,
    _require,
    _save_client,
)
from clients.services.history import display, new_values
from clients.validators import normalize_postcode
from ijmondwerkt import identifiers
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.audit import record
from ijmondwerkt.versioning import lock_for_update

security_log = logging.getLogger("ijmondwerkt.security")


def search_period_end_for(
    *, date_of_birth: date, registration_date: date, policy: MunicipalityPolicy
) -> date | None:
    """Young people first get a search period (zoektermijn), domain guide §2."""
    client = Client(date_of_birth=date_of_birth)
    if client.age_on(registration_date) >= policy.search_period_age_limit:
        return None
    return registration_date + timedelta(weeks=policy.search_period_weeks)


def intake_deadline_for(
    *,
    registration_date: date,
    search_period_end: date | None,
    policy: MunicipalityPolicy,
) -> date:
    start = search_period_end or registration_date
    return start + timedelta(days=policy.intake_deadline_days)


def intake_open(client: Client, policy: MunicipalityPolicy) -> Intake:
    """The intake a (re)registered file starts with, due by the policy's deadline."""
    return Intake.objects.create(
        client=client,
        deadline=intake_deadline_for(
            registration_date=client.registration_date,
            search_period_end=client.search_period_end,
            policy=policy,
        ),
    )


def _normalised_bsn(value: Any) -> str:
    """The BSN in normal form; an invalid one is kept (stripped) for full_clean to
    report together with every other field's error."""
    try:
        return identifiers.normalise_bsn(value)
    except ValidationError:
        return str(value or "").strip()


def _bsn_taken(bsn: str, *, user: User, exclude: Client | None = None) -> str | None:
    """Why this BSN cannot get a (second) file, or None. Holds a lock on the BSN.

    The duplicate is looked up under a transaction-scoped advisory lock, so two
    concurrent registrations of one BSN are serialised here and the unique
    constraint (which would make PostgreSQL log the row, BSN included) does not
    fire in normal operation. The lock key is a keyed hash: no BSN in the SQL.

    A file in a municipality the user does not serve is reported as a fact
    without any detail about it (docs/security.md, "existence of a file in
    another municipality").
    """
    if not identifiers.bsn_is_normal(bsn):
        return None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [identifiers.bsn_lock_key(bsn)]
            )
    found = Client.objects.filter(bsn=bsn)
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    existing = found.values_list("uuid", "municipality_id").first()
    if existing is None:
        return None
    if existing[1] in user.municipality_ids:
        return _("Er bestaat al een dossier met dit BSN.")
    security_log.info(
        "event=bsn_file_elsewhere client=%s username=%s",
        existing[0],
        user.username,
    )
    return _(
        "Er loopt al een dossier met dit BSN bij een andere gemeente. Is de "
        "werkzoekende verhuisd binnen de regio? Vraag de functioneel beheerder van "
        "IJmond Werkt (of een klantmanager die voor beide gemeenten werkt) het "
        "dossier te laten verhuizen; de historie gaat mee."
    )


def _clean_with_bsn_check(client: Client, taken: str | None) -> None:
    """full_clean, with the BSN check's error among the other field errors."""
    errors: dict[str, Any] = {"bsn": [taken]} if taken else {}
    try:
        client.full_clean(exclude=["bsn"] if taken else None)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def possible_duplicates(
    *,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    exclude: Client | None = None,
) -> QuerySet[Client]:
    """Files of a person with the same name and birth date (any municipality)."""
    found = Client.objects.filter(
        first_name__iexact=first_name.strip(),
        last_name__iexact=last_name.strip(),
        date_of_birth=date_of_birth,
    )
    return found.exclude(pk=exclude.pk) if exclude else found


@transaction.atomic
@sensitive_variables()
def client_register(
    *,
    registered_by: User,
    bsn: str,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    municipality: Municipality,
    registration_date: date,
    barrier_categories: Iterable[BarrierCategory] = (),
    **details: Any,
) -> Client:
    """Register a werkzoekende: a new file, its search period and intake deadline."""
    unknown = set(details) - CLIENT_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    _require(
        municipality.pk in registered_by.municipality_ids,
        "municipality",
        _("U werkt niet voor deze gemeente."),
    )
    _not_in_future(registration_date, "registration_date")
    client = Client(
        bsn=_normalised_bsn(bsn),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        municipality=municipality,
        registration_date=registration_date,
        status=Status.REGISTERED,
        **details,
    )
    client.postcode = normalize_postcode(client.postcode)
    _check_klantmanager(client.klantmanager, municipality)
    _clean_with_bsn_check(client, _bsn_taken(client.bsn, user=registered_by))
    policy = policy_for(municipality)
    client.search_period_end = search_period_end_for(
        date_of_birth=date_of_birth, registration_date=registration_date, policy=policy
    )
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError as exc:  # last line of defence; the lock above holds it
        raise ValidationError(
            {"bsn": _("Er bestaat al een dossier met dit BSN.")}
        ) from exc
    client.barrier_categories.set(barrier_categories)
    intake = intake_open(client, policy)
    changes = new_values(client, sorted(CLIENT_FIELDS - {"bsn"}))
    changes["intake_deadline"] = [None, intake.deadline.isoformat()]
    record(
        client,
        actor=registered_by,
        action="registered",
        summary=_("Aangemeld"),
        changes=changes,
        client=client,
    )
    return client


@transaction.atomic
@sensitive_variables()
def client_update(
    *,
    client: Client,
    expected_version: int,
    user: User,
    barrier_categories: Iterable[BarrierCategory] | None = None,
    **fields: Any,
) -> Client:
    """Change the file; refuses when someone else saved it since ``expected_version``."""
    unknown = set(fields) - CLIENT_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    locked = lock_for_update(
        client, expected_version=expected_version, what=_("werkzoekende")
    )
    if "postcode" in fields:
        fields["postcode"] = normalize_postcode(fields["postcode"])
    if "bsn" in fields:
        fields["bsn"] = _normalised_bsn(fields["bsn"])
    taken = None
    if fields.get("bsn", locked.bsn) != locked.bsn:
        taken = _bsn_taken(fields["bsn"], user=user, exclude=locked)
    if fields.get("target_group") != locked.target_group and fields.get("target_group"):
        fields.setdefault("target_group_date", timezone.localdate())
    changes = {
        name: [display(getattr(locked, name)), display(value)]
        for name, value in fields.items()
        if getattr(locked, name) != value
    }
    for name, value in fields.items():
        setattr(locked, name, value)
    if "klantmanager" in changes:
        _check_klantmanager(locked.klantmanager, locked.municipality)
    _clean_with_bsn_check(locked, taken)
    if barrier_categories is not None:
        old = set(locked.barrier_categories.all())
        new = set(barrier_categories)
        if old != new:
            changes["barrier_categories"] = [display(old), display(new)]
            locked.barrier_categories.set(new)
    if changes:
        _save_client(locked, [n for n in fields if n in changes])
        if "bsn" in changes:  # the BSN never goes into the history in the clear
            changes["bsn"] = ["*****" + str(changes["bsn"][0])[-4:], locked.bsn_masked]
        record(
            locked,
            actor=user,
            action="updated",
            summary=_("Gegevens gewijzigd"),
            changes=changes,
            client=locked,
        )
    return locked
