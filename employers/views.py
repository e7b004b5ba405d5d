"""Pages for employers, the contact log and vacancies. Thin: scope, validate, call."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clients.models import Client
from employers import matching, services
from employers.access import can_write, reader_required, writer_required
from employers.filters import EmployerFilter, VacancyFilter
from employers.forms import (
    ContactPersonForm,
    EmployerContactForm,
    EmployerForm,
    ProposalAdvanceForm,
    ProposalCreateForm,
    VacancyCloseForm,
    VacancyForm,
    add_service_errors,
)
from employers.models import (
    Employer,
    EmployerContact,
    Proposal,
    ProposalStatus,
    RejectionReason,
    Vacancy,
)
from ijmondwerkt.accounts.models import User
from ijmondwerkt.privacy import record_reads

PAGE_SIZE = 25
CANDIDATES_SHOWN = 15  # on the vacancy page; "toon meer" shows DEFAULT_LIMIT
TIMELINE_SIZE = 50


def _with_default(data: QueryDict, **defaults: str) -> QueryDict:
    """A filter's default (e.g. only active employers) unless the user chose."""
    data = data.copy()
    for key, value in defaults.items():
        if key not in data:
            data[key] = value
    return data


def _employers(request: HttpRequest) -> Any:
    return Employer.objects.for_user(request.user)


def _vacancies(request: HttpRequest) -> Any:
    return Vacancy.objects.for_user(request.user)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- employers ---------------------------------------------------------------


@reader_required
def employer_list(request: HttpRequest) -> HttpResponse:
    queryset = (
        _employers(request)
        .select_related("sector_cluster", "municipality", "werkmakelaar")
        .with_counts()
        .order_by("name", "pk")
    )
    filterset = EmployerFilter(
        _with_default(request.GET, status="actief"), queryset=queryset
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "employers/employer_list.html",
        {"filter": filterset, "page": page, "can_write": can_write(request.user)},
    )


def _timeline(employer: Employer) -> Any:
    return employer.contacts.select_related(
        "kind", "werkmakelaar", "contact_person"
    ).order_by("-contact_date", "-created_at")[:TIMELINE_SIZE]


def _contact_log_context(
    request: HttpRequest, employer: Employer, form: EmployerContactForm | None = None
) -> dict[str, Any]:
    writable = can_write(request.user) and not employer.is_archived
    if form is None and writable:
        form = EmployerContactForm(employer=employer)
    return {
        "employer": employer,
        "contact_form": form,
        "contacts": _timeline(employer),
        "contact_count": employer.contacts.count(),
        "can_write": writable,
        "today": timezone.localdate(),
    }


@reader_required
def employer_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    employer = get_object_or_404(
        _employers(request).select_related(
            "sector_cluster",
            "sbi_section",
            "size_class",
            "municipality",
            "werkmakelaar",
        ),
        uuid=uuid,
    )
    return render(
        request,
        "employers/employer_detail.html",
        _employer_page_context(request, employer),
    )


