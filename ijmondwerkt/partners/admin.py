from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.policy import assignable_municipalities, partner_change_errors
from ijmondwerkt.accounts.services import StaffPolicyError
from ijmondwerkt.concurrency import OptimisticAdminMixin
from ijmondwerkt.partners.models import PartnerSystem
from ijmondwerkt.partners.services import (
    Credentials,
    partner_create,
    partner_revoke,
    partner_rotate_secret,
    partner_update,
)
from ijmondwerkt.rest.scopes import all_scopes


class PartnerSystemForm(forms.ModelForm):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Alleen gegevens van deze gemeenten zijn zichtbaar voor de ketenpartner."
        ),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Per resource lezen en schrijven apart."),
    )

    class Meta:
        model = PartnerSystem
        fields = [
            "name",
            "contact_email",
            "municipalities",
            "scopes",
            "throttle_rate",
            "active",
        ]
        help_texts = {
            "throttle_rate": _(
                "Aantal verzoeken per seconde, minuut, uur of dag, geschreven als "
                "aantal/eenheid met de Engelse eenheid (second, minute, hour, day): "
                "bijvoorbeeld 600/minute voor 600 per minuut. Leeg: de "
                "standaardwaarde."
            )
        }

    # Set by the admin: the person in beheer, whose municipalities bound the choice.
    actor: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = [  # type: ignore[attr-defined]
            (k, f"{k} – {v}") for k, v in all_scopes().items()
        ]
        if self.actor is not None:
            self.fields["municipalities"].queryset = assignable_municipalities(  # type: ignore[attr-defined]
                self.actor
            )
        if self.instance.pk:
            self._old_municipality_ids = set(
                self.instance.user.municipalities.values_list("pk", flat=True)
            )
            self.initial.setdefault("municipalities", self._old_municipality_ids)
        else:
            self._old_municipality_ids = set()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.actor is not None and "municipalities" in data:
            errors = partner_change_errors(
                actor=self.actor,
                old_ids=self._old_municipality_ids,
                new_ids={m.pk for m in data["municipalities"]},
            )
            for field, messages_ in errors.items():
                for message in messages_:
                    self.add_error(None if field == "__all__" else field, message)
        return data


def _show_credentials(
    request: HttpRequest, partner: PartnerSystem, credentials: Credentials
) -> HttpResponse:
    # Rendered straight into the response, never stored in messages or sessions.
    return TemplateResponse(
        request,
        "admin/partners/credentials.html",
        {
            "partner": partner,
            "credentials": credentials,
            "title": _("Toegangsgegevens voor %s") % partner.name,
            "opts": PartnerSystem._meta,
            "site_header": admin.site.site_header,
        },
    )


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)  # the admin site lets only staff in


def _out_of_reach(request: HttpRequest, partner: PartnerSystem) -> bool:
    ids = set(partner.user.municipalities.values_list("pk", flat=True))
    return bool(partner_change_errors(actor=_actor(request), old_ids=ids, new_ids=ids))


@admin.register(PartnerSystem)
class PartnerSystemAdmin(OptimisticAdminMixin, admin.ModelAdmin):
    form = PartnerSystemForm
    list_display = ["name", "active", "scope_list", "secret_rotated_at"]
    list_filter = ["active"]
    search_fields = ["name", "contact_email"]
    readonly_fields = ["active", "client_id", "secret_rotated_at", "created_at"]
    actions = ["rotate_secret", "revoke"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or not _out_of_reach(request, obj)

    @admin.display(description=_("scopes"))
    def scope_list(self, obj: PartnerSystem) -> str:
        return ", ".join(obj.scopes)

    @admin.display(description=_("client-id"))
    def client_id(self, obj: PartnerSystem) -> str:
        return obj.application.client_id if obj.application else "–"

    def save_model(
        self, request: HttpRequest, obj: PartnerSystem, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        fields = {
            "name": data["name"],
            "contact_email": data["contact_email"],
            "municipalities": data["municipalities"],
            "scopes": data["scopes"],
            "throttle_rate": data["throttle_rate"],
        }
        if change:
            partner_update(
                partner=PartnerSystem.objects.get(pk=obj.pk),
                actor=_actor(request),
                **fields,
            )
            return
        partner, credentials = partner_create(actor=_actor(request), **fields)
        obj.pk = partner.pk
        request._new_partner_credentials = credentials  # type: ignore[attr-defined]

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        """Everything is saved by the services in ``save_model``."""

    def response_add(
        self, request: HttpRequest, obj: PartnerSystem, post_url_continue: Any = None
    ) -> HttpResponse:
        credentials = getattr(request, "_new_partner_credentials", None)
        if credentials is None:
            return super().response_add(request, obj, post_url_continue)
        return _show_credentials(
            request, PartnerSystem.objects.get(pk=obj.pk), credentials
        )

    @admin.action(description=_("Nieuw geheim en nieuwe API-sleutel uitgeven"))
    def rotate_secret(
        self, request: HttpRequest, queryset: QuerySet[PartnerSystem]
    ) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(
                request, _("Kies precies één ketenpartner."), messages.ERROR
            )
            return None
        partner = queryset.get()
        try:
            credentials = partner_rotate_secret(partner=partner, actor=_actor(request))
        except StaffPolicyError as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return None
        return _show_credentials(request, partner, credentials)

    @admin.action(description=_("Toegang intrekken"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[PartnerSystem]) -> None:
        refused = [p.name for p in queryset if _out_of_reach(request, p)]
        if refused:
            self.message_user(
                request,
                _("Buiten uw gemeenten, niets ingetrokken: %s") % ", ".join(refused),
                messages.ERROR,
            )
            return
        for partner in queryset:
            partner_revoke(partner=partner, actor=_actor(request))
        self.message_user(request, _("Toegang ingetrokken."), messages.SUCCESS)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead; the access log keeps referring to the partner
