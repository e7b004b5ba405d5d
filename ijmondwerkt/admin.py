from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts.roles import Role


class IJmondAdminSite(admin.AdminSite):
    """Django admin for the functioneel beheerder (and superusers), nobody else."""

    site_header = _("IJmond Werkt beheer")
    site_title = _("IJmond Werkt beheer")
    index_title = _("Beheer")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_authenticated):
            return False
        return bool(user.is_superuser or user.has_role(Role.BEHEERDER))


class IJmondAdminConfig(AdminConfig):
    default_site = "ijmondwerkt.admin.IJmondAdminSite"
