"""Optimistic locking for beheer change pages, without a version column.

The change form carries a fingerprint of the row as it was shown. On save the
row is read again under a lock (the admin saves inside a transaction); if its
fingerprint differs, someone else saved in the meantime and the form is refused
with a Dutch message instead of silently overwriting that change.

Apps' own pages use a ``version`` field through their services (see
``employers.services.employer_update``); this covers the objects only beheer
edits: code lists, matching weights, municipal deadlines, partner systems.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

FIELD = "loaded_fingerprint"
CONFLICT = _(
    "Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en voer "
    "uw wijziging nog eens in."
)


def fingerprint(obj: models.Model, exclude: frozenset[str] = frozenset()) -> str:
    """A digest of the row's stored values and many-to-many links.

    ``exclude`` names fields that change without anyone editing the row (a
    user's ``last_login``), so they do not count as a colleague's change.
    """
    values: dict[str, Any] = {
        field.attname: field.value_to_string(obj)
        for field in obj._meta.concrete_fields
        if field.name not in exclude
    }
    for field in obj._meta.many_to_many:
        if field.name in exclude:
            continue
        values[field.name] = sorted(
            getattr(obj, field.name).values_list("pk", flat=True)
        )
    digest = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(digest).hexdigest()


class FingerprintFormMixin(forms.ModelForm):
    """Refuses the save when the row changed since the form was shown."""

    loaded_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    fingerprint_exclude: frozenset[str] = frozenset()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[FIELD].initial = fingerprint(
                self.instance, self.fingerprint_exclude
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk:
            manager = type(self.instance)._default_manager
            current = manager.select_for_update().filter(pk=self.instance.pk).first()
            if current is None or (
                fingerprint(current, self.fingerprint_exclude) != cleaned.get(FIELD)
            ):
                raise ValidationError(CONFLICT, code="conflict")
        return cleaned


class OptimisticAdminMixin(admin.ModelAdmin):
    """For a ModelAdmin whose change page two people could save at once.

    The changelist's inline editing (``list_editable``) is not covered: it
    changes one value per row, which is shown as saved right away.
    """

    fingerprint_exclude: frozenset[str] = frozenset()

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is not None and "form" not in kwargs:
            base = self.form
            kwargs["form"] = type(
                base.__name__,
                (FingerprintFormMixin, base),
                {"fingerprint_exclude": self.fingerprint_exclude},
            )
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (None, {"fields": [FIELD]})]

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        """Save, and record the change in the audit trail with old and new values.

        Admins whose saves go through services (users, partner systems) override
        this and are recorded by those services instead.
        """
        from ijmondwerkt.audit import diff, record, snapshot

        fields = [f.name for f in obj._meta.concrete_fields if not f.primary_key]
        old = (
            type(obj)._base_manager.filter(pk=obj.pk).first()
            if change and obj.pk
            else None
        )
        before = snapshot(old, fields) if old is not None else dict.fromkeys(fields)
        super().save_model(request, obj, form, change)
        what = str(obj._meta.verbose_name).capitalize()
        record(
            obj,
            action="updated" if old is not None else "created",
            summary=(
                _("%(what)s gewijzigd in beheer: %(obj)s")
                if old is not None
                else _("%(what)s toegevoegd in beheer: %(obj)s")
            )
            % {"what": what, "obj": obj},
            changes=diff(before, obj, fields),
            actor=request.user,
        )
