"""Beheer (/beheer/) of the budgets: looking up budgets, realisation and imports.

Budgets are versioned and their amendments belong in the audit trail, so beheer
shows them read-only with a link to the budget page, where an amendment goes
through ``budget_update``. Realisation and imports are read-only too (a
booking is corrected in the financial system; an import is kept with its
report). The average monthly benefit is added and changed here through its
services. Every list holds the municipalities the functioneel beheerder serves.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from budgets import services
from budgets.models import (
    BUDGET_ROLES,
    BenefitParameter,
    Budget,
    BudgetLine,
    Realisation,
    RealisationImport,
)
from ijmondwerkt import scoping
from ijmondwerkt.accounts.models import Municipality
from trajectories.admin import ServiceAdmin


def _page_link(name: str, obj: Any, label: Any) -> str:
    """A link to the app's own page of ``obj`` (its uuid), or "" without one."""
    try:
        url = reverse(name, kwargs={"uuid": obj.uuid})
    except NoReverseMatch:
        return ""
    return format_html('<a href="{}">{}</a>', url, label)


class ScopedAdminMixin(admin.ModelAdmin):
    """Rows of the municipalities the user serves (superusers: all)."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            municipality_id__in=scoping.served_municipalities(
                request.user, BUDGET_ROLES
            )
        )


class ReadOnlyAdminMixin(admin.ModelAdmin):
    """Looked up in beheer, written elsewhere (pages, services, imports)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    fields = ["category", "amount"]
    readonly_fields = ["category", "amount"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Budget)
class BudgetAdmin(ReadOnlyAdminMixin, ScopedAdminMixin):
    """Read-only: an amendment is made on the budget page (versioned, audited)."""

    inlines = [BudgetLineInline]
    list_display = [
        "municipality",
        "year",
        "funding_stream",
        "amount_display",
        "version",
        "updated_at",
    ]
    list_filter = ["year", "funding_stream", "municipality"]
    list_select_related = ["municipality"]
    fields = [
        "municipality",
        "year",
        "funding_stream",
        "amount",
        "note",
        "version",
        "created_at",
        "updated_at",
        "page",
    ]
    readonly_fields = tuple(str(f) for f in fields)

    @admin.display(description=_("bedrag"), ordering="amount")
    def amount_display(self, obj: Budget) -> str:
        return services.euro(obj.amount)

    @admin.display(description=_("wijzigen"))
    def page(self, obj: Budget) -> str:
        return _page_link(
            "budgets:budget_detail", obj, _("Open het budget om het te wijzigen")
        )


@admin.register(BenefitParameter)
class BenefitParameterAdmin(ScopedAdminMixin, ServiceAdmin):
    """Added and changed through the services (version, audit trail)."""

    fields = ["municipality", "year", "average_monthly_benefit"]
    service_fields = ["municipality", "year", "average_monthly_benefit"]
    list_display = ["municipality", "year", "benefit_display", "updated_at"]
    list_filter = ["year", "municipality"]
    list_select_related = ["municipality"]

    @admin.display(
        description=_("gemiddelde uitkering per maand"),
        ordering="average_monthly_benefit",
    )
    def benefit_display(self, obj: BenefitParameter) -> str:
        return services.euro(obj.average_monthly_benefit)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["municipality", "year"] if obj else []

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "municipality" and not request.user.is_superuser:
            kwargs["queryset"] = Municipality.objects.filter(
                pk__in=scoping.served_municipalities(request.user, BUDGET_ROLES)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def create(self, user: Any, fields: dict[str, Any]) -> Any:
        return services.benefit_parameter_create(user=user, **fields)

    def update(self, user: Any, obj: Any, changes: dict[str, Any]) -> Any:
        if "average_monthly_benefit" not in changes:
            return obj
        return services.benefit_parameter_update(
            user=user,
            parameter=obj,
            expected_version=obj.version,
            average_monthly_benefit=changes["average_monthly_benefit"],
        )


@admin.register(RealisationImport)
class RealisationImportAdmin(ReadOnlyAdminMixin):
    """The imported files and their reports; read-only."""

    list_display = [
        "uploaded_at",
        "file_name",
        "year",
        "status",
        "row_count",
        "imported_count",
        "skipped_count",
        "total_display",
        "uploaded_by",
    ]
    list_filter = ["status", "year"]
    list_select_related = ["uploaded_by"]
    search_fields = ["file_name"]
    date_hierarchy = "uploaded_at"
    fields = [
        "file_name",
        "year",
        "status",
        "encoding",
        "row_count",
        "imported_count",
        "skipped_count",
        "total_amount",
        "uploaded_by",
        "uploaded_at",
        "file_hash",
        "report_display",
        "page",
    ]
    readonly_fields = tuple(str(f) for f in fields)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return RealisationImport.objects.for_user(request.user).filter(
            pk__in=queryset.values("pk")
        )

    @admin.display(description=_("totaal ingelezen"), ordering="total_amount")
    def total_display(self, obj: RealisationImport) -> str:
        return services.euro(obj.total_amount)

    @admin.display(description=_("verslag"))
    def report_display(self, obj: RealisationImport) -> str:
        text = json.dumps(obj.report, ensure_ascii=False, indent=2)
        return format_html("<pre>{}</pre>", text)

    @admin.display(description=_("verslag op de importpagina"))
    def page(self, obj: RealisationImport) -> str:
        return _page_link("budgets:import_detail", obj, _("Open het verslag"))


@admin.register(Realisation)
class RealisationAdmin(ReadOnlyAdminMixin, ScopedAdminMixin):
    """Realisation (bookings), read-only: corrections go through the financial system."""

    list_display = [
        "municipality",
        "year",
        "month",
        "funding_stream",
        "amount_display",
        "reference",
        "source",
        "booked_on",
    ]
    list_filter = ["year", "funding_stream", "source", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["reference", "description"]
    fields = [
        "municipality",
        "funding_stream",
        "year",
        "month",
        "booked_on",
        "amount",
        "description",
        "reference",
        "source",
        "source_import",
        "created_by",
        "created_at",
    ]
    readonly_fields = tuple(str(f) for f in fields)

    @admin.display(description=_("bedrag"), ordering="amount")
    def amount_display(self, obj: Realisation) -> str:
        return services.euro(obj.amount)
