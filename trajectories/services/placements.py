"""Writes for placements (plaatsingen); their follow-up moments: ``follow_up``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from employers.models import Employer, Proposal, ProposalStatus, Vacancy
from employers.services import proposal_advance
from ijmondwerkt.audit import record
from ijmondwerkt.inbox.services import task_create
from ijmondwerkt.versioning import lock_for_update, versioned_update
from trajectories.events import announce_costs_changed
from trajectories.models import (
    FollowUp,
    Placement,
    PlacementEndReason,
    PlacementKind,
    Trajectory,
    placement_follow_up_dates,
)

from .common import (
    check_active,
    check_client_open,
    check_end,
    check_placement_scope,
    created,
    last_day_within,
    only,
    require,
    staff,
    visible,
)

# The fields of a placement, in the order the forms show them.
PLACEMENT_FIELD_ORDER = [
    "kind",
    "job_title",
    "start_date",
    "hours_per_week",
    "wage_per_hour",
    "trial_end_date",
    "wage_cost_subsidy",
    "trajectory",
    "note",
]
# Corrections of a registered end (the end itself: ``placement_end``).
PLACEMENT_END_FIELDS = ["end_date", "end_reason"]
PLACEMENT_FIELDS = frozenset(PLACEMENT_FIELD_ORDER + PLACEMENT_END_FIELDS)

# The outflow reason the klantmanager is asked to confirm for regular work.
OUTFLOW_TO_WORK_CODE = "werk-loondienst"


def _d(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def _check(placement: Placement, *, changed: set[str] | None = None) -> None:
    """The rules of a placement's own values (kind, dates, trial, subsidy)."""
    kind: PlacementKind = placement.kind
    if changed is None or "kind" in changed:
        check_active(kind, "kind", _("Deze soort plaatsing"))
    check_end(placement.start_date, placement.end_date, placement.end_reason)
    if placement.trial_end_date is not None:
        require(
            placement.trial_end_date >= placement.start_date,
            "trial_end_date",
            _("Het einde van de proefplaatsing ligt vóór de startdatum."),
        )
    if kind.max_duration_months:
        last = last_day_within(placement.start_date, kind.max_duration_months)
        for field in ("trial_end_date", "end_date"):
            value = getattr(placement, field)
            require(
                value is None or value <= last,
                field,
                _(
                    "Een %(kind)s duurt hoogstens %(months)s maanden: uiterlijk tot "
                    "en met %(last)s."
                )
                % {
                    "kind": kind.label.lower(),
                    "months": kind.max_duration_months,
                    "last": _d(last),
                },
            )
    require(
        not (placement.wage_cost_subsidy and not kind.paid_work),
        "wage_cost_subsidy",
        _("Loonkostensubsidie hoort bij betaald werk; %(kind)s is onbetaald.")
        % {"kind": kind.label.lower()},
    )
    trajectory = placement.trajectory
    if trajectory is not None:
        require(
            trajectory.client_id == placement.client_id,
            "trajectory",
            _("Dit traject hoort bij een andere werkzoekende."),
        )


def _check_links(
    *,
    client: Client,
    employer: Employer,
    vacancy: Vacancy | None,
    proposal: Proposal | None,
) -> None:
    require(
        not employer.is_archived,
        "employer",
        _("Deze werkgever is gearchiveerd; herstel hem eerst."),
    )
    if vacancy is not None:
        require(
            vacancy.employer_id == employer.pk,
            "vacancy",
            _("Deze vacature hoort bij een andere werkgever."),
        )
    if proposal is not None:
        require(
            proposal.client_id == client.pk,
            "proposal",
            _("Deze voordracht gaat over een andere werkzoekende."),
        )
        require(
            vacancy is not None and proposal.vacancy_id == vacancy.pk,
            "proposal",
            _("Deze voordracht hoort bij een andere vacature."),
        )
        require(
            proposal.status == ProposalStatus.HIRED,
            "proposal",
            _("Een plaatsing volgt op een voordracht met status aangenomen."),
        )
        require(
            not Placement.objects.filter(proposal=proposal).exists(),
            "proposal",
            _("Bij deze voordracht is al een plaatsing geregistreerd."),
        )


