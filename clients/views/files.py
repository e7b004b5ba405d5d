"""A client's file: register, edit and the file page itself."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from clients import forms, selectors, services
from clients import timeline as client_timeline
from clients.models import Client, Goal, Status
from clients.views.common import (
    PAGE_SIZE,
    client_for_page,
    purpose,
    scoped,
    user_of,
)
from ijmondwerkt.access import klantmanager
from ijmondwerkt.privacy import record_reads
from ijmondwerkt.web import posted, render_form, run_service
from trajectories.views.client_file import client_file_sections


def _duplicates_context(
    request: HttpRequest, data: dict[str, Any], exclude: Client | None = None
) -> dict[str, Any]:
    found = services.possible_duplicates(
        first_name=data["first_name"],
        last_name=data["last_name"],
        date_of_birth=data["date_of_birth"],
        exclude=exclude,
    )
    # Name and birth date are not a reason to tell a user about a person in a
    # municipality they do not serve (docs/security.md): only visible files count.
    found = found.filter(municipality_id__in=user_of(request).municipality_ids)
    visible = list(found[:5])
    record_reads(request, visible, purpose=_("Controle op dubbele inschrijving"))
    return {"duplicate_count": found.count(), "duplicates": visible}


@sensitive_post_parameters("bsn")
@klantmanager
def client_register(request: HttpRequest) -> HttpResponse:
    form = forms.ClientForm(
        posted(request),
        user=user_of(request),
        initial={"registration_date": timezone.localdate()},
    )
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        context.update(_duplicates_context(request, form.cleaned_data))
        if context["duplicate_count"] and not request.POST.get("toch_aanmelden"):
            context["confirm_duplicate"] = True
        else:
            client = run_service(
                form,
                lambda data: services.client_register(
                    registered_by=user_of(request),
                    municipality=data["municipality"],
                    registration_date=data["registration_date"],
                    **form.service_kwargs(),
                ),
            )
            if client is not None:
                messages.success(
                    request, _("%(name)s is aangemeld.") % {"name": client.full_name}
                )
                return redirect(client)
    return render_form(request, "clients/register.html", context)


@sensitive_post_parameters("bsn")
@klantmanager
@require_POST
def duplicate_check(request: HttpRequest) -> HttpResponse:
    """htmx: warn while typing when a file with this name and birth date exists."""
    form = forms.ClientForm(request.POST, user=user_of(request))
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    context: dict[str, Any] = {"duplicate_count": 0}
    if all(data.get(k) for k in ("first_name", "last_name", "date_of_birth")):
        context = _duplicates_context(request, data)
    return render(request, "clients/_duplicates.html", context)


@sensitive_post_parameters("bsn")
@klantmanager
def client_edit(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = client_for_page(request, uuid)
    form = forms.ClientForm(posted(request), user=user_of(request), instance=client)
    if request.method == "POST":
        expected = str(form.data.get("version"))
        updated = run_service(
            form,
            lambda _data: services.client_update(
                client=client,
                user=user_of(request),
                expected_version=int(expected) if expected.isdigit() else -1,
                **form.service_kwargs(),
            ),
        )
        if updated is not None:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(client)
    return render_form(request, "clients/edit.html", {"form": form, "client": client})


@klantmanager
def client_detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = get_object_or_404(
        selectors.with_last_contact(
            scoped(request)
            .select_related(
                "municipality",
                "klantmanager",
                "benefit_kind",
                "education_level",
                "registration_channel",
                "inflow_reason",
            )
            .with_current_ladder_step()
        ),
        uuid=uuid,
    )
    record_reads(request, [client], purpose=purpose(request, client))
    timeline = Paginator(client_timeline.events(client), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    goals = list(
        Goal.objects.filter(plan__client=client).select_related("plan__client")
    )
    return render(
        request,
        "clients/detail.html",
        {
            "client": client,
            "intake": client.intakes.select_related("held_by").first(),
            "goals": goals,
            "measurements": client.ladder_measurements.select_related("measured_by")[
                :6
            ],
            "contacts": client.contacts.select_related("channel", "recorded_by")[:5],
            "handover": client.handovers.filter(returned_on__isnull=True).first(),
            "outflow": client.outflows.select_related("reason").first()
            if client.status == Status.OUTFLOWED
            else None,
            "barriers": list(client.barrier_categories.all()),
            "page": timeline,
            "today": timezone.localdate(),
            **client_file_sections(user_of(request), client, timezone.localdate()),
        },
    )
