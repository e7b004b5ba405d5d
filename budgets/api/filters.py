"""API filters of the budgets resources: by municipality (CBS code), year, month, stream."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django import forms
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field

from budgets.models import FIRST_YEAR, LAST_YEAR, Budget, Realisation
from ijmondwerkt.accounts.models import Municipality
from trajectories.models.choices import FundingStream


def _municipalities(request: Any) -> QuerySet[Municipality]:
    user = getattr(request, "user", None)
    if user is None:
        return Municipality.objects.none()
    return Municipality.objects.for_user(user)


class WholeNumberFilter(filters.NumberFilter):
    """A whole number within bounds; anything else is a 400 naming the parameter."""

    field_class = forms.IntegerField


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearFilter(WholeNumberFilter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 12})
class MonthFilter(WholeNumberFilter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 12)
        super().__init__(*args, **kwargs)


def _gemeente() -> filters.ModelChoiceFilter:
    return filters.ModelChoiceFilter(
        field_name="municipality",
        queryset=_municipalities,
        to_field_name="cbs_code",
        help_text="CBS-code van de gemeente (een van de gemeenten van de aanroeper).",
    )


def _stroom() -> filters.ChoiceFilter:
    return filters.ChoiceFilter(
        field_name="funding_stream",
        choices=FundingStream.choices,
        help_text="Financieringsstroom.",
    )


class BudgetFilter(filters.FilterSet):
    gemeente = _gemeente()
    jaar = YearFilter(field_name="year", help_text="Kalenderjaar van het budget.")
    financieringsstroom = _stroom()

    class Meta:
        model = Budget
        fields: list[str] = []


class RealisationFilter(filters.FilterSet):
    gemeente = _gemeente()
    jaar = YearFilter(field_name="year", help_text="Jaar van de realisatie.")
    maand = MonthFilter(field_name="month", help_text="Maand van de realisatie (1-12).")
    financieringsstroom = _stroom()

    class Meta:
        model = Realisation
        fields: list[str] = []
