"""The audit trail of access changes, read by the privacy officer.

Read-only: rows are written by the services that change access
(``accounts.services``, ``partners.services``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

import django_filters as filters
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.accounts.models import AccessChange, User
from ijmondwerkt.accounts.roles import Role

PAGE_SIZE = 50
FIRST_DAY = date(2020, 1, 1)
LAST_DAY = date(2100, 12, 31)

View = Callable[..., HttpResponse]


def can_review(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_role(Role.PRIVACY_OFFICER))
    )


def reviewer_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_review(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _date_filter(label: Any, lookup: str) -> filters.DateFilter:
    date_filter = filters.DateFilter(
        field_name="changed_at",
        lookup_expr=lookup,
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_filter.extra["validators"] = [
        MinValueValidator(FIRST_DAY, _("Kies een datum na 1 januari 2020.")),
        MaxValueValidator(LAST_DAY, _("Kies een datum vóór het jaar 2101.")),
    ]
    return date_filter


def _people() -> Any:
    return (
        User.objects.filter(access_changes__isnull=False)
        .distinct()
        .order_by("username")
    )


class AccessChangeFilter(filters.FilterSet):
    medewerker = filters.ModelChoiceFilter(
        field_name="subject",
        queryset=_people(),
        to_field_name="username",
        label=_("Medewerker of ketenpartner"),
        empty_label=_("Iedereen"),
    )
    wijziging = filters.ChoiceFilter(
        field_name="kind",
        choices=AccessChange.Kind.choices,
        label=_("Soort wijziging"),
        empty_label=_("Alle"),
    )
    van = _date_filter(_("Vanaf"), "date__gte")
    tot = _date_filter(_("Tot en met"), "date__lte")

    class Meta:
        model = AccessChange
        fields: list[str] = []


@reviewer_required
def access_changes(request: HttpRequest) -> HttpResponse:
    """Who changed which roles, municipalities or partner access, and when."""
    filterset = AccessChangeFilter(
        request.GET, queryset=AccessChange.objects.for_review()
    )
    changes = filterset.qs if filterset.is_valid() else AccessChange.objects.none()
    page = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "accounts/access_changes.html",
        {"filter": filterset, "page": page},
    )