@transaction.atomic
def placement_create(
    *,
    user: Any,
    client: Client,
    employer: Employer,
    kind: PlacementKind,
    job_title: str,
    start_date: date,
    hours_per_week: Decimal,
    vacancy: Vacancy | None = None,
    proposal: Proposal | None = None,
    trajectory: Trajectory | None = None,
    end_date: date | None = None,
    end_reason: PlacementEndReason | None = None,
    wage_per_hour: Decimal | None = None,
    trial_end_date: date | None = None,
    wage_cost_subsidy: bool = False,
    note: str = "",
) -> Placement:
    """Register a placement, with or without a proposal; plans its four follow-ups.

    A trial placement without its own end gets the longest allowed
    (``kind.max_duration_months``) as its trial end.
    """
    check_placement_scope(user, client)
    client = Client.objects.select_for_update().get(pk=client.pk)
    check_client_open(client, _("een plaatsing"))
    if proposal is not None:
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if vacancy is None:
            vacancy = proposal.vacancy
    _check_links(client=client, employer=employer, vacancy=vacancy, proposal=proposal)
    if kind.is_trial and trial_end_date is None and kind.max_duration_months:
        longest = last_day_within(start_date, kind.max_duration_months)
        trial_end_date = min(end_date, longest) if end_date else longest
    placement = Placement(
        client=client,
        employer=employer,
        vacancy=vacancy,
        proposal=proposal,
        trajectory=trajectory,
        kind=kind,
        job_title=(job_title or "").strip(),
        start_date=start_date,
        end_date=end_date,
        end_reason=end_reason,
        hours_per_week=hours_per_week,
        wage_per_hour=wage_per_hour,
        trial_end_date=trial_end_date,
        wage_cost_subsidy=wage_cost_subsidy,
        note=(note or "").strip(),
        registered_by=staff(user),
    )
    _check(placement)
    placement.full_clean()
    placement.save()
    FollowUp.objects.bulk_create(
        [
            FollowUp(placement=placement, months=months, due_date=due)
            for months, due in placement_follow_up_dates(start_date)
        ]
    )
    record(
        placement,
        action="placement_registered",
        summary=_("Geplaatst als %(job)s bij %(employer)s")
        % {"job": placement.job_title, "employer": employer.name},
        changes=created(
            placement,
            ["employer", "vacancy", *PLACEMENT_FIELD_ORDER, *PLACEMENT_END_FIELDS],
        ),
        actor=user,
        client=client,
    )
    _ask_klantmanager_to_confirm(placement, user)
    announce_costs_changed(placements=[placement])
    return placement


PLACEMENT_TASK_KIND = "plaatsing_gestart"


def _ask_klantmanager_to_confirm(placement: Placement, user: Any) -> None:
    """Someone else registered the placement: the client's klantmanager confirms
    the proposed ladder step (and, for regular work, the outflow)."""
    klantmanager = placement.client.klantmanager
    if klantmanager is None or klantmanager == user:
        return
    suggestions = placement_suggestions(placement)
    if suggestions.ladder_step is None and not suggestions.ask_outflow:
        return
    task_create(
        assignee=klantmanager,
        kind=PLACEMENT_TASK_KIND,
        title=(
            _(
                "%(name)s is geplaatst als %(job)s bij %(employer)s: bevestig de "
                "ladder-meting%(outflow)s"
            )
            % {
                "name": placement.client.full_name,
                "job": placement.job_title,
                "employer": placement.employer.name,
                "outflow": _(" en de uitstroom") if suggestions.ask_outflow else "",
            }
        )[:255],
        link=placement.get_absolute_url(),
        due_date=timezone.localdate(),
        client=placement.client,
        dedupe_key=f"plaatsing-start:{placement.uuid}",
    )


def placement_defaults_from_proposal(proposal: Proposal) -> dict[str, Any]:
    """Placement values prefilled from a proposal and its vacancy (keywords of
    ``placement_create``)."""
    vacancy = proposal.vacancy
    return {
        "client": proposal.client,
        "employer": vacancy.employer,
        "vacancy": vacancy,
        "proposal": proposal,
        "kind": PlacementKind.objects.filter(code="regulier").first(),
        "job_title": vacancy.title,
        "hours_per_week": vacancy.hours_per_week,
        "start_date": proposal.decided_on or timezone.localdate(),
    }


@transaction.atomic
def proposal_hire(
    *,
    user: Any,
    proposal: Proposal,
    expected_version: int | None,
    decided_on: date,
    placement: dict[str, Any] | None = None,
) -> tuple[Proposal, Placement | None]:
    """Move a proposal to aangenomen and, with ``placement`` data, register the
    placement in the same transaction: a refused placement leaves the proposal
    as it was."""
    visible(Proposal.objects, user, proposal, _("voordracht"))
    hired = proposal_advance(
        proposal=proposal,
        status=ProposalStatus.HIRED,
        on=decided_on,
        expected_version=expected_version,
        actor=user,
    )
    if placement is None:
        return hired, None
    data = placement_defaults_from_proposal(hired)
    data["start_date"] = decided_on
    data.update(placement)
    # The placement is the one of this proposal: its client, employer, vacancy.
    data.update(
        proposal=hired,
        client=hired.client,
        vacancy=hired.vacancy,
        employer=hired.vacancy.employer,
    )
    made = placement_create(user=user, **data)
    return hired, made


def _locked(user: Any, placement: Placement, expected_version: int | None) -> Any:
    visible(Placement.objects, user, placement, _("plaatsing"))
    return lock_for_update(
        Placement.objects.select_related("client", "kind", "employer"),
        placement.pk,
        expected_version=expected_version,
        what=_("plaatsing"),
    )


