from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from clients.models import (
    BarrierCategory,
    BenefitKind,
    ContactChannel,
    EducationLevel,
    InflowReason,
    MunicipalityPolicy,
    OutflowReason,
    RegistrationChannel,
)
from ijmondwerkt.accounts.policy import assignable_municipalities
from ijmondwerkt.codelists import CodeListAdmin
from ijmondwerkt.concurrency import OptimisticAdminMixin

for model in (
    BenefitKind,
    RegistrationChannel,
    InflowReason,
    OutflowReason,
    ContactChannel,
    BarrierCategory,
):
    admin.site.register(model, CodeListAdmin)


@admin.register(EducationLevel)
class EducationLevelAdmin(CodeListAdmin):
    list_display = [*CodeListAdmin.list_display, "startkwalificatie"]
    list_editable = [*CodeListAdmin.list_editable, "startkwalificatie"]


@admin.register(MunicipalityPolicy)
class MunicipalityPolicyAdmin(OptimisticAdminMixin, admin.ModelAdmin):
    list_display = [
        "municipality",
        "intake_deadline_days",
        "search_period_weeks",
        "search_period_age_limit",
        "no_contact_days",
        "target_group_3_review_months",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[MunicipalityPolicy]:
        # Deadlines of a municipality are set by someone who works for it.
        return (
            super()
            .get_queryset(request)
            .filter(
                municipality__in=assignable_municipalities(request.user)  # type: ignore[arg-type]
            )
        )

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "municipality":
            kwargs["queryset"] = assignable_municipalities(request.user)  # type: ignore[arg-type]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
