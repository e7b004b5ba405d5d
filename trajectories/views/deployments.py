"""Deployments (inzetten): the form with live eligibility feedback, change, stop.

While the klantmanager picks an instrument, a trajectory or dates, htmx asks
``deployment_eligibility`` whether this client may get it and shows the
reason in an aria-live region. The POST is decided by the service all the
same: a refused deployment answers 422 with the error summary and stores
nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from clients.views.common import client_for_page, purpose, user_of
from ijmondwerkt.access import klantmanager
from ijmondwerkt.privacy import record_reads
from ijmondwerkt.web import posted, render_form, run_service
from trajectories import services
from trajectories.forms.trajectories import DeploymentForm, DeploymentStopForm
from trajectories.models import Deployment, DeploymentStatus, Trajectory
from trajectories.views.trajectories import calling


def _trajectories_of(client: Client) -> QuerySet[Trajectory]:
    return Trajectory.objects.filter(client=client).order_by("-start_date", "-pk")


def deployment_for_page(request: HttpRequest, uuid: Any) -> Deployment:
    deployment = get_object_or_404(
        Deployment.objects.for_user(user_of(request)).select_related(
            "client", "client__municipality", "trajectory", "instrument", "provider"
        ),
        uuid=uuid,
    )
    record_reads(
        request, [deployment.client], purpose=purpose(request, deployment.client)
    )
    return deployment


def _back(deployment: Deployment) -> HttpResponse:
    """Back to the trajectory the deployment belongs to, else to the file."""
    return redirect(deployment.trajectory or deployment.client)


def eligibility_context(client: Client, form: DeploymentForm) -> dict[str, Any]:
    """The instrument chosen so far and every reason it may not be deployed."""
    wanted = form.eligibility_kwargs()
    instrument = wanted["instrument"]
    reasons = (
        services.deployment_eligibility(client=client, **wanted)
        if instrument is not None
        else {}
    )
    return {"instrument": instrument, "reasons": reasons, "client": client}


@klantmanager
def deployment_create(request: HttpRequest, client_uuid: Any) -> HttpResponse:
    client = client_for_page(request, client_uuid)
    initial: dict[str, Any] = {"start_date": timezone.localdate()}
    wanted = _uuid_or_none(request.GET.get("traject", ""))
    trajectory = (
        _trajectories_of(client).filter(uuid=wanted).first() if wanted else None
    )
    if trajectory is not None:
        initial["trajectory"] = trajectory
    form = DeploymentForm(
        posted(request), trajectories=_trajectories_of(client), initial=initial
    )
    if request.method == "POST":
        deployment = run_service(
            form,
            lambda _data: calling(services.deployment_create)(
                user=user_of(request), client=client, **form.service_kwargs()
            ),
        )
        if deployment is not None:
            messages.success(request, _("De inzet is vastgelegd."))
            return _back(deployment)
    return render_form(
        request,
        "trajectories/deployment_form.html",
        {
            "form": form,
            "client": client,
            "trajectory": trajectory,
            "title": _("Inzet toevoegen"),
            "eligibility": eligibility_context(client, form),
        },
    )


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@klantmanager
def deployment_eligibility(request: HttpRequest, client_uuid: Any) -> HttpResponse:
    """htmx: may this client get the instrument chosen, in this trajectory and period?"""
    client = client_for_page(request, client_uuid)
    form = DeploymentForm(request.GET, trajectories=_trajectories_of(client))
    return render(
        request,
        "trajectories/deployment_eligibility.html",
        eligibility_context(client, form),
    )


@klantmanager
def deployment_edit(request: HttpRequest, deployment_uuid: Any) -> HttpResponse:
    deployment = deployment_for_page(request, deployment_uuid)
    client = deployment.client
    form = DeploymentForm(
        posted(request), trajectories=_trajectories_of(client), instance=deployment
    )
    if request.method == "POST":
        updated = run_service(
            form,
            lambda _data: calling(services.deployment_update)(
                user=user_of(request),
                deployment=deployment,
                expected_version=form.expected_version,
                **form.service_kwargs(),
            ),
        )
        if updated is not None:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return _back(deployment)
    return render_form(
        request,
        "trajectories/deployment_form.html",
        {
            "form": form,
            "client": client,
            "deployment": deployment,
            "trajectory": deployment.trajectory,
            "title": _("Inzet wijzigen"),
            "eligibility": eligibility_context(client, form),
        },
    )


@klantmanager
def deployment_stop(request: HttpRequest, deployment_uuid: Any) -> HttpResponse:
    """End a deployment early or cancel it, after the user confirms."""
    deployment = deployment_for_page(request, deployment_uuid)
    stopped_already = deployment.status in (
        DeploymentStatus.ENDED,
        DeploymentStatus.CANCELLED,
    )
    if stopped_already and request.method != "POST":
        messages.info(
            request,
            _("Deze inzet is al %(status)s.")
            % {"status": deployment.get_status_display().lower()},
        )
        return _back(deployment)
    form = DeploymentStopForm(
        posted(request),
        deployment=deployment,
        initial={"end_date": min(timezone.localdate(), deployment.end_date)},
    )
    if request.method == "POST":
        stopped = run_service(
            form,
            lambda data: calling(services.deployment_update)(
                user=user_of(request),
                deployment=deployment,
                expected_version=int(data.get("version") or 0),
                **form.service_kwargs(),
            ),
        )
        if stopped is not None:
            done = (
                _("De inzet is geannuleerd.")
                if form.cleaned_data["status"] == DeploymentStatus.CANCELLED
                else _("De inzet is beëindigd.")
            )
            messages.success(request, done)
            return _back(deployment)
    return render_form(
        request,
        "trajectories/deployment_stop.html",
        {"form": form, "deployment": deployment, "client": deployment.client},
    )
