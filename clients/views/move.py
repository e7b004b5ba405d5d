"""Moving a file to another municipality of the region (verhuizing)."""

from __future__ import annotations

from typing import Any, cast

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clients import forms, services
from clients.models import Client
from clients.views.common import user_of
from ijmondwerkt.access import role_required
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.privacy import record_reads
from ijmondwerkt.web import posted, render_form, run_service

# Who may open the page; ``services.may_move`` decides per file and municipality.
moves_files = role_required(Role.KLANTMANAGER, Role.BEHEERDER)


class PersonChoiceField(django_forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.audit_name)


class MoveForm(forms.AccessibleForm):
    to_municipality = django_forms.ModelChoiceField(
        label=gettext_lazy("Nieuwe gemeente"),
        queryset=Municipality.objects.none(),
        help_text=gettext_lazy("De gemeente waar de werkzoekende nu woont."),
    )
    klantmanager = PersonChoiceField(
        label=gettext_lazy("Nieuwe klantmanager"),
        queryset=User.objects.none(),
        help_text=gettext_lazy(
            "Een klantmanager van de nieuwe gemeente; die neemt het dossier en de "
            "open taken over."
        ),
    )
    expected_version = django_forms.IntegerField(widget=django_forms.HiddenInput)

    def __init__(self, *args: Any, client: Client, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = (
            Municipality.objects.active()
            .filter(pk__in=user.municipality_ids)
            .exclude(pk=client.municipality_id)
        )
        municipality = cast(
            django_forms.ModelChoiceField, self.fields["to_municipality"]
        )
        municipality.queryset = others
        person = cast(django_forms.ModelChoiceField, self.fields["klantmanager"])
        person.queryset = User.objects.active_with_role(
            Role.KLANTMANAGER, municipalities=others
        )


def _file(request: HttpRequest, uuid: Any) -> Client:
    """The file, for someone who serves its municipality and at least one other."""
    user = user_of(request)
    client = get_object_or_404(
        Client.objects.select_related("municipality", "klantmanager").filter(
            municipality_id__in=user.municipality_ids
        ),
        uuid=uuid,
    )
    if not user.municipality_ids - {client.municipality_id}:
        raise PermissionDenied(_("U werkt niet voor een andere gemeente."))
    record_reads(request, [client], purpose=_("Verhuizing binnen de regio"))
    return client


@moves_files
def client_move(request: HttpRequest, uuid: Any) -> HttpResponse:
    """Move the file to the municipality the client moved to; see ``may_move``."""
    client = _file(request, uuid)
    user = user_of(request)
    form = MoveForm(
        posted(request),
        client=client,
        user=user,
        initial={"expected_version": client.version},
    )
    if request.method == "POST":
        moved = run_service(
            form,
            lambda data: services.client_move(client=client, user=user, **data),
        )
        if moved is not None:
            messages.success(
                request,
                _(
                    "Het dossier is verhuisd naar %(municipality)s; %(name)s is de "
                    "nieuwe klantmanager."
                )
                % {
                    "municipality": moved.municipality.name,
                    "name": moved.klantmanager.audit_name if moved.klantmanager else "",
                },
            )
            if moved.municipality_id in user.municipality_ids and user.has_role(
                Role.KLANTMANAGER
            ):
                return redirect(moved)
            return redirect("home")
    return render_form(
        request,
        "clients/form.html",
        {
            "form": form,
            "client": client,
            "title": _("Verhuizing binnen de regio"),
        },
    )
