"""Wage-value assessments (loonwaardebepalingen): record and correct, for klantmanagers.

An assessment belongs to the client file: a werkmakelaar does not open these
pages (role gate), a klantmanager of another municipality finds nothing (404).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from ijmondwerkt.access import klantmanager
from ijmondwerkt.web import posted, render_form, run_service
from trajectories import services
from trajectories.forms.placements import AssessmentForm
from trajectories.models import Placement, WageValueAssessment
from trajectories.views.placements import log_client_read, user_of, uuid_param


def _client_placements(request: HttpRequest, client: Client) -> Any:
    return (
        Placement.objects.for_user(user_of(request))
        .filter(client=client)
        .select_related("employer")
        .order_by("-start_date", "-pk")
    )


def _back(assessment: WageValueAssessment) -> str:
    if assessment.placement is not None:
        return f"{assessment.placement.get_absolute_url()}#loonwaarde"
    return assessment.client.get_absolute_url()


@klantmanager
def assessment_create(request: HttpRequest) -> HttpResponse:
    """For a placement (``?plaatsing=``) or a job without one (``?werkzoekende=``)."""
    user = user_of(request)
    placement_uuid = uuid_param(request, "plaatsing")
    client_uuid = uuid_param(request, "werkzoekende")
    clients = Client.objects.for_user(user)
    placement = None
    if placement_uuid is not None:
        placement = get_object_or_404(
            Placement.objects.for_user(user).select_related("client"),
            uuid=placement_uuid,
        )
        # The file's side of the placement: only who may see the file.
        client = get_object_or_404(clients, pk=placement.client_id)
    elif client_uuid is not None:
        client = get_object_or_404(clients, uuid=client_uuid)
    else:
        raise Http404
    form = AssessmentForm(
        posted(request),
        placements=_client_placements(request, client),
        initial={"placement": placement, "assessed_on": timezone.localdate()},
    )
    if request.method == "POST":
        made = run_service(
            form,
            lambda _data: services.assessment_create(
                user=user, client=client, **form.changes()
            ),
        )
        if made is not None:
            messages.success(request, _("De loonwaardebepaling is vastgelegd."))
            return redirect(_back(made))
    log_client_read(request, client)
    return render_form(
        request,
        "trajectories/assessment_form.html",
        {"form": form, "client": client, "placement": placement},
    )


@klantmanager
def assessment_update(request: HttpRequest, uuid: Any) -> HttpResponse:
    user = user_of(request)
    assessment = get_object_or_404(
        WageValueAssessment.objects.for_user(user).select_related(
            "client", "placement", "method"
        ),
        uuid=uuid,
    )
    form = AssessmentForm(
        posted(request),
        placements=_client_placements(request, assessment.client),
        assessment=assessment,
    )
    if request.method == "POST":
        updated = run_service(
            form,
            lambda data: services.assessment_update(
                user=user,
                assessment=assessment,
                expected_version=data["version"],
                **form.changes(),
            ),
        )
        if updated is not None:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(_back(updated))
    log_client_read(request, assessment.client)
    return render_form(
        request,
        "trajectories/assessment_form.html",
        {
            "form": form,
            "client": assessment.client,
            "placement": assessment.placement,
            "assessment": assessment,
        },
    )