def _employer_page_context(
    request: HttpRequest, employer: Employer, form: EmployerContactForm | None = None
) -> dict[str, Any]:
    vacancies = employer.vacancies.select_related("location_municipality").order_by(
        Case(
            When(status=Vacancy.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "-open_date",
    )
    proposals = list(
        _proposals(request)
        .filter(vacancy__employer=employer)
        .select_related("vacancy", "client", "proposed_by")
        .order_by("-proposed_on", "-pk")[:TIMELINE_SIZE]
    )
    record_reads(
        request, proposals, purpose=_("Voordrachten werkgever %s") % employer.uuid
    )
    return {
        **_contact_log_context(request, employer, form),
        "contact_persons": employer.contact_persons.all(),
        "vacancies": vacancies,
        "proposals": proposals,
        "can_edit": can_write(request.user),
    }


@writer_required
def employer_create(request: HttpRequest) -> HttpResponse:
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.employer_create(**form.changes())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Werkgever %(name)s is toegevoegd.") % {"name": employer.name},
            )
            return redirect(employer)
    return render(request, "employers/employer_form.html", {"form": form})


@writer_required
def employer_update(request: HttpRequest, uuid: str) -> HttpResponse:
    employer = get_object_or_404(_employers(request), uuid=uuid)
    form = EmployerForm(request.POST or None, instance=employer)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.employer_update(
                employer=employer,
                expected_version=form.cleaned_data["version"] or 0,
                **form.changes(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(employer)
    return render(
        request, "employers/employer_form.html", {"form": form, "employer": employer}
    )


@writer_required
@require_POST
def employer_archive(request: HttpRequest, uuid: str) -> HttpResponse:
    employer = get_object_or_404(_employers(request), uuid=uuid)
    archive = request.POST.get("archiveren") != "nee"
    services.employer_archive(employer=employer, archive=archive)
    messages.success(
        request,
        _("De werkgever is gearchiveerd.")
        if archive
        else _("De werkgever is hersteld."),
    )
    return redirect(employer)


@writer_required
def contact_person_edit(
    request: HttpRequest, uuid: str, person_uuid: str | None = None
) -> HttpResponse:
    employer = get_object_or_404(_employers(request), uuid=uuid)
    person = (
        get_object_or_404(employer.contact_persons, uuid=person_uuid)
        if person_uuid
        else None
    )
    form = ContactPersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            services.contact_person_save(
                employer=employer,
                contact_person=person,
                expected_version=version if person else None,
                **fields,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De contactpersoon is opgeslagen."))
            return redirect(employer)
    return render(
        request,
        "employers/contact_person_form.html",
        {"form": form, "employer": employer, "person": person},
    )


@writer_required
@require_POST
def contact_record(request: HttpRequest, uuid: str) -> HttpResponse:
    """The quick contact form; with htmx it answers the refreshed contact log."""
    employer = get_object_or_404(_employers(request), uuid=uuid)
    form = EmployerContactForm(request.POST, employer=employer)
    contact = None
    if form.is_valid():
        try:
            contact = services.employer_contact_record(
                employer=employer,
                werkmakelaar=cast(User, request.user),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    if contact is not None and not _is_htmx(request):
        messages.success(request, _("Het contact is vastgelegd."))
        return redirect(employer)
    if _is_htmx(request):
        context = _contact_log_context(request, employer, None if contact else form)
        context["recorded"] = contact
        return render(request, "employers/_contact_log.html", context)
    return render(
        request,
        "employers/employer_detail.html",
        _employer_page_context(request, employer, form),
        status=400,
    )


@writer_required
def follow_up_list(request: HttpRequest) -> HttpResponse:
    contacts = (
        EmployerContact.objects.for_user(request.user)
        .follow_ups_for(request.user)
        .select_related("employer", "kind", "contact_person")
        .order_by("follow_up_date", "pk")
    )
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "employers/follow_up_list.html",
        {"page": page, "today": timezone.localdate()},
    )


@writer_required
@require_POST
def follow_up_complete(request: HttpRequest, uuid: str) -> HttpResponse:
    contact = get_object_or_404(
        EmployerContact.objects.for_user(request.user).follow_ups_for(request.user),
        uuid=uuid,
    )
    services.employer_contact_follow_up_complete(contact=contact)
    messages.success(request, _("De vervolgafspraak is afgerond."))
    return redirect("employers:follow_ups")


# --- vacancies -------------------------------------------------------------------


@reader_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    queryset = (
        _vacancies(request)
        .select_related("employer", "location_municipality", "sector_cluster")
        .order_by("-open_date", "pk")
    )
    filterset = VacancyFilter(
        _with_default(request.GET, status="open"), queryset=queryset
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "employers/vacancy_list.html",
        {"filter": filterset, "page": page, "can_write": can_write(request.user)},
    )


@reader_required
def vacancy_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    vacancy = get_object_or_404(
        _vacancies(request).select_related(
            "employer", "location_municipality", "sector_cluster", "created_by"
        ),
        uuid=uuid,
    )
    return render(
        request, "employers/vacancy_detail.html", _vacancy_context(request, vacancy)
    )


def _proposals(request: HttpRequest) -> Any:
    return Proposal.objects.for_user(request.user)


def _board(vacancy: Vacancy, proposals: Any) -> list[dict[str, Any]]:
    """The pipeline board: one column per status, in pipeline order."""
    by_status: dict[str, list[Proposal]] = {s: [] for s in ProposalStatus.values}
    for proposal in proposals.filter(vacancy=vacancy).select_related(
        "client", "proposed_by"
    ):
        by_status[proposal.status].append(proposal)
    return [
        {"status": status, "label": label, "proposals": by_status[status]}
        for status, label in ProposalStatus.choices
    ]


def _vacancy_context(
    request: HttpRequest, vacancy: Vacancy, **extra: Any
) -> dict[str, Any]:
    writable = can_write(request.user)
    show_all = request.GET.get("kandidaten") == "alle"
    limit = matching.DEFAULT_LIMIT if show_all else CANDIDATES_SHOWN
    matches = (
        matching.candidates_for_vacancy(user=request.user, vacancy=vacancy, limit=limit)
        if writable and vacancy.is_open
        else []
    )
    more = not show_all and len(matches) == CANDIDATES_SHOWN
    board = _board(vacancy, _proposals(request))
    # The candidates' work profiles and the board's names are client data.
    record_reads(request, matches, purpose=_("Matching vacature %s") % vacancy.uuid)
    record_reads(
        request,
        (p for column in board for p in column["proposals"]),
        purpose=_("Voordrachten vacature %s") % vacancy.uuid,
    )
    return {
        "more_candidates_url": (
            f"{vacancy.get_absolute_url()}?kandidaten=alle#sectie-kandidaten"
            if more
            else ""
        ),
        "all_candidates": matching.DEFAULT_LIMIT,
        "vacancy": vacancy,
        "can_write": writable,
        "close_form": VacancyCloseForm(),
        "board": board,
        "matches": matches,
        "rejection_reasons": RejectionReason.choices,
        **extra,
    }


@writer_required
def vacancy_create(request: HttpRequest) -> HttpResponse:
    employers = _employers(request).active()
    initial = {}
    if chosen := request.GET.get("werkgever"):
        initial["employer"] = chosen
    form = VacancyForm(request.POST or None, employers=employers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                employer=form.cleaned_data["employer"],
                created_by=cast(User, request.user),
                **form.changes(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vacature is geregistreerd."))
            return redirect(vacancy)
    return render(request, "employers/vacancy_form.html", {"form": form})


@writer_required
def vacancy_update(request: HttpRequest, uuid: str) -> HttpResponse:
    vacancy = get_object_or_404(
        _vacancies(request).select_related("employer"), uuid=uuid
    )
    form = VacancyForm(
        request.POST or None, instance=vacancy, employers=_employers(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_update(
                vacancy=vacancy,
                expected_version=form.cleaned_data["version"] or 0,
                **form.changes(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(vacancy)
    return render(
        request, "employers/vacancy_form.html", {"form": form, "vacancy": vacancy}
    )


@writer_required
@require_POST
def vacancy_close(request: HttpRequest, uuid: str) -> HttpResponse:
    vacancy = get_object_or_404(_vacancies(request), uuid=uuid)
    form = VacancyCloseForm(request.POST)
    if form.is_valid():
        try:
            services.vacancy_close(vacancy=vacancy, status=form.cleaned_data["status"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De vacature is gesloten."))
            return redirect(vacancy)
    return render(
        request,
        "employers/vacancy_detail.html",
        _vacancy_context(request, vacancy, close_form=form),
        status=400,
    )


# --- proposals (voordrachten) and matching --------------------------------------------


@writer_required
@require_POST
def proposal_create(request: HttpRequest, uuid: str) -> HttpResponse:
    """'Voordragen' from the matching list; a client the user may not see is a 404."""
    vacancy = get_object_or_404(_vacancies(request), uuid=uuid)
    form = ProposalCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een werkzoekende om voor te dragen."))
        return redirect(vacancy)
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
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s is voorgedragen voor %(vacancy)s.")
            % {"name": client.full_name, "vacancy": vacancy.title},
        )
    return redirect(f"{vacancy.get_absolute_url()}#sectie-voordrachten")


@writer_required
@require_POST
def proposal_advance(request: HttpRequest, uuid: str) -> HttpResponse:
    """A button on the pipeline board: move one proposal to its next status."""
    proposal = get_object_or_404(
        _proposals(request).select_related("vacancy", "client"), uuid=uuid
    )
    form = ProposalAdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
    else:
        try:
            fields = dict(form.cleaned_data)
            services.proposal_advance(
                proposal=proposal, expected_version=fields.pop("version"), **fields
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("De voordracht van %(name)s staat nu op %(status)s.")
                % {
                    "name": proposal.client.full_name,
                    "status": ProposalStatus(form.cleaned_data["status"]).label,
                },
            )
    return redirect(f"{proposal.vacancy.get_absolute_url()}#sectie-voordrachten")


@reader_required
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
        if request.headers.get("HX-Request")
        else "employers/client_vacancies.html"
    )
    return render(
        request,
        template,
        {
            "client": client,
            "proposals": _proposals(request)
            .filter(client=client)
            .select_related("vacancy__employer")
            .order_by("-proposed_on", "-pk"),
            "suggestions": matching.suggestions_for_client(
                user=request.user, client=client
            ),
        },
    )
