from __future__ import annotations

from typing import Any

from django.contrib import admin

from employers.models import (
    EmployerContactKind,
    MatchingWeight,
    SbiSection,
    SectorCluster,
    SizeClass,
)
from ijmondwerkt.codelists import CodeListAdmin
from ijmondwerkt.concurrency import OptimisticAdminMixin

admin.site.register(SbiSection, CodeListAdmin)
admin.site.register(SectorCluster, CodeListAdmin)
admin.site.register(SizeClass, CodeListAdmin)
admin.site.register(EmployerContactKind, CodeListAdmin)


@admin.register(MatchingWeight)
class MatchingWeightAdmin(OptimisticAdminMixin, admin.ModelAdmin):
    """The functioneel beheerder tunes the points; criteria themselves are code."""

    list_display = ["criterion", "points"]
    list_editable = ["points"]
    fields = ["criterion", "points"]
    readonly_fields = ["criterion"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
