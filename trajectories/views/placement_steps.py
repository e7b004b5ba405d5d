"""Steps around a placement: the suggestions a start makes, confirmed by the
klantmanager through the clients app's own services, and a proposal hired with
its placement in the same step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clients import services as client_services
from clients.models import OutflowReason
from employers.models import Proposal
from ijmondwerkt.access import klantmanager, writes_employers
from ijmondwerkt.domain import NotFound
from ijmondwerkt.privacy import record_reads
from ijmondwerkt.web import add_service_error, form_status, posted, run_service
from trajectories import services
from trajectories.forms.placements import (
    HireForm,
    LadderConfirmForm,
    OutflowConfirmForm,
    PlacementForm,
)
from trajectories.models import Placement
from trajectories.views.placements import file_placement, placement_page, user_of

# --- the suggestions of a start, confirmed by the klantmanager ---------------------------


def _confirmed(
    request: HttpRequest,
    placement: Placement,
    form: LadderConfirmForm | OutflowConfirmForm,
    service: Any,
    done: str,
) -> HttpResponse:
    if run_service(form, service) is not None:
        messages.success(request, done)
        return redirect(f"{placement.get_absolute_url()}#voorstellen")
    # Shown again on the placement page, with the reason at the field.
    name = "ladder_form" if isinstance(form, LadderConfirmForm) else "outflow_form"
    return placement_page(request, placement, status=form_status(form), **{name: form})


@klantmanager
@require_POST
def ladder_confirm(request: HttpRequest, uuid: Any) -> HttpResponse:
    """The suggested ladder step, through the clients app's own service."""
    placement = file_placement(request, uuid)
    step = services.placement_suggestions(placement).ladder_step
    if step is None:
        raise Http404
    form = LadderConfirmForm(request.POST)
    return _confirmed(
        request,
        placement,
        form,
        lambda data: client_services.ladder_measure(
            client=placement.client,
            user=user_of(request),
            measured_on=data["measured_on"],
            step=step,
            note=_("Bij de start van de plaatsing als %(job)s bij %(employer)s.")
            % {"job": placement.job_title, "employer": placement.employer.name},
        ),
        _("Trede %(step)s is vastgelegd.") % {"step": step},
    )


@klantmanager
@require_POST
def outflow_confirm(request: HttpRequest, uuid: Any) -> HttpResponse:
    """'Stopt de uitkering?' Yes: outflow werk in loondienst, through the clients app."""
    placement = file_placement(request, uuid)
    suggestions = services.placement_suggestions(placement)
    if not suggestions.ask_outflow:
        raise Http404
    reason = OutflowReason.objects.filter(code=suggestions.outflow_reason_code).first()
    form = OutflowConfirmForm(request.POST)

    def outflow(data: dict[str, Any]) -> Any:
        if reason is None:
            raise ValidationError(
                _("De reden uitstroom 'werk in loondienst' ontbreekt in de codelijst.")
            )
        return client_services.client_outflow(
            client=placement.client,
            user=user_of(request),
            date=data["date"],
            reason=reason,
            note=_("Plaatsing als %(job)s bij %(employer)s.")
            % {"job": placement.job_title, "employer": placement.employer.name},
        )

    return _confirmed(
        request,
        placement,
        form,
        outflow,
        _("De uitstroom is vastgelegd: werk in loondienst."),
    )


# --- a proposal hired, with the placement in the same step --------------------------------


def _split_errors(
    exc: ValidationError, hire: HireForm, placement: PlacementForm
) -> None:
    """Errors on the placement's fields go to the placement form, the rest to the
    decision (e.g. the vacancy closed meanwhile, a stale version)."""
    if not hasattr(exc, "error_dict"):
        add_service_error(hire, exc)
        return
    for name, errors in exc.error_dict.items():
        form = placement if name in placement.fields else hire
        add_service_error(form, ValidationError({name: errors}))


@writes_employers
def proposal_hire(request: HttpRequest, uuid: Any) -> HttpResponse:
    """'Aangenomen': record the decision and, unless unticked, the placement."""
    user = user_of(request)
    proposal = get_object_or_404(
        Proposal.objects.for_user(user).select_related("client", "vacancy__employer"),
        uuid=uuid,
    )
    board = f"{proposal.vacancy.get_absolute_url()}#sectie-voordrachten"
    if proposal.is_final:
        messages.info(request, _("Deze voordracht is al afgerond."))
        return redirect(board)
    today = timezone.localdate()
    defaults = services.placement_defaults_from_proposal(proposal)
    hire_form = HireForm(
        posted(request),
        initial={
            "decided_on": today,
            "version": proposal.version,
            "with_placement": True,
        },
    )
    placement_form = PlacementForm(
        posted(request),
        user=user,
        prefix="plaatsing",
        initial={**defaults, "start_date": today},
    )
    if request.method == "POST" and hire_form.is_valid():
        with_placement = hire_form.cleaned_data["with_placement"]
        if not with_placement or placement_form.is_valid():
            try:
                _hired, made = services.proposal_hire(
                    user=user,
                    proposal=proposal,
                    expected_version=hire_form.cleaned_data["version"],
                    decided_on=hire_form.cleaned_data["decided_on"],
                    placement=placement_form.changes() if with_placement else None,
                )
            except NotFound as exc:
                raise Http404 from exc
            except ValidationError as exc:
                _split_errors(exc, hire_form, placement_form)
            else:
                messages.success(
                    request,
                    _("%(name)s is aangenomen.") % {"name": proposal.client.full_name},
                )
                if made is not None:
                    messages.success(request, _("De plaatsing is geregistreerd."))
                    return redirect(made)
                return redirect(board)
    record_reads(
        request, [proposal], purpose=_("Voordracht aangenomen %s") % proposal.uuid
    )
    return render(
        request,
        "trajectories/placement_hire.html",
        {
            "proposal": proposal,
            "client": proposal.client,
            "vacancy": proposal.vacancy,
            "hire_form": hire_form,
            "form": placement_form,
        },
        status=form_status(hire_form, placement_form),
    )
