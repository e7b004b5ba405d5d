"""Entering budgets, amendments, benefit parameters and realisation (by hand and CSV import).

Managers and functioneel beheerders of the municipality (docs/scoping.md):
every page starts from the scoped queryset, so a budget of a municipality the
user does not serve is a 404; a form offers only the municipalities served.
This module holds the budget and benefit-parameter pages and the routes of
all entry pages; realisation and the import are in ``budgets.views.realisation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from budgets import services
from budgets.forms import BenefitParameterForm, BudgetForm
from budgets.models import BenefitParameter, Budget
from budgets.selectors import figures
from budgets.views import realisation
from budgets.views.entry_common import PAGE_SIZE, budget_staff, calling
from clients.views.common import user_of
from ijmondwerkt.audit.models import AuditEvent
from ijmondwerkt.web import posted, render_form, run_service

# --- budgets ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Amendment:
    """One line of a budget's history: who, when, what, the old and new amount."""

    at: datetime
    who: str
    summary: str
    old_amount: Decimal | None
    new_amount: Decimal | None
    lines: list[Any] | None


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def history(budget: Budget) -> list[Amendment]:
    """The budget's audit events, newest first: one query (user and partner joined)."""
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Budget),
        object_id=str(budget.pk),
    ).select_related("user", "partner")
    result = []
    for event in events:
        amount = event.changes.get("amount") or [None, None]
        lines = event.changes.get("lines")
        result.append(
            Amendment(
                at=event.at,
                who=event.actor_name,
                summary=event.summary,
                old_amount=_amount(amount[0]),
                new_amount=_amount(amount[1]),
                lines=lines if isinstance(lines, list) else None,
            )
        )
    return result


def budget_for_page(request: HttpRequest, uuid: Any) -> Budget:
    return get_object_or_404(
        Budget.objects.for_user(user_of(request)).select_related("municipality"),
        uuid=uuid,
    )


@budget_staff
def budget_create(request: HttpRequest) -> HttpResponse:
    form = BudgetForm(posted(request), user=request.user, initial=_preset(request))
    if request.method == "POST":
        budget = run_service(
            form,
            lambda data: calling(services.budget_create)(
                user=request.user,
                municipality=data["municipality"],
                year=data["year"],
                funding_stream=data["funding_stream"],
                amount=data["amount"],
                note=data["note"],
                lines=form.lines(),
            ),
        )
        if budget is not None:
            messages.success(request, _("Het budget is vastgelegd."))
            return redirect("budgets:budget_detail", uuid=budget.uuid)
    return render_form(
        request,
        "budgets/budget_form.html",
        {"form": form, "title": _("Budget vastleggen")},
    )


def _preset(request: HttpRequest) -> dict[str, Any]:
    """Municipality, year and stream from the address (a link from the overview)."""
    keys = {"gemeente": "municipality", "jaar": "year", "stroom": "funding_stream"}
    return {
        field: request.GET[key]
        for key, field in keys.items()
        if request.GET.get(key, "").isascii() and request.GET.get(key)
    }


@budget_staff
def budget_detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    budget = budget_for_page(request, uuid)
    lines = list(budget.lines.select_related("category"))
    stream = next(
        (
            row
            for row in figures([budget.municipality_id], year=budget.year)
            if row.funding_stream == budget.funding_stream
        ),
        None,
    )
    return render(
        request,
        "budgets/budget_detail.html",
        {
            "budget": budget,
            "lines": lines,
            "lines_total": sum((line.amount for line in lines), Decimal("0.00")),
            "figures": stream,
            "history": history(budget),
        },
    )


@budget_staff
def budget_update(request: HttpRequest, uuid: Any) -> HttpResponse:
    budget = budget_for_page(request, uuid)
    form = BudgetForm(posted(request), user=request.user, budget=budget)
    if request.method == "POST":
        updated = run_service(
            form,
            lambda data: calling(services.budget_update)(
                user=request.user,
                budget=budget,
                expected_version=form.expected_version,
                amount=data["amount"],
                note=data["note"],
                lines=form.lines(),
            ),
        )
        if updated is not None:
            messages.success(request, _("De wijziging van het budget is opgeslagen."))
            return redirect("budgets:budget_detail", uuid=budget.uuid)
    return render_form(
        request,
        "budgets/budget_form.html",
        {"form": form, "budget": budget, "title": _("Budget wijzigen")},
    )


# --- benefit parameters ----------------------------------------------------------------


@budget_staff
def benefit_parameters(request: HttpRequest) -> HttpResponse:
    parameters = BenefitParameter.objects.for_user(user_of(request)).select_related(
        "municipality"
    )
    page = Paginator(parameters, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "budgets/benefit_list.html", {"page": page})


@budget_staff
def benefit_parameter_create(request: HttpRequest) -> HttpResponse:
    form = BenefitParameterForm(posted(request), user=request.user)
    if request.method == "POST":
        parameter = run_service(
            form,
            lambda data: calling(services.benefit_parameter_create)(
                user=request.user,
                municipality=data["municipality"],
                year=data["year"],
                average_monthly_benefit=data["average_monthly_benefit"],
            ),
        )
        if parameter is not None:
            messages.success(request, _("De gemiddelde uitkering is vastgelegd."))
            return redirect("budgets:benefit_parameters")
    return render_form(
        request,
        "budgets/benefit_form.html",
        {"form": form, "title": _("Gemiddelde uitkering vastleggen")},
    )


@budget_staff
def benefit_parameter_update(request: HttpRequest, uuid: Any) -> HttpResponse:
    parameter = get_object_or_404(
        BenefitParameter.objects.for_user(user_of(request)).select_related(
            "municipality"
        ),
        uuid=uuid,
    )
    form = BenefitParameterForm(posted(request), user=request.user, parameter=parameter)
    if request.method == "POST":
        updated = run_service(
            form,
            lambda data: calling(services.benefit_parameter_update)(
                user=request.user,
                parameter=parameter,
                expected_version=form.expected_version,
                average_monthly_benefit=data["average_monthly_benefit"],
            ),
        )
        if updated is not None:
            messages.success(request, _("De gemiddelde uitkering is gewijzigd."))
            return redirect("budgets:benefit_parameters")
    return render_form(
        request,
        "budgets/benefit_form.html",
        {
            "form": form,
            "parameter": parameter,
            "title": _("Gemiddelde uitkering wijzigen"),
        },
    )


urlpatterns: list[URLPattern] = [
    path("nieuw/", budget_create, name="budget_create"),
    path("budget/<uuid:uuid>/", budget_detail, name="budget_detail"),
    path("budget/<uuid:uuid>/wijzigen/", budget_update, name="budget_update"),
    path("uitkeringen/", benefit_parameters, name="benefit_parameters"),
    path(
        "uitkeringen/nieuw/", benefit_parameter_create, name="benefit_parameter_create"
    ),
    path(
        "uitkeringen/<uuid:uuid>/wijzigen/",
        benefit_parameter_update,
        name="benefit_parameter_update",
    ),
    *realisation.urlpatterns,
]
