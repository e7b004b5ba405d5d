"""Checks and small helpers every client service shares."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import OPEN_STATUSES, Client, Status
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.versioning import save_versioned

# Fields a klantmanager edits on the file itself (registration and status have
# their own services).
CLIENT_FIELDS = frozenset(
    {
        "bsn",
        "first_name",
        "name_prefix",
        "last_name",
        "date_of_birth",
        "gender",
        "street",
        "house_number",
        "postcode",
        "city",
        "phone",
        "email",
        "benefit_kind",
        "benefit_start_date",
        "registration_channel",
        "inflow_reason",
        "education_level",
        "driving_licence",
        "languages",
        "work_experience",
        "wish_sectors",
        "wish_occupations",
        "wish_hours_per_week",
        "barriers_note",
        "target_group",
        "target_group_date",
        "target_group_reason",
        "klantmanager",
    }
)


def _require(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise ValidationError({field: message})


def _not_in_future(day: date | None, field: str) -> None:
    _require(
        day is None or day <= timezone.localdate(),
        field,
        _("Deze datum ligt in de toekomst."),
    )


def _check_klantmanager(person: User | None, municipality: Municipality) -> None:
    if person is None:
        return
    _require(
        person.is_active
        and person.has_role(Role.KLANTMANAGER)
        and municipality.pk in person.municipality_ids,
        "klantmanager",
        _("%(name)s is geen klantmanager voor %(municipality)s.")
        % {"name": person.audit_name, "municipality": municipality.name},
    )


def _check_open(client: Client, field: str = "status") -> None:
    _require(
        client.status in OPEN_STATUSES,
        field,
        _("Dit dossier is niet actief (status: %(status)s).")
        % {"status": client.get_status_display()},
    )


def _check_not_closed(client: Client, field: str, what: str) -> None:
    """Refuse ``what`` on a closed (outflowed) file, saying how to reopen it.

    A file handed over to care is paused, not closed: contacts and measurements
    during the handover are still recorded.
    """
    _require(
        client.status != Status.OUTFLOWED,
        field,
        _(
            "Dit dossier is afgesloten (uitgestroomd); %(what)s kan niet meer worden "
            "vastgelegd. Meld de werkzoekende eerst opnieuw aan."
        )
        % {"what": what},
    )


def _lock(client: Client) -> Client:
    return Client.objects.select_for_update().get(pk=client.pk)


def _save_client(client: Client, fields: list[str]) -> None:
    """Save a client row and bump its version, so open edit forms see it changed."""
    save_versioned(client, fields)


def _client_link(client: Client) -> str:
    return reverse("clients:detail", args=[client.uuid])
