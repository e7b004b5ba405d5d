"""Writes on client files. Every rule lives here; pages, API, admin and tasks call these.

Each service runs in a transaction, validates with ``full_clean()`` and raises
``ValidationError`` keyed by field name (Dutch messages), so nothing is stored
on bad input. Each write leaves one ``ClientChange`` row: the history and the
timeline of the file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Model, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from clients.models import (
    OPEN_STATUSES,
    BarrierCategory,
    Client,
    ClientChange,
    Contact,
    ContactChannel,
    Goal,
    Handover,
    Intake,
    LadderMeasurement,
    MunicipalityPolicy,
    Outflow,
    OutflowReason,
    Plan,
    Status,
    add_working_days,
)
from clients.validators import normalize_postcode
from ijmondwerkt import identifiers
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.inbox.services import task_create

NO_SHOW_TASK_KIND = "werkzoekende_no_show"

security_log = logging.getLogger("ijmondwerkt.security")

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


# --- small helpers -------------------------------------------------------------


def policy_for(municipality: Municipality) -> MunicipalityPolicy:
    """The municipality's policy, or the defaults when none was configured."""
    policy = MunicipalityPolicy.objects.filter(municipality=municipality).first()
    return policy or MunicipalityPolicy(municipality=municipality)


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


def _display(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str | list | dict):
        return value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, Iterable):
        return sorted(str(v) for v in value)
    return str(value)


def _history(
    client: Client,
    user: User | None,
    action: str,
    summary: str,
    changes: dict[str, list[Any]] | None = None,
) -> ClientChange:
    return ClientChange.objects.create(
        client=client,
        at=timezone.now(),
        user=user,
        action=action,
        summary=summary[:255],
        changes=changes or {},
    )


def _new_values(obj: Model, fields: Iterable[str]) -> dict[str, list[Any]]:
    return {
        f: [None, _display(getattr(obj, f))]
        for f in fields
        if getattr(obj, f) not in (None, "")
    }


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


def _lock(client: Client) -> Client:
    return Client.objects.select_for_update().get(pk=client.pk)


def _save_client(client: Client, fields: list[str]) -> None:
    """Save a client row and bump its version, so open edit forms see it changed."""
    client.version += 1
    client.save(update_fields=[*fields, "version", "updated_at"])


def _client_link(client: Client) -> str:
    return reverse("clients:detail", args=[client.uuid])


