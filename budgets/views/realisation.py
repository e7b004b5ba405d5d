"""Realisation pages: the list, entry by hand, removal, and the CSV import with its report."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets import services
from budgets.forms import (
    MONTHS,
    ImportForm,
    RealisationFilter,
    RealisationForm,
    megabytes,
    upload_limit,
)
from budgets.imports import realisation_import
from budgets.models import Realisation, RealisationImport
from budgets.views.entry_common import PAGE_SIZE, budget_staff, calling
from clients.views.common import user_of
from employers.views.common import with_default
from ijmondwerkt.web import posted, render_form, run_service

MONTH_NAMES = dict(MONTHS)


def realisations(request: HttpRequest) -> Any:
    return Realisation.objects.for_user(user_of(request))


@budget_staff
def realisation_list(request: HttpRequest) -> HttpResponse:
    base = realisations(request).select_related(
        "municipality", "source_import", "created_by"
    )
    filterset = RealisationFilter(
        with_default(request.GET, jaar=str(timezone.localdate().year)),
        queryset=base,
        request=request,
    )
    rows = filterset.qs
    total = rows.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    for row in page.object_list:
        row.month_name = MONTH_NAMES.get(row.month, row.month)
    return render(
        request,
        "budgets/realisation_list.html",
        {"filter": filterset, "page": page, "total": total},
    )


@budget_staff
def realisation_create(request: HttpRequest) -> HttpResponse:
    form = RealisationForm(posted(request), user=request.user)
    if request.method == "POST":
        created = run_service(
            form,
            lambda data: calling(services.realisation_create)(
                user=request.user, **data
            ),
        )
        if created is not None:
            messages.success(request, _("De realisatie is vastgelegd."))
            return redirect("budgets:realisation_list")
    return render_form(
        request,
        "budgets/realisation_form.html",
        {"form": form, "title": _("Realisatie invoeren")},
    )


@budget_staff
def realisation_delete(request: HttpRequest, uuid: Any) -> HttpResponse:
    realisation = get_object_or_404(
        realisations(request).select_related("municipality", "source_import"),
        uuid=uuid,
    )
    realisation.month_name = MONTH_NAMES.get(realisation.month, realisation.month)
    refusal = ""
    if request.method == "POST":
        try:
            calling(services.realisation_delete)(
                user=request.user, realisation=realisation
            )
        except ValidationError as exc:
            refusal = " ".join(exc.messages)
        else:
            messages.success(request, _("De realisatie is verwijderd."))
            return redirect("budgets:realisation_list")
    manual = realisation.source == Realisation.Source.MANUAL
    return render(
        request,
        "budgets/realisation_delete.html",
        {"realisation": realisation, "manual": manual, "refusal": refusal},
        status=422 if refusal else 200,
    )


# --- the import --------------------------------------------------------------------------


@budget_staff
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(posted(request), request.FILES or None)
    if request.method == "POST":
        entry = run_service(
            form,
            lambda data: realisation_import(
                user=request.user,
                file=data["file"],
                year=data["year"],
                file_name=data["file"].name,
            ),
        )
        if entry is not None:
            if entry.accepted:
                messages.success(
                    request,
                    _("Het bestand is ingelezen: %(n)s boekingen, samen %(total)s.")
                    % {
                        "n": entry.imported_count,
                        "total": services.euro(entry.total_amount),
                    },
                )
            return redirect("budgets:import_detail", uuid=entry.uuid)
    return render_form(
        request,
        "budgets/import_form.html",
        {"form": form, "limit": megabytes(upload_limit())},
    )


def imports(request: HttpRequest) -> Any:
    return RealisationImport.objects.for_user(user_of(request))


@budget_staff
def import_detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    entry = get_object_or_404(imports(request).select_related("uploaded_by"), uuid=uuid)
    errors = entry.report.get("errors", []) if isinstance(entry.report, dict) else []
    skipped = entry.report.get("skipped", []) if isinstance(entry.report, dict) else []
    return render(
        request,
        "budgets/import_detail.html",
        {
            "entry": entry,
            "file_errors": [e for e in errors if e.get("row") is None],
            "row_errors": [e for e in errors if e.get("row") is not None],
            "skipped": skipped,
            "municipalities": list(entry.municipalities.order_by("name")),
        },
    )


@budget_staff
def import_list(request: HttpRequest) -> HttpResponse:
    rows = imports(request).select_related("uploaded_by")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "budgets/import_list.html", {"page": page})


urlpatterns: list[URLPattern] = [
    path("realisatie/", realisation_list, name="realisation_list"),
    path("realisatie/nieuw/", realisation_create, name="realisation_create"),
    path(
        "realisatie/<uuid:uuid>/verwijderen/",
        realisation_delete,
        name="realisation_delete",
    ),
    path("realisatie/importeren/", import_upload, name="import"),
    path("realisatie/importen/", import_list, name="import_list"),
    path("realisatie/importen/<uuid:uuid>/", import_detail, name="import_detail"),
]
