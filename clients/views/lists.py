"""The klantmanager's lists: dashboard, client list, BSN search, reassignment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from clients import forms, selectors, services
from clients.dashboard import caseload_summary
from clients.filters import ClientFilter
from clients.models import Status
from clients.views.common import PAGE_SIZE, scoped, user_of
from ijmondwerkt.access import klantmanager
from ijmondwerkt.accounts.models import User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.inbox.models import Task
from ijmondwerkt.privacy import client_uuids_in_links, record_reads
from ijmondwerkt.web import posted, render_form, run_service
from trajectories.selectors import assessments_due_or_overdue

# Wage-value assessments shown on the werkvoorraad (the oldest due first).
DUE_SHOWN = 10


@klantmanager
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    tasks = list(Task.objects.for_user(user_of(request)).due_by(today)[:10])
    record_reads(
        request,
        [t for t in tasks if t.client_id is not None],
        uuids=client_uuids_in_links(t.link for t in tasks),
        purpose=_("Werkvoorraad: taken"),
    )
    assessments = list(
        assessments_due_or_overdue(today, user_of(request))
        .filter(**{"responsible_id": user_of(request).pk})  # annotated by the selector
        .select_related("client", "placement__employer")[:DUE_SHOWN]
    )
    record_reads(request, assessments, purpose=_("Werkvoorraad: loonwaardebepalingen"))
    return render(
        request,
        "clients/dashboard.html",
        {
            "summary": caseload_summary(user_of(request), today),
            "tasks": tasks,
            "assessments_due": assessments,
            "today": today,
        },
    )


def _list_page(request: HttpRequest, data: Any, bsn_form: forms.BsnSearchForm) -> Any:
    # A BSN in the address never gets here: ijmondwerkt.bsn_guard refuses it.
    base = selectors.with_intake_deadline(
        scoped(request)
        .select_related("municipality", "benefit_kind", "klantmanager")
        .with_current_ladder_step()
    )
    filterset = ClientFilter(data, queryset=base, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(
        request.GET.get("pagina") if data is not None else 1
    )
    record_reads(request, page.object_list, purpose=_("Overzicht werkzoekenden"))
    return render_form(
        request,
        "clients/list.html",
        {
            "filter": filterset,
            "page": page,
            "bsn_form": bsn_form,
            "today": timezone.localdate(),
        },
        form=bsn_form,
    )


@klantmanager
def client_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, request.GET or None, forms.BsnSearchForm())


@sensitive_post_parameters("bsn")
@klantmanager
@require_POST
def bsn_search(request: HttpRequest) -> HttpResponse:
    form = forms.BsnSearchForm(request.POST)
    if form.is_valid():
        client = scoped(request).filter(bsn=form.cleaned_data["bsn"]).first()
        if client is not None:
            return redirect(client)
        form.add_error("bsn", _("Geen dossier met dit BSN in uw gemeenten."))
    return _list_page(request, None, form)


@klantmanager
def clients_reassign(request: HttpRequest) -> HttpResponse:
    """Move files of one klantmanager (e.g. a leaving colleague) to another."""
    source = request.GET.get("van", "")
    candidates = (
        scoped(request)
        .filter(klantmanager__username=source)
        .exclude(status=Status.OUTFLOWED)
        if source
        else scoped(request).none()
    )
    form = forms.ReassignForm(
        posted(request), clients=candidates, user=user_of(request)
    )
    # The form lists the files to move (written only when the page is shown).
    record_reads(request, candidates, purpose=_("Herverdelen werkvoorraad"))

    def reassign(data: dict[str, Any]) -> int:
        try:
            return services.clients_reassign(
                clients=data["clients"], to=data["to"], user=user_of(request)
            )
        except ValidationError as exc:
            # The form calls the service's "klantmanager" field "to".
            if hasattr(exc, "error_dict") and "klantmanager" in exc.error_dict:
                raise ValidationError({"to": exc.error_dict["klantmanager"]}) from exc
            raise

    if request.method == "POST":
        moved = run_service(form, reassign)
        if moved is not None:
            messages.success(
                request, _("%(n)s werkzoekenden overgedragen.") % {"n": moved}
            )
            return HttpResponseRedirect(f"{reverse('clients:reassign')}?van={source}")
    return render_form(
        request,
        "clients/reassign.html",
        {
            "form": form,
            "source": source,
            "klantmanagers": User.objects.active_with_role(
                Role.KLANTMANAGER, municipalities=user_of(request).municipality_ids
            ),
        },
    )
