"""Beheer (/beheer/) of the trajectories reference data: catalogue, providers,
subsidy parameters and code lists. Saving goes through the catalogue
services, so the audit trail keeps who changed what and when."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.codelists import CodeListAdmin
from ijmondwerkt.concurrency import OptimisticAdminMixin
from trajectories import services
from trajectories.models import (
    AssessmentMethod,
    Instrument,
    InstrumentCategory,
    PlacementEndReason,
    PlacementKind,
    Provider,
    ProviderKind,
    SubsidyParameter,
    TrajectoryEndReason,
)
from trajectories.models.choices import TARGET_GROUPS


def _copy_saved(target: Any, saved: Any) -> None:
    """Give the admin's instance the saved row's values (pk, version)."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))


class ServiceAdmin(OptimisticAdminMixin, admin.ModelAdmin):
    """A versioned reference model saved through its create/update service.

    Beheer's fingerprint refuses a stale form before this runs; the service
    validates, bumps the version and records the audit event.
    """

    service_fields: list[str] = []

    def create(self, user: Any, fields: dict[str, Any]) -> Any:
        raise NotImplementedError

    def update(self, user: Any, obj: Any, changes: dict[str, Any]) -> Any:
        raise NotImplementedError

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead, so deployments and history keep meaning

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        data = {
            name: form.cleaned_data[name]
            for name in self.service_fields
            if name in form.cleaned_data
        }
        if change:
            changes = {name: data[name] for name in form.changed_data if name in data}
            saved = self.update(request.user, obj, changes)
        else:
            saved = self.create(request.user, data)
        _copy_saved(obj, saved)


class InstrumentForm(forms.ModelForm):
    target_groups = forms.TypedMultipleChoiceField(
        label=_("doelgroepen"),
        choices=[(g, _("doelgroep %(g)s") % {"g": g}) for g in TARGET_GROUPS],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De doelgroepen die deze voorziening mogen krijgen."),
    )
    provider_kinds = forms.TypedMultipleChoiceField(
        label=_("soorten aanbieders"),
        choices=ProviderKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Instrument
        fields = services.INSTRUMENT_FIELD_ORDER


@admin.register(Instrument)
class InstrumentAdmin(ServiceAdmin):
    form = InstrumentForm
    service_fields = services.INSTRUMENT_FIELD_ORDER
    list_display = [
        "name",
        "code",
        "category",
        "funding_stream",
        "default_cost",
        "cost_unit",
        "requires_trajectory",
        "max_duration_months",
        "active",
    ]
    list_filter = ["active", "category", "funding_stream", "requires_trajectory"]
    search_fields = ["name", "code"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Partner systems and history refer to the code: stable once made.
        return ["code"] if obj else []

    def create(self, user: Any, fields: dict[str, Any]) -> Any:
        return services.instrument_create(user=user, **fields)

    def update(self, user: Any, obj: Any, changes: dict[str, Any]) -> Any:
        changes.pop("code", None)
        return services.instrument_update(
            user=user, instrument=obj, expected_version=None, **changes
        )


@admin.register(Provider)
class ProviderAdmin(ServiceAdmin):
    fields = list(services.PROVIDER_FIELD_ORDER)
    service_fields = services.PROVIDER_FIELD_ORDER
    list_display = ["name", "kind", "kvk_number", "city", "active"]
    list_filter = ["active", "kind"]
    search_fields = ["name", "kvk_number", "city"]

    def create(self, user: Any, fields: dict[str, Any]) -> Any:
        return services.provider_create(user=user, **fields)

    def update(self, user: Any, obj: Any, changes: dict[str, Any]) -> Any:
        return services.provider_update(
            user=user, provider=obj, expected_version=None, **changes
        )


@admin.register(SubsidyParameter)
class SubsidyParameterAdmin(ServiceAdmin):
    """The parameter table of the wage-cost subsidy; each row holds from its
    date until the next row's. Changes are kept with who and when."""

    fields = list(services.PARAMETER_FIELD_ORDER)
    service_fields = services.PARAMETER_FIELD_ORDER
    list_display = [
        "valid_from",
        "wml_per_hour",
        "holiday_allowance_pct",
        "cap_pct",
        "employer_costs_pct",
        "updated_at",
    ]
    ordering = ["-valid_from"]

    def create(self, user: Any, fields: dict[str, Any]) -> Any:
        return services.parameter_create(user=user, **fields)

    def update(self, user: Any, obj: Any, changes: dict[str, Any]) -> Any:
        return services.parameter_update(
            user=user, parameter=obj, expected_version=None, **changes
        )


class ServiceCodeListAdmin(CodeListAdmin):
    """A code list whose saves (form and list editing) go through ``code_save``."""

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        services.code_save(user=request.user, obj=obj)


for model in (InstrumentCategory, PlacementEndReason, AssessmentMethod):
    admin.site.register(model, ServiceCodeListAdmin)


@admin.register(TrajectoryEndReason)
class TrajectoryEndReasonAdmin(ServiceCodeListAdmin):
    list_display = [*CodeListAdmin.list_display, "success", "outflow_to_work"]
    list_editable = [*CodeListAdmin.list_editable, "success", "outflow_to_work"]


@admin.register(PlacementKind)
class PlacementKindAdmin(ServiceCodeListAdmin):
    list_display = [
        *CodeListAdmin.list_display,
        "paid_work",
        "regular_work",
        "max_duration_months",
        "is_trial",
        "is_secondment",
    ]
