"""The employer contact log and the werkmakelaar's follow-ups."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers import selectors, services
from employers.forms import EmployerContactForm
from employers.views.common import PAGE_SIZE, employers, is_htmx
from employers.views.employers import contact_log_context, employer_page_context
from ijmondwerkt.access import writes_employers
from ijmondwerkt.accounts.models import User
from ijmondwerkt.web import form_status, run_service


@writes_employers
@require_POST
def contact_record(request: HttpRequest, uuid: str) -> HttpResponse:
    """The quick contact form; with htmx it answers the refreshed contact log."""
    employer = get_object_or_404(employers(request), uuid=uuid)
    form = EmployerContactForm(request.POST, employer=employer)
    contact = run_service(
        form,
        lambda data: services.employer_contact_record(
            employer=employer, werkmakelaar=cast(User, request.user), **data
        ),
    )
    if is_htmx(request):
        # The form with its errors, or a fresh one after a recorded contact.
        context = contact_log_context(request, employer, None if contact else form)
        context["recorded"] = contact
        return render(
            request,
            "employers/_contact_log.html",
            context,
            status=form_status(form),
        )
    if contact is not None:
        messages.success(request, _("Het contact is vastgelegd."))
        return redirect(employer)
    return render(
        request,
        "employers/employer_detail.html",
        employer_page_context(request, employer, form),
        status=form_status(form),
    )


@writes_employers
def follow_up_list(request: HttpRequest) -> HttpResponse:
    contacts = selectors.follow_ups(request.user).select_related(
        "employer", "kind", "contact_person"
    )
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "employers/follow_up_list.html",
        {"page": page, "today": timezone.localdate()},
    )


@writes_employers
@require_POST
def follow_up_complete(request: HttpRequest, uuid: str) -> HttpResponse:
    contact = get_object_or_404(selectors.follow_ups(request.user), uuid=uuid)
    services.employer_contact_follow_up_complete(contact=contact)
    messages.success(request, _("De vervolgafspraak is afgerond."))
    return redirect("employers:follow_ups")
