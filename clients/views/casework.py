"""The casework forms on a client's file, as one view and a table.

Every casework page has one shape: the scoped file, a form, a service called
with the file and the user, a success message and back to the file. What
differs is data: the rows of ``CASEWORK``, keyed by URL name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from clients import forms, services
from clients.models import Client, Goal, Handover
from clients.views.common import client_for_page, user_of
from ijmondwerkt.access import klantmanager
from ijmondwerkt.web import posted, render_form, run_service

# What the service acts on, given the file: most act on the file itself.
Subject = Callable[[Client], dict[str, Any]]
# After a successful write: extra messages for the user.
Aftermath = Callable[[HttpRequest, Client, Any], None]


def _the_client(client: Client) -> dict[str, Any]:
    return {"client": client}


def _open_handover(client: Client) -> dict[str, Any]:
    return {
        "handover": get_object_or_404(Handover, client=client, returned_on__isnull=True)
    }


def _today() -> date:
    return timezone.localdate()


def _this_minute() -> datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


def _warn_above_ceiling(request: HttpRequest, client: Client, goal: Any) -> None:
    warning = services.ladder_ceiling_warning(
        client=client, step=goal.target_ladder_step
    )
    if warning:
        messages.warning(request, warning)


def _no_show_task(request: HttpRequest, client: Client, contact: Any) -> None:
    if contact.no_show:
        messages.info(request, _("Er staat een vervolgtaak in de takenlijst."))


@dataclass(frozen=True)
class Casework:
    form: type[forms.AccessibleForm]
    service: Callable[..., Any]
    title: str | Promise
    done: str | Promise
    initial: dict[str, Callable[[], Any]] = field(default_factory=dict)
    subject: Subject = _the_client
    after: Aftermath | None = None
    template: str = "clients/form.html"


CASEWORK: dict[str, Casework] = {
    "intake_plan": Casework(
        forms.IntakePlanForm,
        services.intake_plan,
        _("Intake plannen"),
        _("De intake is gepland."),
    ),
    "intake_record": Casework(
        forms.IntakeRecordForm,
        services.intake_record,
        _("Intake en diagnose vastleggen"),
        _("De intake is vastgelegd."),
        initial={"held_date": _today},
    ),
    "goal_add": Casework(
        forms.GoalForm,
        services.goal_add,
        _("Doel toevoegen aan het plan van aanpak"),
        _("Het doel is toegevoegd."),
        after=_warn_above_ceiling,
    ),
    "ladder_measure": Casework(
        forms.LadderForm,
        services.ladder_measure,
        _("Meting participatieladder"),
        _("De meting is vastgelegd."),
        initial={"measured_on": _today},
    ),
    "contact_record": Casework(
        forms.ContactForm,
        services.contact_record,
        _("Klantcontact vastleggen"),
        _("Het contact is vastgelegd."),
        initial={"occurred_at": _this_minute},
        after=_no_show_task,
    ),
    "outflow": Casework(
        forms.OutflowForm,
        services.client_outflow,
        _("Uitstroom vastleggen"),
        _("De uitstroom is vastgelegd; open doelen en taken zijn afgesloten."),
        initial={"date": _today},
    ),
    "reregister": Casework(
        forms.ReregisterForm,
        services.client_reregister,
        _("Opnieuw aanmelden"),
        _("Het dossier is heropend."),
        initial={"registration_date": _today},
    ),
    "handover_start": Casework(
        forms.HandoverForm,
        services.handover_start,
        _("Warme overdracht naar zorg"),
        _("De overdracht is vastgelegd."),
        initial={"started_on": _today},
    ),
    "handover_return": Casework(
        forms.HandoverReturnForm,
        services.handover_return,
        _("Terug van zorg"),
        _("De werkzoekende is terug in de werkvoorraad."),
        initial={"returned_on": _today},
        subject=_open_handover,
    ),
}


@klantmanager
def casework(request: HttpRequest, uuid: Any, *, action: str) -> HttpResponse:
    """One casework form on a file; ``action`` names its row in ``CASEWORK``."""
    row = CASEWORK[action]
    client = client_for_page(request, uuid)
    subject = row.subject(client)
    form = row.form(
        posted(request),
        initial={name: value() for name, value in row.initial.items()},
    )
    if request.method == "POST":
        result = run_service(
            form,
            lambda data: row.service(**subject, user=user_of(request), **data),
        )
        if result is not None:
            if row.after is not None:
                row.after(request, client, result)
            messages.success(request, str(row.done))
            return redirect(client)
    return render_form(
        request,
        row.template,
        {"form": form, "client": client, "title": row.title},
    )


@klantmanager
@require_POST
def goal_status(request: HttpRequest, uuid: Any, goal_uuid: Any) -> HttpResponse:
    client = client_for_page(request, uuid)
    goal = get_object_or_404(
        Goal.objects.select_related("plan__client"), plan__client=client, uuid=goal_uuid
    )
    try:
        services.goal_set_status(
            goal=goal, user=user_of(request), status=request.POST.get("status", "")
        )
    except ValidationError:
        return HttpResponse(status=422)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "clients/_goal_row.html",
            {"goal": goal, "client": client, "today": timezone.localdate()},
        )
    return redirect(client)
