"""Placement pages: the list, the placement with its follow-up and subsidy, and
the suggestions a placement start makes to the klantmanager. Registering,
editing, ending and recording follow-up are in ``placement_edits``.

Klantmanagers and werkmakelaars of the client's municipality open a placement
(``Placement.objects.for_user``). The werkmakelaar sees the work facts and the
follow-up; the client file's side (assessments, the subsidy calculation, the
link to the file, the suggestions) is for the klantmanager (``sees_file``).
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any, cast

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from ijmondwerkt.access import reads_employers, writes_employers
from ijmondwerkt.accounts.models import User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.privacy import record_reads
from trajectories import services
from trajectories.filters import PlacementFilter
from trajectories.forms.placements import (
    LadderConfirmForm,
    OutflowConfirmForm,
    suggestion_day,
)
from trajectories.models import Placement, Trajectory, WageValueAssessment
from trajectories.subsidy import (
    ParameterTable,
    month_start,
    month_subsidy,
    months_between,
)

PAGE_SIZE = 25
# Months offered for the subsidy of a running placement, after this month
# (whole years).
MONTHS_AHEAD = 12
MONTHS_SHOWN = 120
SUBSIDY_TARGET = "subsidie"
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


# --- shared by the placement and assessment pages ---------------------------------


def user_of(request: HttpRequest) -> User:
    """Pages here run behind a role gate, so the user is a staff member."""
    return cast(User, request.user)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def uuid_param(request: HttpRequest, name: str) -> uuid.UUID | None:
    """A uuid from the query string; a malformed one finds nothing (404)."""
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise Http404 from exc


def sees_file(user: Any, client: Client) -> bool:
    """A klantmanager of the client's municipality sees the file's side of a
    placement; a werkmakelaar sees the work facts and follow-up only."""
    return bool(user.has_role(Role.KLANTMANAGER)) and (
        client.municipality_id in user.municipality_ids
    )


def log_client_read(request: HttpRequest, client: Client) -> None:
    """Every placement page names the client: the read is logged, with why."""
    user = user_of(request)
    if not sees_file(user, client):
        why = _("Plaatsing: werkgegevens en nazorg")
    elif client.klantmanager_id == user.pk:
        why = _("Dossierbehandeling: eigen werkvoorraad")
    else:
        why = _("Dossierbehandeling: werkzoekende van de gemeente")
    record_reads(request, [client.pk], purpose=why)


def client_trajectories(user: Any, client: Client) -> Any:
    """The trajectories a placement of ``client`` may belong to."""
    return (
        Trajectory.objects.for_user(user)
        .filter(client=client)
        .order_by("-start_date", "-pk")
    )


def placements(request: HttpRequest) -> Any:
    return Placement.objects.for_user(user_of(request))


def placement_of(request: HttpRequest, uuid: Any, *related: str) -> Placement:
    return cast(
        Placement,
        get_object_or_404(
            placements(request).select_related("client", "employer", "kind", *related),
            uuid=uuid,
        ),
    )


def file_placement(request: HttpRequest, uuid: Any) -> Placement:
    """A placement for the klantmanager's side only: otherwise it is not there."""
    placement = placement_of(request, uuid)
    if not sees_file(user_of(request), placement.client):
        raise Http404
    return placement


# --- the list ------------------------------------------------------------------


