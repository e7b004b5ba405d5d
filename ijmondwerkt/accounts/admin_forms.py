"""Forms of the staff admin: roles and municipalities within the beheer policy.

The choices offered already follow ``accounts.policy``; ``clean`` asks the
policy about the proposed change so a refusal shows at the field, and the
services check again when saving, so a crafted POST is refused as well.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AdminUserCreationForm,
    UserChangeForm,
    UsernameField,
)
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.policy import (
    ROLE_NAMES,
    assignable_municipalities,
    assignable_roles,
    staff_change_errors,
)
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.accounts.services import Privileges, staff_user_set_password

SUPERUSER_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


class AccessFieldsMixin(forms.Form):
    """Roles and municipalities as the actor may give them."""

    roles = forms.TypedMultipleChoiceField(
        label=_("Rollen"),
        choices=Role.choices,
        coerce=Role,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De gemeenten waarvoor deze medewerker werkt."),
    )

    # Set per request by the admin.
    actor: Any = None

    def _limit_access_fields(self, target: User | None) -> None:
        if self.actor.is_superuser:
            return
        if target is not None and target.pk == self.actor.pk:
            for name in ("roles", "municipalities", "is_active"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "Uw eigen toegang wijzigt een andere beheerder."
                    )
            return
        self.fields["roles"].choices = [  # type: ignore[attr-defined]
            (role.value, role.label)
            for role in Role
            if role in assignable_roles(self.actor)
        ]
        self.fields["municipalities"].queryset = assignable_municipalities(  # type: ignore[attr-defined]
            self.actor
        )

    def _check_policy(self, target: User | None) -> None:
        data = self.cleaned_data
        if "roles" not in data or "municipalities" not in data:
            return  # already invalid
        errors = staff_change_errors(
            actor=self.actor,
            target=target,
            roles=data["roles"],
            municipality_ids={m.pk for m in data["municipalities"]},
            is_active=data.get("is_active", True),
            privileged_change=self.privileges() != self._old_privileges,
        )
        for field, messages in errors.items():
            for message in messages:
                self.add_error(None if field == "__all__" else field, message)

    _old_privileges: Privileges | None = None

    def privileges(self) -> Privileges | None:
        """The superuser-only settings as submitted; None when not on the form."""
        if not all(name in self.fields for name in SUPERUSER_FIELDS):
            return None
        data = self.cleaned_data
        return Privileges(
            is_superuser=bool(data.get("is_superuser")),
            is_staff=bool(data.get("is_staff")),
            permission_ids=frozenset(p.pk for p in data.get("user_permissions", [])),
            other_group_ids=frozenset(g.pk for g in data.get("groups", [])),
        )


class StaffChangeForm(AccessFieldsMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes = {"username": UsernameField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.instance
        self.initial["roles"] = [
            name
            for name in user.groups.values_list("name", flat=True)
            if name in ROLE_NAMES
        ]
        self.initial["municipalities"] = list(
            user.municipalities.values_list("pk", flat=True)
        )
        if "groups" in self.fields:
            self.fields["groups"].queryset = Group.objects.exclude(  # type: ignore[attr-defined]
                name__in=ROLE_NAMES
            )
            self.fields["groups"].label = _("Overige groepen")
            self.initial["groups"] = list(
                user.groups.exclude(name__in=ROLE_NAMES).values_list("pk", flat=True)
            )
            self._old_privileges = Privileges.of(user)
        self._limit_access_fields(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._check_policy(self.instance)
        return data


class StaffCreationForm(AccessFieldsMixin, AdminUserCreationForm):
    class Meta:
        model = User
        field_classes = {"username": UsernameField}
        fields = ("username", "first_name", "last_name", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_access_fields(None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._check_policy(None)
        return data

    def privileges(self) -> Privileges | None:
        return None

    def new_password(self) -> str | None:
        if not self.cleaned_data.get("set_usable_password", True):
            return None
        return self.cleaned_data.get("password1") or None


class StaffPasswordForm(AdminPasswordChangeForm):
    """Resets a password through the service: policy check and audit row."""

    actor: Any = None

    def save(self, commit: bool = True) -> User:
        usable = self.cleaned_data.get("set_usable_password", True)
        password = self.cleaned_data.get("password1") if usable else None
        self.user = staff_user_set_password(
            actor=self.actor, user=self.user, password=password
        )
        return self.user