@transaction.atomic
def placement_update(
    *, user: Any, placement: Placement, expected_version: int, **changes: Any
) -> Placement:
    """Change a placement; a new start date moves the follow-ups not yet held."""
    changes = only(changes, PLACEMENT_FIELDS)
    locked = _locked(user, placement, expected_version)
    changes = {k: v for k, v in changes.items() if getattr(locked, k) != v}
    if set(changes) - set(PLACEMENT_END_FIELDS) - {"note"}:
        check_client_open(locked.client, _("deze wijziging"))
    if "job_title" in changes:
        changes["job_title"] = (changes["job_title"] or "").strip()
    original = {name: getattr(locked, name) for name in changes}
    for name, value in changes.items():
        setattr(locked, name, value)
    _check(locked, changed=set(changes))
    if not changes:
        return locked
    for name, value in original.items():  # versioned_update records old → new
        setattr(locked, name, value)
    updated = versioned_update(
        locked, changes, summary=_("Plaatsing gewijzigd"), actor=user
    )
    if "start_date" in changes:
        _reschedule_follow_ups(updated)
    announce_costs_changed(placements=[updated])
    return updated


def _reschedule_follow_ups(placement: Placement) -> None:
    due = dict(placement_follow_up_dates(placement.start_date))
    open_ones = list(placement.follow_ups.filter(held_on__isnull=True))
    for follow_up in open_ones:
        follow_up.due_date = due[follow_up.months]
    FollowUp.objects.bulk_update(open_ones, ["due_date"])


@transaction.atomic
def placement_end(
    *,
    user: Any,
    placement: Placement,
    expected_version: int,
    end_date: date,
    end_reason: PlacementEndReason | None,
) -> Placement:
    """End a placement with a reason (also on a closed file: after outflow to work)."""
    locked = _locked(user, placement, expected_version)
    require(
        locked.end_date is None,
        "end_date",
        _("Deze plaatsing is al beëindigd op %(day)s.")
        % {"day": _d(locked.end_date) if locked.end_date else ""},
    )
    require(end_date is not None, "end_date", _("Vul de einddatum in."))
    require(end_reason is not None, "end_reason", _("Kies een reden einde."))
    locked.end_date, locked.end_reason = end_date, end_reason
    _check(locked, changed=set())
    locked.end_date, locked.end_reason = None, None
    ended = versioned_update(
        locked,
        {"end_date": end_date, "end_reason": end_reason},
        summary=_("Plaatsing beëindigd: %(reason)s") % {"reason": end_reason},
        actor=user,
        action="placement_ended",
    )
    announce_costs_changed(placements=[ended])
    return ended


@dataclass(frozen=True)
class PlacementSuggestions:
    """What the klantmanager is asked to confirm when a placement starts.

    ``ladder_step``: 5 (paid work with support: subsidy or supplementary
    benefit), 6 (paid work without), None for unpaid kinds. ``ask_outflow``:
    regular work, so ask whether the benefit ends (outflow "werk in
    loondienst", code ``outflow_reason_code``). The klantmanager confirms each
    through ``clients.services.ladder_measure`` / ``client_outflow``.
    """

    ladder_step: int | None
    ladder_reason: str
    ask_outflow: bool
    outflow_reason: str
    outflow_reason_code: str = OUTFLOW_TO_WORK_CODE


def placement_suggestions(
    placement: Placement, *, supplementary_benefit: bool | None = None
) -> PlacementSuggestions:
    """The ladder step and outflow question a placement's start proposes.

    ``supplementary_benefit``: whether the client keeps a supplementary
    benefit next to the wage; when unknown, work that is not regular
    (garantiebaan, beschut werk, detachering) counts as supported.
    """
    kind: PlacementKind = placement.kind
    if not kind.paid_work:
        step, step_reason = (
            None,
            _("%(kind)s is geen betaald werk: geen trede voorgesteld.")
            % {"kind": kind.label},
        )
    else:
        supported = placement.wage_cost_subsidy or (
            supplementary_benefit
            if supplementary_benefit is not None
            else not kind.regular_work
        )
        if placement.wage_cost_subsidy:
            step, step_reason = (
                5,
                _(
                    "Betaald werk met loonkostensubsidie: trede 5 (betaald werk met "
                    "ondersteuning)."
                ),
            )
        elif supported:
            step, step_reason = (
                5,
                _(
                    "Betaald werk met ondersteuning of een aanvullende uitkering: trede 5."
                ),
            )
        else:
            step, step_reason = (
                6,
                _("Betaald werk zonder ondersteuning of uitkering: trede 6."),
            )
    ask = bool(kind.regular_work)
    outflow_reason = (
        _(
            "Regulier werk: stopt de uitkering? Leg dan de uitstroom vast met reden "
            "werk in loondienst."
        )
        if ask
        else ""
    )
    return PlacementSuggestions(step, step_reason, ask, outflow_reason)