# --- registration and the file ------------------------------------------------


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
        "Er loopt al een dossier met dit BSN bij een andere gemeente. Neem contact "
        "op met de functioneel beheerder van IJmond Werkt om het dossier over te "
        "laten dragen."
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
    intake = Intake.objects.create(
        client=client,
        deadline=intake_deadline_for(
            registration_date=registration_date,
            search_period_end=client.search_period_end,
            policy=policy,
        ),
    )
    changes = _new_values(client, sorted(CLIENT_FIELDS - {"bsn"}))
    changes["intake_deadline"] = [None, intake.deadline.isoformat()]
    _history(client, registered_by, "registered", _("Aangemeld"), changes)
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
    locked = _lock(client)
    if locked.version != expected_version:
        last = locked.changes.select_related("user").first()
        who = last.user.audit_name if last and last.user else _("een collega")
        raise ValidationError(
            {
                "version": _(
                    "Dit dossier is intussen gewijzigd door %(who)s; laad de pagina "
                    "opnieuw en voer uw wijziging nog eens in."
                )
                % {"who": who}
            }
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
        name: [_display(getattr(locked, name)), _display(value)]
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
            changes["barrier_categories"] = [_display(old), _display(new)]
            locked.barrier_categories.set(new)
    if changes:
        _save_client(locked, [n for n in fields if n in changes])
        if "bsn" in changes:  # the BSN never goes into the history in the clear
            changes["bsn"] = ["*****" + str(changes["bsn"][0])[-4:], locked.bsn_masked]
        _history(locked, user, "updated", _("Gegevens gewijzigd"), changes)
    return locked


# --- intake ----------------------------------------------------------------------


def _open_intake(client: Client) -> Intake:
    intake = client.intakes.filter(held_date__isnull=True).first()
    _require(
        intake is not None, "intake", _("Er staat geen intake open voor dit dossier.")
    )
    assert intake is not None
    return intake


@transaction.atomic
def intake_plan(*, client: Client, user: User, planned_date: date) -> Intake:
    """Plan the intake conversation; the file moves to status intake."""
    client = _lock(client)
    _check_open(client)
    intake = _open_intake(client)
    _require(
        planned_date >= client.registration_date,
        "planned_date",
        _("De intake kan niet vóór de aanmelding (%(date)s) liggen.")
        % {"date": f"{client.registration_date:%d-%m-%Y}"},
    )
    old = intake.planned_date
    intake.planned_date = planned_date
    intake.full_clean()
    intake.save(update_fields=["planned_date"])
    if client.status == Status.REGISTERED:
        client.status = Status.INTAKE
        _save_client(client, ["status"])
    late = planned_date > intake.deadline
    summary = _("Intake gepland op %(date)s") % {"date": f"{planned_date:%d-%m-%Y}"}
    if late:
        summary += " " + _("(na de termijn)")
    _history(
        client,
        user,
        "intake_planned",
        summary,
        {"planned_date": [_display(old), planned_date.isoformat()]},
    )
    return intake


INTAKE_OUTCOME_FIELDS = frozenset(
    {
        "possibilities",
        "barriers_summary",
        "distance_to_labour_market",
        "preferred_sector",
        "earning_capacity",
        "route",
        "agreements",
        "lead_organisation",
        "review_date",
    }
)


@transaction.atomic
def intake_record(
    *,
    client: Client,
    user: User,
    held_date: date,
    target_group: int | None,
    target_group_reason: str = "",
    ladder_step: int | None = None,
    **outcome: Any,
) -> Intake:
    """Record the held intake and diagnosis: target group, route, plan dates.

    The file becomes active; the target group is set on the file; with a
    ``ladder_step`` the first ladder measurement is made (domain guide §5).
    """
    unknown = set(outcome) - INTAKE_OUTCOME_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    client = _lock(client)
    _check_open(client)
    intake = _open_intake(client)
    _not_in_future(held_date, "held_date")
    _require(
        held_date >= client.registration_date,
        "held_date",
        _("De intake kan niet vóór de aanmelding (%(date)s) zijn gehouden.")
        % {"date": f"{client.registration_date:%d-%m-%Y}"},
    )
    _require(target_group is not None, "target_group", _("Kies de doelgroep."))
    intake.held_date = held_date
    intake.target_group = target_group
    intake.held_by = user
    for name, value in outcome.items():
        setattr(intake, name, value)
    intake.full_clean()
    if outcome.get("review_date"):
        _require(
            outcome["review_date"] >= held_date,
            "review_date",
            _("De evaluatiedatum ligt vóór de intake."),
        )
    intake.save()
    old_group = client.target_group
    client.target_group = target_group
    client.target_group_date = held_date
    client.target_group_reason = target_group_reason or intake.earning_capacity
    client.status = Status.ACTIVE
    _save_client(
        client, ["target_group", "target_group_date", "target_group_reason", "status"]
    )
    changes = {
        "target_group": [old_group, target_group],
        **_new_values(intake, sorted(INTAKE_OUTCOME_FIELDS)),
    }
    _history(
        client,
        user,
        "intake_recorded",
        _("Intake gehouden op %(date)s; doelgroep %(group)s")
        % {"date": f"{held_date:%d-%m-%Y}", "group": target_group},
        changes,
    )
    if ladder_step is not None:
        ladder_measure(
            client=client,
            user=user,
            measured_on=held_date,
            step=ladder_step,
            note=_("Meting bij intake"),
        )
    return intake


# --- plan, goals and ladder ---------------------------------------------------------


@transaction.atomic
def goal_add(
    *,
    client: Client,
    user: User,
    description: str,
    owner: str,
    due_date: date,
    target_ladder_step: int | None = None,
) -> Goal:
    """Add a goal to the plan van aanpak (made on the first goal).

    A goal aiming above the target group's ladder ceiling is stored, and
    ``goal.exceeds_ceiling`` is true so pages and the API can warn.
    """
    client = _lock(client)
    _check_open(client)
    plan, _created = Plan.objects.get_or_create(
        client=client, defaults={"established_on": timezone.localdate()}
    )
    goal = Goal(
        plan=plan,
        description=description.strip(),
        owner=owner,
        due_date=due_date,
        target_ladder_step=target_ladder_step,
    )
    goal.full_clean()
    goal.save()
    _history(
        client,
        user,
        "goal_added",
        _("Doel toegevoegd: %(goal)s") % {"goal": goal.description},
        _new_values(goal, ["description", "owner", "due_date", "target_ladder_step"]),
    )
    return goal


def ladder_ceiling_warning(*, client: Client, step: int | None) -> str | None:
    """A Dutch warning when ``step`` is above what the target group can reach (§5)."""
    if step is None or client.target_group is None or step <= client.ladder_ceiling:
        return None
    return _(
        "Trede %(step)s ligt boven het plafond van doelgroep %(group)s "
        "(hoogst haalbaar: trede %(ceiling)s)."
    ) % {"step": step, "group": client.target_group, "ceiling": client.ladder_ceiling}


@transaction.atomic
def goal_set_status(*, goal: Goal, user: User, status: str) -> Goal:
    _require(status in Goal.Status.values, "status", _("Onbekende status."))
    old = goal.status
    goal.status = status
    goal.closed_on = None if status == Goal.Status.OPEN else timezone.localdate()
    goal.full_clean()
    goal.save(update_fields=["status", "closed_on"])
    _history(
        goal.plan.client,
        user,
        "goal_status",
        _("Doel %(goal)s: %(status)s")
        % {"goal": goal.description, "status": goal.get_status_display()},
        {"status": [old, status]},
    )
    return goal


def ladder_steps_refresh(client_ids: Iterable[int] | None = None) -> int:
    """Store each client's current ladder step: the step of the latest measurement.

    Set-based (one UPDATE); ``None`` refreshes every file. Any code that writes
    ``LadderMeasurement`` rows without ``ladder_measure`` (bulk loads) calls this.
    """
    latest = LadderMeasurement.objects.filter(client=OuterRef("pk")).order_by(
        "-measured_on", "-pk"
    )
    clients = Client.objects.all()
    if client_ids is not None:
        clients = clients.filter(pk__in=list(client_ids))
    return clients.update(ladder_step=Subquery(latest.values("step")[:1]))


@transaction.atomic
def ladder_measure(
    *, client: Client, user: User, measured_on: date, step: int, note: str = ""
) -> LadderMeasurement:
    """Record a participation-ladder measurement; the latest one is the current step."""
    _not_in_future(measured_on, "measured_on")
    _require(
        measured_on >= client.date_of_birth,
        "measured_on",
        _("De meetdatum ligt vóór de geboortedatum."),
    )
    measurement = LadderMeasurement(
        client=client, measured_on=measured_on, step=step, measured_by=user, note=note
    )
    measurement.full_clean()
    measurement.save()
    ladder_steps_refresh([client.pk])
    client.refresh_from_db(fields=["ladder_step"])
    _history(
        client,
        user,
        "ladder_measured",
        _("Participatieladder: trede %(step)s") % {"step": step},
        {"step": [None, step], "measured_on": [None, measured_on.isoformat()]},
    )
    return measurement


# --- contacts ---------------------------------------------------------------------


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
    """Record a klantcontact; a no-show puts a follow-up task in the inbox."""
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
    _history(
        client,
        user,
        "contact_no_show" if no_show else "contact_recorded",
        f"{label} ({channel.label}): {contact.subject}",
        {
            "occurred_at": [None, occurred_at.isoformat()],
            "channel": [None, channel.label],
        },
    )
    if no_show:
        task_create(
            assignee=client.klantmanager or user,
            kind=NO_SHOW_TASK_KIND,
            title=_("Opvolgen no-show %(name)s: eerst bellen, dan huisbezoek")
            % {"name": client.full_name},
            link=_client_link(client),
            due_date=add_working_days(timezone.localdate(), 1),
            dedupe_key=f"no_show:{contact.uuid}",
        )
    return contact


# --- outflow, re-registration, handover, reassignment ------------------------------------


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
    closed_tasks = Task.objects.filter(
        link=_client_link(client), done_at__isnull=True
    ).update(done_at=timezone.now())
    Handover.objects.filter(client=client, returned_on__isnull=True).update(
        returned_on=date, returned_by=user, return_note=_("Uitgestroomd")
    )
    old_status = client.status
    client.status = Status.OUTFLOWED
    _save_client(client, ["status"])
    _history(
        client,
        user,
        "outflow",
        _("Uitgestroomd: %(reason)s") % {"reason": reason.label},
        {
            "status": [old_status, Status.OUTFLOWED],
            "date": [None, date.isoformat()],
            "reason": [None, reason.label],
            "closed_goals": [None, closed_goals],
            "closed_tasks": [None, closed_tasks],
        },
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
        changes[name] = [_display(getattr(client, name)), _display(value)]
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
    intake = Intake.objects.create(
        client=client,
        deadline=intake_deadline_for(
            registration_date=registration_date,
            search_period_end=client.search_period_end,
            policy=policy,
        ),
    )
    changes["intake_deadline"] = [None, intake.deadline.isoformat()]
    _history(client, user, "reregistered", _("Opnieuw aangemeld"), changes)
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
    _history(
        client,
        user,
        "handover_started",
        _("Warm overgedragen aan %(org)s") % {"org": handover.organisation},
        {
            "status": [old, Status.HANDED_OVER],
            "organisation": [None, handover.organisation],
            "reason": [None, reason],
        },
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
    _history(
        client,
        user,
        "handover_returned",
        _("Terug van %(org)s") % {"org": handover.organisation},
        {
            "status": [Status.HANDED_OVER, client.status],
            "returned_on": [None, returned_on.isoformat()],
        },
    )
    return handover


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
    Client.objects.filter(pk__in=ids).update(klantmanager=to, version=F("version") + 1)
    links = [reverse("clients:detail", args=[r["uuid"]]) for r in rows]
    Task.objects.filter(link__in=links, done_at__isnull=True).update(assignee=to)
    now = timezone.now()
    ClientChange.objects.bulk_create(
        [
            ClientChange(
                client_id=r["pk"],
                at=now,
                user=user,
                action="reassigned",
                summary=_("Overgedragen aan klantmanager %(name)s")
                % {"name": to.audit_name},
                changes={
                    "klantmanager": [
                        " ".join(
                            filter(
                                None,
                                [
                                    r["klantmanager__first_name"],
                                    r["klantmanager__last_name"],
                                ],
                            )
                        )
                        or r["klantmanager__username"],
                        to.audit_name,
                    ]
                },
            )
            for r in rows
        ],
        batch_size=1000,
    )
    return len(rows)
