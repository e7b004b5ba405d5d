from __future__ import annotations

import copy
from typing import Any, cast

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from ijmondwerkt.accounts.admin_forms import (
    StaffChangeForm,
    StaffCreationForm,
    StaffPasswordForm,
)
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.policy import may_manage
from ijmondwerkt.accounts.services import staff_user_create, staff_user_update
from ijmondwerkt.accounts.twofactor import second_factor_reset
from ijmondwerkt.concurrency import FIELD, OptimisticAdminMixin


@admin.register(Municipality)
class MunicipalityAdmin(OptimisticAdminMixin, admin.ModelAdmin):
    """Which municipalities a deployment serves is decided by a superuser."""

    list_display = ["name", "cbs_code", "active"]
    list_filter = ["active"]
    search_fields = ["name", "cbs_code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead; its confirmation page would list clients


ACCOUNT = (None, {"fields": ["username", "password"]})
PERSONAL = (
    _("Persoonlijke gegevens"),
    {"fields": ["first_name", "last_name", "email"]},
)
ACCESS = (_("Toegang"), {"fields": ["is_active", "roles", "municipalities"]})
DATES = (_("Belangrijke datums"), {"fields": ["last_login", "date_joined"]})
SUPERUSER = (
    _("Alleen voor superusers"),
    {"fields": ["is_staff", "is_superuser", "groups", "user_permissions"]},
)


@admin.register(User)
class UserAdmin(OptimisticAdminMixin, BaseUserAdmin):
    """Staff accounts; every change goes through the services and their policy."""

    # A login while a beheerder has the form open is not a colleague's change.
    fingerprint_exclude = frozenset({"last_login"})

    form = StaffChangeForm
    add_form = StaffCreationForm
    # Django's own add page speaks English here ("After you've created a
    # user..."): the same page with a Dutch introduction.
    add_form_template = "admin/accounts/user/add_form.html"
    change_password_form = StaffPasswordForm
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = ["is_active", "groups", "municipalities"]
    filter_horizontal = ["user_permissions", "groups"]
    readonly_fields = ["last_login", "date_joined"]
    add_fieldsets = (
        (
            None,
            {"fields": ["username", "usable_password", "password1", "password2"]},
        ),
        PERSONAL,
        (_("Toegang"), {"fields": ["roles", "municipalities"]}),
    )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return self.add_fieldsets
        version = (None, {"fields": [FIELD]})
        if request.user.is_superuser:
            return (ACCOUNT, PERSONAL, ACCESS, SUPERUSER, DATES, version)
        return (ACCOUNT, PERSONAL, ACCESS, DATES, version)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or may_manage(request.user, obj)  # type: ignore[arg-type]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deactivate instead: history, access log and audit trail refer to users,
        # and the confirmation page would list the clients they worked on.
        return False

    def save_model(
        self, request: HttpRequest, obj: User, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        fields = {
            "actor": request.user,
            "username": data["username"],
            "first_name": data.get("first_name", ""),
            "last_name": data.get("last_name", ""),
            "email": data.get("email", ""),
            "roles": data["roles"],
            "municipalities": data["municipalities"],
            "privileges": form.privileges(),
        }
        if change:
            staff_user_update(user=obj, is_active=data["is_active"], **fields)
            return
        user = staff_user_create(password=form.new_password(), **fields)
        obj.pk = user.pk
        obj._state.adding = False

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        """Everything is saved by the services in ``save_model``."""

    actions = ["reset_second_factor"]

    @admin.action(
        description=_(
            "Tweestapsverificatie herstellen (opnieuw instellen bij inloggen)"
        ),
        permissions=["change"],
    )
    def reset_second_factor(self, request: HttpRequest, queryset: Any) -> None:
        """Recovery for a lost phone: the user enrols again at the next login."""
        allowed = [
            user
            for user in queryset
            if user.pk != request.user.pk and self.has_change_permission(request, user)
        ]
        for user in allowed:
            second_factor_reset(user=user, by=request.user)  # type: ignore[arg-type]
        if allowed:
            self.message_user(
                request,
                _("Tweestapsverificatie hersteld voor: %(names)s.")
                % {"names": ", ".join(u.username for u in allowed)},
                messages.SUCCESS,
            )
        if len(allowed) < len(queryset):
            self.message_user(
                request,
                _(
                    "Niet hersteld voor uw eigen account of accounts die u niet "
                    "beheert."
                ),
                messages.WARNING,
            )

    @method_decorator(sensitive_post_parameters())
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # The password form saves through the service, which needs the actor.
        scoped = copy.copy(self)
        scoped.change_password_form = cast(
            type[StaffPasswordForm],
            type("StaffPasswordForm", (StaffPasswordForm,), {"actor": request.user}),
        )
        return BaseUserAdmin.user_change_password(scoped, request, id, form_url)
