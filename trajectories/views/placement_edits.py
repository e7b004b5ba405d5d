"""Placement pages that write: register (with or without a proposal), edit, end,
and record a follow-up moment.

The same access as the placement page: ``Placement.objects.for_user``, the client
file's side only for the klantmanager (``sees_file``).
"""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from employers.models import Proposal, ProposalStatus
from ijmondwerkt.access import klantmanager, reads_employers
from ijmondwerkt.web import posted, render_form, run_service
from trajectories import services
from trajectories.forms.placements import FollowUpForm, PlacementEndForm, PlacementForm
from trajectories.models import FollowUp, Placement
from trajectories.views.placements import (
    client_trajectories,
    log_client_read,
    placement_of,
    sees_file,
    user_of,
    uuid_param,
)

# --- register, edit, end ------------------------------------------------------------


def _hired_proposal(request: HttpRequest, proposal_uuid: uuid.UUID) -> Proposal:
    return cast(
        Proposal,
        get_object_or_404(
            Proposal.objects.for_user(user_of(request)).select_related(
                "client", "vacancy__employer"
            ),
            uuid=proposal_uuid,
            status=ProposalStatus.HIRED,
        ),
    )


@reads_employers
def placement_create(request: HttpRequest) -> HttpResponse:
    """Register a placement: for a hired proposal (``?voordracht=``), or from the
    client file for work the client found themselves (``?werkzoekende=``)."""
    user = user_of(request)
    proposal_uuid = uuid_param(request, "voordracht")
    client_uuid = uuid_param(request, "werkzoekende")
    defaults: dict[str, Any] = {}
    if proposal_uuid is not None:
        proposal = _hired_proposal(request, proposal_uuid)
        if Placement.objects.filter(proposal=proposal).exists():
            messages.info(request, _("Bij deze voordracht is al een plaatsing."))
            return redirect(Placement.objects.get(proposal=proposal))
        defaults = services.placement_defaults_from_proposal(proposal)
        client = proposal.client
    elif client_uuid is not None:
        if not klantmanager.allows(user):
            raise PermissionDenied
        client = get_object_or_404(Client.objects.for_user(user), uuid=client_uuid)
    else:
        messages.info(
            request,
            _(
                "Een plaatsing registreert u vanuit het dossier van de werkzoekende, "
                "of vanuit een voordracht die is aangenomen."
            ),
        )
        home = "clients:list" if klantmanager.allows(user) else "vacancies:list"
        return redirect(home)
    full = sees_file(user, client)
    form = PlacementForm(
        posted(request),
        user=user,
        workplace=not defaults,
        trajectories=client_trajectories(user, client) if full else None,
        initial={"start_date": timezone.localdate(), **defaults},
    )
    if request.method == "POST":
        made = run_service(
            form,
            lambda _data: services.placement_create(
                user=user, **{**defaults, "client": client, **form.changes()}
            ),
        )
        if made is not None:
            messages.success(request, _("De plaatsing is geregistreerd."))
            return redirect(made)
    log_client_read(request, client)
    return render_form(
        request,
        "trajectories/placement_form.html",
        {
            "form": form,
            "client": client,
            "sees_file": full,
            "proposal": defaults.get("proposal"),
            "vacancy": defaults.get("vacancy"),
            "employer": defaults.get("employer"),
        },
    )


@reads_employers
def placement_update(request: HttpRequest, uuid: Any) -> HttpResponse:
    user = user_of(request)
    placement = placement_of(request, uuid, "vacancy")
    full = sees_file(user, placement.client)
    form = PlacementForm(
        posted(request),
        user=user,
        placement=placement,
        trajectories=client_trajectories(user, placement.client) if full else None,
    )
    if request.method == "POST":
        updated = run_service(
            form,
            lambda data: services.placement_update(
                user=user,
                placement=placement,
                expected_version=data["version"],
                **form.changes(),
            ),
        )
        if updated is not None:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(updated)
    log_client_read(request, placement.client)
    return render_form(
        request,
        "trajectories/placement_form.html",
        {
            "form": form,
            "client": placement.client,
            "placement": placement,
            "sees_file": full,
            "employer": placement.employer,
            "vacancy": placement.vacancy,
        },
    )


@reads_employers
def placement_end(request: HttpRequest, uuid: Any) -> HttpResponse:
    placement = placement_of(request, uuid)
    if not placement.is_open:
        messages.info(request, _("Deze plaatsing is al beëindigd."))
        return redirect(placement)
    form = PlacementEndForm(
        posted(request),
        initial={"end_date": timezone.localdate(), "version": placement.version},
    )
    if request.method == "POST":
        ended = run_service(
            form,
            lambda data: services.placement_end(
                user=user_of(request),
                placement=placement,
                expected_version=data["version"],
                end_date=data["end_date"],
                end_reason=data["end_reason"],
            ),
        )
        if ended is not None:
            messages.success(request, _("De plaatsing is beëindigd."))
            return redirect(ended)
    log_client_read(request, placement.client)
    return render_form(
        request,
        "trajectories/placement_end.html",
        {"form": form, "placement": placement, "client": placement.client},
    )


# --- follow-up ------------------------------------------------------------------------


@reads_employers
def follow_up_record(request: HttpRequest, uuid: Any) -> HttpResponse:
    follow_up = get_object_or_404(
        FollowUp.objects.for_user(user_of(request)).select_related(
            "placement__client", "placement__employer", "recorded_by"
        ),
        uuid=uuid,
    )
    placement = follow_up.placement
    form = FollowUpForm(
        posted(request),
        follow_up=follow_up,
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST":
        recorded = run_service(
            form,
            lambda data: services.follow_up_record(
                user=user_of(request),
                follow_up=follow_up,
                expected_version=data["version"],
                held_on=data["held_on"],
                outcome=data["outcome"],
                note=data["note"],
            ),
        )
        if recorded is not None:
            messages.success(request, _("Het nazorgmoment is vastgelegd."))
            return redirect(f"{placement.get_absolute_url()}#nazorg")
    log_client_read(request, placement.client)
    return render_form(
        request,
        "trajectories/followup_form.html",
        {
            "form": form,
            "follow_up": follow_up,
            "placement": placement,
            "client": placement.client,
        },
    )