@reads_employers
def placement_list(request: HttpRequest) -> HttpResponse:
    queryset = (
        placements(request)
        .select_related("client", "employer", "kind")
        .order_by("-start_date", "-pk")
    )
    filterset = PlacementFilter(request.GET or None, queryset=queryset, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    record_reads(request, page.object_list, purpose=_("Overzicht plaatsingen"))
    return render(
        request,
        "trajectories/placement_list.html",
        {"filter": filterset, "page": page, "today": timezone.localdate()},
    )


# --- the placement page -----------------------------------------------------------


def subsidy_months(placement: Placement, today: date) -> list[date]:
    """The months one may choose: the placement's, up to a year ahead while it runs."""
    if placement.end_date is not None:
        last = placement.end_date
    else:
        last = month_start(max(today, placement.start_date))
        last = last.replace(year=last.year + MONTHS_AHEAD // 12)
    return months_between(placement.start_date, last)[-MONTHS_SHOWN:]


def chosen_month(request: HttpRequest, months: list[date], today: date) -> date:
    """``?maand=2026-10`` when it is one of ``months``; else this month, or the
    nearest month of the placement."""
    match = _MONTH_RE.match(request.GET.get("maand", ""))
    if match:
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and date(year, month, 1) in months:
            return date(year, month, 1)
    this_month = month_start(today)
    return min(max(this_month, months[0]), months[-1])


def subsidy_context(
    request: HttpRequest, placement: Placement, assessments: list[WageValueAssessment]
) -> dict[str, Any]:
    today = timezone.localdate()
    months = subsidy_months(placement, today)
    month = chosen_month(request, months, today)
    asked = request.GET.get("maand", "")
    return {
        "months": months,
        "month": month,
        "month_unknown": bool(asked) and asked != f"{month:%Y-%m}",
        "subsidy": month_subsidy(
            placement,
            month,
            parameters=ParameterTable.load(),
            assessments=[a for a in assessments if a.placement_id == placement.pk],
        ),
    }


def suggestions_context(placement: Placement, today: date) -> dict[str, Any]:
    """The ladder step and outflow a start suggests, and whether they were done."""
    suggestions = services.placement_suggestions(placement)
    client = placement.client
    measured = None
    if suggestions.ladder_step is not None:
        measured = (
            client.ladder_measurements.filter(
                measured_on__gte=suggestion_day(placement.start_date, today),
                step=suggestions.ladder_step,
            )
            .order_by("-measured_on")
            .first()
        )
    day = suggestion_day(placement.start_date, today)
    return {
        "suggestions": suggestions,
        "ladder_done": measured,
        "outflowed": client.status == Client.Status.OUTFLOWED,
        "can_confirm": client.is_open and placement.start_date <= today,
        "ladder_form": LadderConfirmForm(initial={"measured_on": day}),
        "outflow_form": OutflowConfirmForm(initial={"date": day}),
    }


def placement_context(request: HttpRequest, placement: Placement) -> dict[str, Any]:
    user = user_of(request)
    today = timezone.localdate()
    full = sees_file(user, placement.client)
    context: dict[str, Any] = {
        "placement": placement,
        "client": placement.client,
        "follow_ups": list(
            placement.follow_ups.select_related("recorded_by").order_by("months")
        ),
        "sees_file": full,
        "can_write_proposals": writes_employers.allows(user),
        "sustainable": placement.is_sustainable_on(today),
        "today": today,
    }
    if full:
        assessments = list(
            WageValueAssessment.objects.for_user(user)
            .filter(placement=placement)
            .select_related("method")
            .order_by("-assessed_on", "-pk")
        )
        context["assessments"] = assessments
        context.update(subsidy_context(request, placement, assessments))
        if placement.is_open:
            context.update(suggestions_context(placement, today))
    return context


def placement_page(
    request: HttpRequest, placement: Placement, *, status: int = 200, **extra: Any
) -> HttpResponse:
    log_client_read(request, placement.client)
    context = {**placement_context(request, placement), **extra}
    return render(request, "trajectories/placement_detail.html", context, status=status)


@reads_employers
def placement_detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    placement = placement_of(
        request,
        uuid,
        "vacancy",
        "end_reason",
        "registered_by",
        "trajectory",
        "proposal",
    )
    wants_subsidy = request.headers.get("HX-Target") == SUBSIDY_TARGET
    if (
        is_htmx(request)
        and wants_subsidy
        and sees_file(user_of(request), placement.client)
    ):
        # Another month chosen: only the calculation is swapped in.
        log_client_read(request, placement.client)
        assessments = list(
            WageValueAssessment.objects.for_user(user_of(request))
            .filter(placement=placement)
            .select_related("method")
        )
        return render(
            request,
            "trajectories/_placement_subsidy.html",
            {
                "placement": placement,
                "client": placement.client,
                "swapped": True,
                **subsidy_context(request, placement, assessments),
            },
        )
    return placement_page(request, placement)
