"""Proposals (voordrachten): propose a client, move a proposal, a client's vacancies."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clients.models import Client
from employers import matching, selectors, services
from employers.forms import ProposalAdvanceForm, ProposalCreateForm
from employers.models import ProposalStatus, Vacancy
from employers.views.common import is_htmx, proposals, vacancies
from employers.views.vacancies import vacancy_page
from ijmondwerkt.access import reads_employers, writes_employers
from ijmondwerkt.accounts.models import User
from ijmondwerkt.domain import NotFound
from ijmondwerkt.privacy import record_reads
from ijmondwerkt.web import INVALID


def _refused(
    request: HttpRequest, vacancy: Vacancy, error: ValidationError
) -> HttpResponse:
    """The board's buttons carry no form to re-show: the vacancy page says why."""
    for message in error.messages:
        messages.error(request, message)
    return vacancy_page(request, vacancy, status=INVALID)


def _to_board(vacancy: Vacancy) -> HttpResponse:
    return redirect(f"{vacancy.get_absolute_url()}#sectie-voordrachten")


@writes_employers
@require_POST
def proposal_create(request: HttpRequest, uuid: str) -> HttpResponse:
    """'Voordragen' from the matching list; a client the user may not see is a 404."""
    vacancy = get_object_or_404(vacancies(request), uuid=uuid)
    form = ProposalCreateForm(request.POST)
    if not form.is_valid():
        return _refused(
            request,
            vacancy,
            ValidationError(_("Kies een werkzoekende om voor te dragen.")),
        )
    client = get_object_or_404(
        Client.objects.for_user(cast(User, request.user)),
        uuid=form.cleaned_data["client"],
    )
    try:
        services.proposal_create(
            user=request.user,
            vacancy=vacancy,
            client=client,
            note=form.cleaned_data["note"],
        )
    except NotFound as exc:
        raise Http404 from exc
    except ValidationError as exc:
        return _refused(request, vacancy, exc)
    messages.success(
        request,
        _("%(name)s is voorgedragen voor %(vacancy)s.")
        % {"name": client.full_name, "vacancy": vacancy.title},
    )
    return _to_board(vacancy)


@writes_employers
@require_POST
def proposal_advance(request: HttpRequest, uuid: str) -> HttpResponse:
    """A button on the pipeline board: move one proposal to its next status."""
    proposal = get_object_or_404(
        proposals(request).select_related("vacancy", "client"), uuid=uuid
    )
    form = ProposalAdvanceForm(request.POST)
    if not form.is_valid():
        return _refused(
            request, proposal.vacancy, ValidationError(_("Kies een geldige status."))
        )
    fields = dict(form.cleaned_data)
    try:
        services.proposal_advance(
            proposal=proposal, expected_version=fields.pop("version"), **fields
        )
    except ValidationError as exc:
        return _refused(request, proposal.vacancy, exc)
    messages.success(
        request,
        _("De voordracht van %(name)s staat nu op %(status)s.")
        % {
            "name": proposal.client.full_name,
            "status": ProposalStatus(form.cleaned_data["status"]).label,
        },
    )
    return _to_board(proposal.vacancy)


@reads_employers
def client_vacancies(request: HttpRequest, client_uuid: str) -> HttpResponse:
    """The client's proposals and 'passende vacatures': a section of the client file."""
    client = get_object_or_404(
        Client.objects.for_user(cast(User, request.user)).select_related(
            "education_level"
        ),
        uuid=client_uuid,
    )
    record_reads(request, [client], purpose=_("Passende vacatures"))
    # htmx loads the section into the client file; without it, a whole page.
    template = (
        "employers/_client_vacancies.html"
        if is_htmx(request)
        else "employers/client_vacancies.html"
    )
    return render(
        request,
        template,
        {
            "client": client,
            "proposals": selectors.client_proposals(request.user, client),
            "suggestions": matching.suggestions_for_client(
                user=request.user, client=client
            ),
        },
    )
