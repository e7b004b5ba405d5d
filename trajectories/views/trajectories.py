"""Trajectory pages for klantmanagers: the list, the page, start, change, end."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

import django_filters
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from clients.models import Client
from clients.views.common import PAGE_SIZE, client_for_page, purpose, user_of
from employers.views.common import with_default
from ijmondwerkt import identifiers
from ijmondwerkt.access import klantmanager
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.domain import NotFound
from ijmondwerkt.privacy import record_reads
from ijmondwerkt.web import posted, render_form, run_service
from ijmondwerkt.widgets import use_date_input
from trajectories import services
from trajectories.filters import TrajectoryFilter
from trajectories.forms.trajectories import TrajectoryEndForm, TrajectoryForm
from trajectories.models import Deployment, DeploymentStatus, Trajectory

LIST_RELATED = (
    "client",
    "client__municipality",
    "provider",
    "end_reason",
    "klantmanager",
)


def trajectories(request: HttpRequest) -> Any:
    """The trajectories the user may see (klantmanager: their municipalities)."""
    return Trajectory.objects.for_user(user_of(request))


def trajectory_for_page(request: HttpRequest, uuid: Any) -> Trajectory:
    """The trajectory a page works on; the page shows its client, so the read is logged."""
    trajectory = get_object_or_404(
        trajectories(request).select_related(*LIST_RELATED, "client__klantmanager"),
        uuid=uuid,
    )
    record_reads(
        request, [trajectory.client], purpose=purpose(request, trajectory.client)
    )
    return trajectory


def calling(service: Any) -> Any:
    """A service call whose NotFound (a row out of scope) is a 404 for the page."""

    def call(**kwargs: Any) -> Any:
        try:
            return service(**kwargs)
        except NotFound as exc:
            raise Http404 from exc

    return call


# --- the list -----------------------------------------------------------------------------


class TrajectoryPageFilter(TrajectoryFilter):
    """The shared filters, and for people a search on the client's name.

    Not in the API: partners ask by the client's uuid (``werkzoekende``).
    """

    zoek = django_filters.CharFilter(
        method="search", label=_lazy("Zoeken"), help_text=_lazy("Naam werkzoekende")
    )

    def search(self, queryset: Any, name: str, value: str) -> Any:
        value = value.strip()
        if not value:
            return queryset
        if identifiers.contains_bsn_like(value):
            return queryset.none()  # a BSN is searched on the client list, by POST
        condition = Q()
        for word in value.split():
            condition &= (
                Q(client__first_name__icontains=word)
                | Q(client__last_name__icontains=word)
                | Q(client__name_prefix__iexact=word)
            )
        return queryset.filter(condition)


# Filters of the shared FilterSet a person does not type (uuids for the API).
API_ONLY_FILTERS = frozenset({"werkzoekende", "aanbieder"})


def page_filter_fields(filterset: TrajectoryPageFilter) -> list[Any]:
    """The search first, then the shared filters a person uses, with date pickers."""
    form = filterset.form
    for field in form.fields.values():
        use_date_input(field)
    names = ["zoek", *(n for n in form.fields if n not in {"zoek", *API_ONLY_FILTERS})]
    return [form[name] for name in names]


@klantmanager
def trajectory_list(request: HttpRequest) -> HttpResponse:
    base = trajectories(request).select_related(*LIST_RELATED)
    filterset = TrajectoryPageFilter(
        with_default(request.GET, lopend="true"), queryset=base, request=request
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    record_reads(request, page.object_list, purpose=_("Overzicht trajecten"))
    return render(
        request,
        "trajectories/trajectory_list.html",
        {
            "filter": filterset,
            "page": page,
            "today": timezone.localdate(),
            "filter_fields": page_filter_fields(filterset),
        },
    )


# --- the page -------------------------------------------------------------------------


def timeline(
    trajectory: Trajectory, deployments: list[Deployment]
) -> QuerySet[AuditEvent]:
    """The events of the trajectory and of its deployments, newest first."""
    types = ContentType.objects.get_for_models(Trajectory, Deployment)
    return AuditEvent.objects.filter(
        Q(content_type=types[Trajectory], object_id=str(trajectory.pk))
        | Q(
            content_type=types[Deployment],
            object_id__in=[str(d.pk) for d in deployments],
        )
    ).select_related("user", "partner", "content_type")


def committed_cost(deployments: list[Deployment]) -> Decimal:
    """What the deployments commit: every one but the cancelled."""
    return sum(
        (d.total_cost for d in deployments if d.status != DeploymentStatus.CANCELLED),
        Decimal("0.00"),
    )


def asks_ladder_measurement(trajectory: Trajectory) -> bool:
    """Ended, and no ladder measurement since: the page asks for one."""
    client = trajectory.client
    if trajectory.end_date is None or client.status == Client.Status.OUTFLOWED:
        return False
    return not client.ladder_measurements.filter(
        measured_on__gte=trajectory.end_date
    ).exists()


@klantmanager
def trajectory_detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    trajectory = trajectory_for_page(request, uuid)
    deployments = list(
        trajectory.deployments.select_related("instrument", "provider").order_by(
            "start_date", "pk"
        )
    )
    placements = list(
        trajectory.placements.select_related("employer", "kind").order_by(
            "start_date", "pk"
        )
    )
    events = Paginator(timeline(trajectory, deployments), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "trajectories/trajectory_detail.html",
        {
            "trajectory": trajectory,
            "client": trajectory.client,
            "deployments": deployments,
            "committed_cost": committed_cost(deployments),
            "placements": placements,
            "page": events,
            "ask_ladder": asks_ladder_measurement(trajectory),
            "today": timezone.localdate(),
        },
    )


# --- start, change, end ---------------------------------------------------------------


@klantmanager
def trajectory_create(request: HttpRequest, client_uuid: Any) -> HttpResponse:
    """Start a trajectory from the client file (or register one from the past)."""
    client = client_for_page(request, client_uuid)
    user = user_of(request)
    form = TrajectoryForm(
        posted(request),
        user=user,
        initial={"start_date": timezone.localdate(), "klantmanager": user},
    )
    if request.method == "POST":
        trajectory = run_service(
            form,
            lambda _data: calling(services.trajectory_create)(
                user=user, client=client, **form.service_kwargs()
            ),
        )
        if trajectory is not None:
            messages.success(request, _("Het traject is vastgelegd."))
            return redirect(trajectory)
    return render_form(
        request,
        "trajectories/trajectory_form.html",
        {"form": form, "client": client, "title": _("Traject starten")},
    )


@klantmanager
def trajectory_edit(request: HttpRequest, uuid: Any) -> HttpResponse:
    trajectory = trajectory_for_page(request, uuid)
    user = user_of(request)
    form = TrajectoryForm(posted(request), user=user, instance=trajectory)
    if request.method == "POST":
        updated = run_service(
            form,
            lambda _data: calling(services.trajectory_update)(
                user=user,
                trajectory=trajectory,
                expected_version=form.expected_version,
                **form.service_kwargs(),
            ),
        )
        if updated is not None:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(trajectory)
    return render_form(
        request,
        "trajectories/trajectory_form.html",
        {
            "form": form,
            "client": trajectory.client,
            "trajectory": trajectory,
            "title": _("Traject wijzigen"),
        },
    )


@klantmanager
def trajectory_end(request: HttpRequest, uuid: Any) -> HttpResponse:
    trajectory = trajectory_for_page(request, uuid)
    if trajectory.end_date is not None and request.method != "POST":
        messages.info(request, _("Dit traject is al beëindigd."))
        return redirect(trajectory)
    form = TrajectoryEndForm(
        posted(request),
        trajectory=trajectory,
        initial={"end_date": timezone.localdate()},
    )
    if request.method == "POST":
        ended = run_service(
            form,
            lambda data: calling(services.trajectory_end)(
                user=user_of(request),
                trajectory=trajectory,
                expected_version=int(data.get("version") or 0),
                end_date=data["end_date"],
                end_reason=data["end_reason"],
            ),
        )
        if ended is not None:
            messages.success(
                request,
                _(
                    "Het traject is beëindigd. Leg nu een meting op de "
                    "participatieladder vast; er staat ook een taak in uw takenlijst."
                ),
            )
            return redirect(cast(Trajectory, ended))
    return render_form(
        request,
        "trajectories/trajectory_end.html",
        {"form": form, "trajectory": trajectory, "client": trajectory.client},
    )
