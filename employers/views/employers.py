"""The employer list and page; create, edit, archive; contact persons."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers import selectors, services
from employers.filters import EmployerFilter
from employers.forms import ContactPersonForm, EmployerContactForm, EmployerForm
from employers.models import Employer
from employers.views.common import PAGE_SIZE, employers, with_default
from ijmondwerkt.access import reads_employers, writes_employers
from ijmondwerkt.privacy import record_reads
from ijmondwerkt.web import posted, render_form, run_service
from trajectories.models import Placement


@reads_employers
def employer_list(request: HttpRequest) -> HttpResponse:
    queryset = (
        employers(request)
        .select_related("sector_cluster", "municipality", "werkmakelaar")
        .with_counts()
        .order_by("name", "pk")
    )
    filterset = EmployerFilter(
        with_default(request.GET, status="actief"), queryset=queryset
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "employers/employer_list.html",
        {
            "filter": filterset,
            "page": page,
            "can_write": writes_employers.allows(request.user),
        },
    )


def contact_log_context(
    request: HttpRequest, employer: Employer, form: EmployerContactForm | None = None
) -> dict[str, Any]:
    writable = writes_employers.allows(request.user) and not employer.is_archived
    if form is None and writable:
        form = EmployerContactForm(employer=employer)
    return {
        "employer": employer,
        "contact_form": form,
        "contacts": selectors.contact_timeline(employer),
        "contact_count": employer.contacts.count(),
        "can_write": writable,
        "today": timezone.localdate(),
    }


PLACEMENTS_SHOWN = 20


def employer_placements(request: HttpRequest, employer: Employer) -> dict[str, Any]:
    """'Plaatsingen en subsidies': the newest placements the user may see, one query."""
    rows = list(
        Placement.objects.for_user(request.user)
        .filter(employer=employer)
        .select_related("client", "kind")
        .order_by("-start_date", "-pk")[: PLACEMENTS_SHOWN + 1]
    )
    record_reads(
        request,
        rows[:PLACEMENTS_SHOWN],
        purpose=_("Plaatsingen werkgever %s") % employer.uuid,
    )
    return {
        "placements": rows[:PLACEMENTS_SHOWN],
        "more_placements": len(rows) > PLACEMENTS_SHOWN,
    }


def employer_page_context(
    request: HttpRequest, employer: Employer, form: EmployerContactForm | None = None
) -> dict[str, Any]:
    proposals = selectors.employer_proposals(request.user, employer)
    record_reads(
        request, proposals, purpose=_("Voordrachten werkgever %s") % employer.uuid
    )
    return {
        **employer_placements(request, employer),
        **contact_log_context(request, employer, form),
        "contact_persons": employer.contact_persons.all(),
        "vacancies": selectors.employer_vacancies(employer),
        "proposals": proposals,
        "can_edit": writes_employers.allows(request.user),
    }


@reads_employers
def employer_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    employer = get_object_or_404(
        employers(request).select_related(
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
        employer_page_context(request, employer),
    )


@writes_employers
def employer_create(request: HttpRequest) -> HttpResponse:
    form = EmployerForm(posted(request))
    if request.method == "POST":
        employer = run_service(
            form, lambda _data: services.employer_create(**form.changes())
        )
        if employer is not None:
            messages.success(
                request,
                _("Werkgever %(name)s is toegevoegd.") % {"name": employer.name},
            )
            return redirect(employer)
    return render_form(request, "employers/employer_form.html", {"form": form})


@writes_employers
def employer_update(request: HttpRequest, uuid: str) -> HttpResponse:
    employer = get_object_or_404(employers(request), uuid=uuid)
    form = EmployerForm(posted(request), instance=employer)
    if request.method == "POST":
        updated = run_service(
            form,
            lambda data: services.employer_update(
                employer=employer,
                expected_version=data["version"] or 0,
                **form.changes(),
            ),
        )
        if updated is not None:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(updated)
    return render_form(
        request, "employers/employer_form.html", {"form": form, "employer": employer}
    )


@writes_employers
@require_POST
def employer_archive(request: HttpRequest, uuid: str) -> HttpResponse:
    employer = get_object_or_404(employers(request), uuid=uuid)
    archive = request.POST.get("archiveren") != "nee"
    services.employer_archive(employer=employer, archive=archive)
    messages.success(
        request,
        _("De werkgever is gearchiveerd.")
        if archive
        else _("De werkgever is hersteld."),
    )
    return redirect(employer)


@writes_employers
def contact_person_edit(
    request: HttpRequest, uuid: str, person_uuid: str | None = None
) -> HttpResponse:
    employer = get_object_or_404(employers(request), uuid=uuid)
    person = (
        get_object_or_404(employer.contact_persons, uuid=person_uuid)
        if person_uuid
        else None
    )
    form = ContactPersonForm(posted(request), instance=person)

    def save(data: dict[str, Any]) -> Any:
        fields = dict(data)
        version = fields.pop("version")
        return services.contact_person_save(
            employer=employer,
            contact_person=person,
            expected_version=version if person else None,
            **fields,
        )

    if request.method == "POST" and run_service(form, save) is not None:
        messages.success(request, _("De contactpersoon is opgeslagen."))
        return redirect(employer)
    return render_form(
        request,
        "employers/contact_person_form.html",
        {"form": form, "employer": employer, "person": person},
    )
