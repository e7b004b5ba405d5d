"""The vacancy list and page; create, edit, close."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers import matching, selectors, services
from employers.filters import VacancyFilter
from employers.forms import VacancyCloseForm, VacancyForm
from employers.models import RejectionReason, Vacancy
from employers.views.common import PAGE_SIZE, employers, vacancies, with_default
from ijmondwerkt.access import reads_employers, writes_employers
from ijmondwerkt.accounts.models import User
from ijmondwerkt.privacy import record_reads
from ijmondwerkt.web import form_status, posted, render_form, run_service

CANDIDATES_SHOWN = 15  # on the vacancy page; "toon meer" shows DEFAULT_LIMIT


@reads_employers
def vacancy_list(request: HttpRequest) -> HttpResponse:
    queryset = (
        vacancies(request)
        .select_related("employer", "location_municipality", "sector_cluster")
        .order_by("-open_date", "pk")
    )
    filterset = VacancyFilter(
        with_default(request.GET, status="open"), queryset=queryset
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "employers/vacancy_list.html",
        {
            "filter": filterset,
            "page": page,
            "can_write": writes_employers.allows(request.user),
        },
    )


def vacancy_context(
    request: HttpRequest, vacancy: Vacancy, **extra: Any
) -> dict[str, Any]:
    writable = writes_employers.allows(request.user)
    show_all = request.GET.get("kandidaten") == "alle"
    limit = matching.DEFAULT_LIMIT if show_all else CANDIDATES_SHOWN
    matches = (
        matching.candidates_for_vacancy(user=request.user, vacancy=vacancy, limit=limit)
        if writable and vacancy.is_open
        else []
    )
    more = not show_all and len(matches) == CANDIDATES_SHOWN
    board = selectors.pipeline_board(request.user, vacancy)
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


def vacancy_page(
    request: HttpRequest, vacancy: Vacancy, *, status: int = 200, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "employers/vacancy_detail.html",
        vacancy_context(request, vacancy, **extra),
        status=status,
    )


@reads_employers
def vacancy_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    vacancy = get_object_or_404(
        vacancies(request).select_related(
            "employer", "location_municipality", "sector_cluster", "created_by"
        ),
        uuid=uuid,
    )
    return vacancy_page(request, vacancy)


@writes_employers
def vacancy_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if chosen := request.GET.get("werkgever"):
        initial["employer"] = chosen
    form = VacancyForm(
        posted(request), employers=employers(request).active(), initial=initial
    )
    if request.method == "POST":
        vacancy = run_service(
            form,
            lambda data: services.vacancy_create(
                employer=data["employer"],
                created_by=cast(User, request.user),
                **form.changes(),
            ),
        )
        if vacancy is not None:
            messages.success(request, _("De vacature is geregistreerd."))
            return redirect(vacancy)
    return render_form(request, "employers/vacancy_form.html", {"form": form})


@writes_employers
def vacancy_update(request: HttpRequest, uuid: str) -> HttpResponse:
    vacancy = get_object_or_404(
        vacancies(request).select_related("employer"), uuid=uuid
    )
    form = VacancyForm(posted(request), instance=vacancy, employers=employers(request))
    if request.method == "POST":
        updated = run_service(
            form,
            lambda data: services.vacancy_update(
                vacancy=vacancy,
                expected_version=data["version"] or 0,
                **form.changes(),
            ),
        )
        if updated is not None:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(updated)
    return render_form(
        request, "employers/vacancy_form.html", {"form": form, "vacancy": vacancy}
    )


@writes_employers
@require_POST
def vacancy_close(request: HttpRequest, uuid: str) -> HttpResponse:
    vacancy = get_object_or_404(vacancies(request), uuid=uuid)
    form = VacancyCloseForm(request.POST)
    closed = run_service(
        form,
        lambda data: services.vacancy_close(vacancy=vacancy, status=data["status"]),
    )
    if closed is not None:
        messages.success(request, _("De vacature is gesloten."))
        return redirect(vacancy)
    return vacancy_page(request, vacancy, status=form_status(form), close_form=form)
