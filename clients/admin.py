from __future__ import annotations

from django.contrib import admin

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
from ijmondwerkt.codelists import CodeListAdmin

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
class MunicipalityPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "municipality",
        "intake_deadline_days",
        "search_period_weeks",
        "search_period_age_limit",
        "no_contact_days",
        "target_group_3_review_months",
    ]
