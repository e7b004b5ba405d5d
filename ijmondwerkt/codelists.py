"""Code lists (codelijsten): data the functioneel beheerder can extend.

Each list is a concrete model inheriting ``CodeList`` in the app that owns it,
seeded by a data migration, registered in the admin with ``CodeListAdmin``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.concurrency import OptimisticAdminMixin


class CodeListQuerySet(models.QuerySet[Any]):
    def active(self) -> CodeListQuerySet:
        return self.filter(active=True)


class CodeList(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("omschrijving"), max_length=150)
    active = models.BooleanField(_("actief"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = CodeListQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "label"]

    def __str__(self) -> str:
        return self.label


class CodeListAdmin(OptimisticAdminMixin, admin.ModelAdmin):
    list_display = ["label", "code", "active", "sort_order"]
    list_editable = ["active", "sort_order"]
    list_filter = ["active"]
    search_fields = ["label", "code"]

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        # A code is referenced by partner systems and history: stable once made.
        return ["code"] if obj else []

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # deactivate instead, so history keeps its meaning


def seed(model: Any, rows: list[tuple[str, str]]) -> None:
    """Insert or update (code, label) rows in order; for data migrations."""
    for order, (code, label) in enumerate(rows):
        model.objects.update_or_create(
            code=code, defaults={"label": label, "sort_order": order, "active": True}
        )
