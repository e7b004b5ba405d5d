"""Klantcontacten, and the follow-up task of a no-show."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client, Contact, ContactChannel
from clients.services.common import (
    _check_not_closed,
    _client_link,
    _lock,
    _require,
)
from ijmondwerkt.accounts.models import User
from ijmondwerkt.audit import record
from ijmondwerkt.inbox.services import task_create
from ijmondwerkt.workdays import add_working_days

NO_SHOW_TASK_KIND = "werkzoekende_no_show"


@transaction.atomic
def contact_record(
    *,
    client: Client,
    user: User,
    occurred_at: datetime,
    channel: ContactChannel,
    subject: str,
    notes: str = "",
    no_show: bool = False,
) -> Contact:
    """Record a klantcontact; a no-show puts a follow-up task in the inbox.

    Refused on a closed (outflowed) file, a no-show included.
    """
    client = _lock(client)
    _check_not_closed(
        client,
        "status",
        _("een niet-verschijning") if no_show else _("een contact"),
    )
    _require(
        occurred_at <= timezone.now() + timedelta(minutes=5),
        "occurred_at",
        _(
            "Dit contact ligt in de toekomst; leg het vast nadat het heeft plaatsgevonden."
        ),
    )
    contact = Contact(
        client=client,
        occurred_at=occurred_at,
        channel=channel,
        subject=subject.strip(),
        notes=notes,
        no_show=no_show,
        recorded_by=user,
    )
    contact.full_clean()
    contact.save()
    label = _("Niet verschenen") if no_show else _("Contact")
    record(
        contact,
        actor=user,
        action="contact_no_show" if no_show else "contact_recorded",
        summary=f"{label} ({channel.label}): {contact.subject}",
        changes={
            "occurred_at": [None, occurred_at.isoformat()],
            "channel": [None, channel.label],
        },
        client=client,
    )
    if no_show:
        task_create(
            assignee=client.klantmanager or user,
            kind=NO_SHOW_TASK_KIND,
            title=_("Opvolgen no-show %(name)s: eerst bellen, dan huisbezoek")
            % {"name": client.full_name},
            link=_client_link(client),
            client=client,
            due_date=add_working_days(timezone.localdate(), 1),
            dedupe_key=f"no_show:{contact.uuid}",
        )
    return contact
