from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts.roles import Role


class IJmondAdminSite(admin.AdminSite):
    """Django admin for the functioneel beheerder (and superusers), nobody else.

    Staff without the role who open beheer get the app's 403 page, not the
    admin's login screen (they are logged in already; logging in again would
    not help). Without a session, beheer sends to its login as before.
    """

    site_header = _("IJmond Werkt beheer")
    site_title = _("IJmond Werkt beheer")
    index_title = _("Beheer")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_authenticated):
            return False
        return bool(user.is_superuser or user.has_role(Role.BEHEERDER))

    def _refuse_staff_without_role(self, request: HttpRequest) -> None:
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied

    def admin_view(  # type: ignore[override]
        self, view: Callable[..., HttpResponse], cacheable: bool = False
    ) -> Callable[..., HttpResponse]:
        wrapped = super().admin_view(view, cacheable)

        @wraps(wrapped)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            # Logging out stays possible (it redirects to the index).
            if request.path != reverse("admin:logout", current_app=self.name):
                self._refuse_staff_without_role(request)
            return wrapped(request, *args, **kwargs)

        return inner

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        self._refuse_staff_without_role(request)
        return super().login(request, extra_context)


class IJmondAdminConfig(AdminConfig):
    default_site = "ijmondwerkt.admin.IJmondAdminSite"
