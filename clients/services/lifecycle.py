"""The file's course: outflow, re-registration, handover to care, reassignment."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import (
    Client,
    Goal,
    Handover,
    Outflow,
    OutflowReason,
    Status,
)
from clients.selectors import policy_for
from clients.services.common import (
    _check_klantmanager,
    _check_open,
    _client_link,
    _lock,
    _not_in_future,
    _require,
    _save_client,
)
from clients.services.history import display
from clients.services.registration import intake_open, search_period_end_for
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.audit import record
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.audit.services import build
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.inbox.services import task_create
from ijmondwerkt.versioning import lock_for_update


@transaction.atomic
def client_outflow(
    *, client: Client, user: User, date: date, reason: OutflowReason, note: str = ""
) -> Outflow:
    """Close the file (uitstroom): open goals lapse, open tasks close, history stays."""
    client = _lock(client)
    _require(
        client.status != Status.OUTFLOWED,
        "status",
        _("Deze werkzoekende is al uitgestroomd."),
    )
    _require(
        date >= client.registration_date,
        "date",
        _("De datum uitstroom ligt vóór de datum aanmelding (%(date)s).")
        % {"date": f"{client.registration_date:%d-%m-%Y}"},
    )
    _not_in_future(date, "date")
    outflow = Outflow(
        client=client, date=date, reason=reason, note=note, recorded_by=user
    )
    outflow.full_clean()
    outflow.save()
    closed_goals = Goal.objects.filter(
        plan__client=client, status=Goal.Status.OPEN
    ).update(status=Goal.Status.CANCELLED, closed_on=date)
    closed_tasks = (
        Task.objects.filter(client=client)
        .closing_with_file()
        .update(done_at=timezone.now())
    )
    Handover.objects.filter(client=client, returned_on__isnull=True).update(
        returned_on=date, returned_by=user, return_note=_("Uitgestroomd")
    )
    old_status = client.status
    client.status = Status.OUTFLOWED
    _save_client(client, ["status"])
    record(
        outflow,
        actor=user,
        action="outflow",
        summary=_("Uitgestroomd: %(reason)s") % {"reason": reason.label},
        changes={
            "status": [old_status, Status.OUTFLOWED],
            "date": [None, date.isoformat()],
            "reason": [None, reason.label],
            "closed_goals": [None, closed_goals],
            "closed_tasks": [None, closed_tasks],
        },
        client=client,
    )
    return outflow


@transaction.atomic
def client_reregister(
    *,
    client: Client,
    user: User,
    registration_date: date,
    **details: Any,
) -> Client:
    """Reopen the same file when someone registers again after outflow."""
    allowed = {
        "registration_channel",
        "inflow_reason",
        "benefit_kind",
        "benefit_start_date",
        "klantmanager",
    }
    unknown = set(details) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    client = _lock(client)
    _require(
        client.status == Status.OUTFLOWED,
        "status",
        _("Alleen een uitgestroomde werkzoekende kan opnieuw worden aangemeld."),
    )
    _not_in_future(registration_date, "registration_date")
    last_outflow = client.outflows.first()
    if last_outflow:
        _require(
            registration_date >= last_outflow.date,
            "registration_date",
            _("De nieuwe aanmelding ligt vóór de laatste uitstroom (%(date)s).")
            % {"date": f"{last_outflow.date:%d-%m-%Y}"},
        )
    changes: dict[str, list[Any]] = {
        "status": [client.status, Status.REGISTERED],
        "registration_date": [
            client.registration_date.isoformat(),
            registration_date.isoformat(),
        ],
    }
    for name, value in details.items():
        changes[name] = [display(getattr(client, name)), display(value)]
        setattr(client, name, value)
    _check_klantmanager(client.klantmanager, client.municipality)
    policy = policy_for(client.municipality)
    client.registration_date = registration_date
    client.status = Status.REGISTERED
    client.search_period_end = search_period_end_for(
        date_of_birth=client.date_of_birth,
        registration_date=registration_date,
        policy=policy,
    )
    client.full_clean()
    _save_client(client, ["registration_date", "status", "search_period_end", *details])
    intake = intake_open(client, policy)
    changes["intake_deadline"] = [None, intake.deadline.isoformat()]
    record(
        client,
        actor=user,
        action="reregistered",
        summary=_("Opnieuw aangemeld"),
        changes=changes,
        client=client,
    )
    return client


@transaction.atomic
def handover_start(
    *,
    client: Client,
    user: User,
    organisation: str,
    reason: str,
    started_on: date,
    contact_person: str = "",
) -> Handover:
    """Warm handover to care: who takes over, when and why. The file pauses."""
    client = _lock(client)
    _check_open(client)
    _not_in_future(started_on, "started_on")
    _require(
        started_on >= client.registration_date,
        "started_on",
        _("De overdracht ligt vóór de aanmelding."),
    )
    handover = Handover(
        client=client,
        organisation=organisation.strip(),
        contact_person=contact_person.strip(),
        reason=reason,
        started_on=started_on,
        started_by=user,
        previous_status=client.status,
    )
    handover.full_clean()
    handover.save()
    old = client.status
    client.status = Status.HANDED_OVER
    _save_client(client, ["status"])
    record(
        handover,
        actor=user,
        action="handover_started",
        summary=_("Warm overgedragen aan %(org)s") % {"org": handover.organisation},
        changes={
            "status": [old, Status.HANDED_OVER],
            "organisation": [None, handover.organisation],
            "reason": [None, reason],
        },
        client=client,
    )
    return handover


@transaction.atomic
def handover_return(
    *, handover: Handover, user: User, returned_on: date, note: str = ""
) -> Handover:
    """The client comes back from care; the file resumes where it was."""
    client = _lock(handover.client)
    _require(handover.is_open, "returned_on", _("Deze overdracht is al afgesloten."))
    _not_in_future(returned_on, "returned_on")
    _require(
        returned_on >= handover.started_on,
        "returned_on",
        _("De terugkeer ligt vóór de overdracht (%(date)s).")
        % {"date": f"{handover.started_on:%d-%m-%Y}"},
    )
    handover.returned_on = returned_on
    handover.returned_by = user
    handover.return_note = note
    handover.full_clean()
    handover.save()
    client.status = handover.previous_status or Status.ACTIVE
    _save_client(client, ["status"])
    record(
        handover,
        actor=user,
        action="handover_returned",
        summary=_("Terug van %(org)s") % {"org": handover.organisation},
        changes={
            "status": [Status.HANDED_OVER, client.status],
            "returned_on": [None, returned_on.isoformat()],
        },
        client=client,
    )
    return handover


def _name(row: dict[str, Any]) -> str | None:
    first, last = row["klantmanager__first_name"], row["klantmanager__last_name"]
    return " ".join(filter(None, [first, last])) or row["klantmanager__username"]


@transaction.atomic
def clients_reassign(*, clients: Iterable[Client], to: User, user: User) -> int:
    """Give files to another klantmanager (a colleague leaves); open tasks move along.

    Set-based: a fixed number of queries however many files move.
    """
    rows = list(
        Client.objects.filter(pk__in=[c.pk for c in clients])
        .select_for_update(of=("self",))
        .values(
            "pk",
            "uuid",
            "municipality_id",
            "klantmanager_id",
            "klantmanager__username",
            "klantmanager__first_name",
            "klantmanager__last_name",
        )
    )
    _require(bool(rows), "clients", _("Kies minstens één werkzoekende."))
    _require(
        to.is_active
        and to.has_role(Role.KLANTMANAGER)
        and {r["municipality_id"] for r in rows} <= to.municipality_ids,
        "klantmanager",
        _(
            "%(name)s is geen klantmanager voor de gemeente van alle gekozen werkzoekenden."
        )
        % {"name": to.audit_name},
    )
    ids = [r["pk"] for r in rows]
    # One audit event per file, written below with the names the timeline
    # shows; the plain manager's update is therefore not recorded twice.
    Client._base_manager.filter(pk__in=ids).update(
        klantmanager=to, version=F("version") + 1, updated_at=timezone.now()
    )
    # The klantmanager's own open tasks follow the files; a werkmakelaar's
    # (a placement's follow-up) stay with the werkmakelaar.
    by_klantmanager: dict[int, list[int]] = defaultdict(list)
    for r in rows:
        if r["klantmanager_id"] is not None:
            by_klantmanager[r["klantmanager_id"]].append(r["pk"])
    if by_klantmanager:
        Task.objects.open().filter(
            reduce(
                or_,
                (
                    Q(assignee_id=km, client_id__in=pks)
                    for km, pks in by_klantmanager.items()
                ),
            )
        ).update(assignee=to)
    now = timezone.now()
    summary = _("Overgedragen aan klantmanager %(name)s") % {"name": to.audit_name}
    AuditEvent.objects.bulk_create(
        [
            build(
                Client(pk=r["pk"], uuid=r["uuid"]),
                actor=user,
                action="reassigned",
                summary=summary,
                changes={"klantmanager": [_name(r), to.audit_name]},
                client=r["pk"],
                at=now,
            )
            for r in rows
        ],
        batch_size=1000,
    )
    return len(rows)


MOVE_TASK_KIND = "werkzoekende_verhuisd"


def may_move(user: User, client: Client, to_municipality: Municipality) -> bool:
    """Who may move a file to another municipality of the region.

    Within the IJmond region each municipality keeps its own files, so a move
    is a transfer between two teams. It is done by someone who works for both:
    a klantmanager serving the old and the new municipality (a regional
    klantmanager), or the functioneel beheerder of both, who moves a file on
    the old klantmanager's request (as the registration page tells a
    klantmanager who finds the BSN already on file elsewhere). A klantmanager
    of one municipality only cannot hand a file to a team they do not see.
    """
    both = {client.municipality_id, to_municipality.pk} <= user.municipality_ids
    return user.is_active and both and user.has_role(Role.KLANTMANAGER, Role.BEHEERDER)


@transaction.atomic
def client_move(
    *,
    client: Client,
    to_municipality: Municipality,
    klantmanager: User,
    user: User,
    expected_version: int | None = None,
) -> Client:
    """Move a file within the region (Velsen → Beverwijk): one file, its history along.

    The file changes municipality; the new municipality's ``klantmanager`` takes
    it over with its open tasks, and the old klantmanager, who does not serve
    the new municipality, no longer sees it. The move and the takeover are in
    the file's history, and the new klantmanager finds a task in their inbox.
    See ``may_move`` for who may do this.
    """
    locked = lock_for_update(
        client, expected_version=expected_version, what=_("werkzoekende")
    )
    _require(
        to_municipality.pk != locked.municipality_id,
        "to_municipality",
        _("Het dossier hoort al bij %(municipality)s.")
        % {"municipality": to_municipality.name},
    )
    _require(
        to_municipality.active,
        "to_municipality",
        _("%(municipality)s is geen actieve gemeente.")
        % {"municipality": to_municipality.name},
    )
    _require(
        may_move(user, locked, to_municipality),
        "to_municipality",
        _(
            "Alleen een klantmanager of functioneel beheerder die voor %(old)s én "
            "%(new)s werkt, kan dit dossier laten verhuizen."
        )
        % {"old": locked.municipality.name, "new": to_municipality.name},
    )
    _require(klantmanager is not None, "klantmanager", _("Kies een klantmanager."))
    _check_klantmanager(klantmanager, to_municipality)
    old_municipality, old_klantmanager = locked.municipality, locked.klantmanager
    locked.municipality = to_municipality
    locked.klantmanager = klantmanager
    _save_client(locked, ["municipality", "klantmanager"])
    # The old klantmanager's open tasks follow the file; a werkmakelaar's stay.
    moved_tasks = (
        Task.objects.open()
        .filter(client=locked, assignee=old_klantmanager)
        .update(assignee=klantmanager)
        if old_klantmanager is not None
        else 0
    )
    summary = _(
        "Verhuisd van %(old)s naar %(new)s; klantmanager %(name)s neemt het dossier over"
    ) % {
        "old": old_municipality.name,
        "new": to_municipality.name,
        "name": klantmanager.audit_name,
    }
    record(
        locked,
        actor=user,
        action="moved",
        summary=summary,
        changes={
            "municipality": [old_municipality.name, to_municipality.name],
            "klantmanager": [
                old_klantmanager.audit_name if old_klantmanager else None,
                klantmanager.audit_name,
            ],
            "moved_tasks": [None, moved_tasks],
        },
        client=locked,
    )
    task_create(
        assignee=klantmanager,
        kind=MOVE_TASK_KIND,
        title=(
            _("Dossier overgenomen na verhuizing uit %(old)s: %(name)s")
            % {"old": old_municipality.name, "name": locked.full_name}
        )[:255],
        link=_client_link(locked),
        due_date=timezone.localdate(),
        client=locked,
    )
    return locked
