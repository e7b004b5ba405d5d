"""One FilterSet per list, shared by the HTML pages and the API.

Parameter names are Dutch snake_case; the API layer camelCases them
(``start_vanaf`` → ``startVanaf``). Code lists filter by their stable
``code``, municipalities by CBS code, related rows by uuid: no database ids.

``lopend`` means not ended as of today: no end date, or one today or later.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters as filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers.filters import YES_NO, YesNoFilter
from ijmondwerkt.accounts.models import Municipality
from trajectories.models import (
    AssessmentMethod,
    Deployment,
    DeploymentStatus,
    Instrument,
    Placement,
    PlacementKind,
    Trajectory,
    TrajectoryKind,
    WageValueAssessment,
)

__all__ = [
    "AssessmentFilter",
    "DeploymentFilter",
    "PlacementFilter",
    "TrajectoryFilter",
]


def _municipalities(request: Any) -> QuerySet[Municipality]:
    user = getattr(request, "user", None)
    if user is None:
        return Municipality.objects.none()
    return Municipality.objects.for_user(user)


def _gemeente() -> filters.ModelChoiceFilter:
    return filters.ModelChoiceFilter(
        field_name="client__municipality",
        queryset=_municipalities,
        to_field_name="cbs_code",
        label=_("Gemeente"),
        empty_label=_("Alle"),
        help_text=_("CBS-code van de gemeente van de werkzoekende."),
    )


def _werkzoekende() -> filters.UUIDFilter:
    return filters.UUIDFilter(
        field_name="client__uuid",
        label=_("Werkzoekende"),
        help_text=_("UUID van de werkzoekende."),
    )


def _code_filter(model: Any, field_name: str, label: Any) -> filters.ModelChoiceFilter:
    return filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=model.objects.all(),
        to_field_name="code",
        label=label,
        empty_label=_("Alle"),
        help_text=_("Code uit de codelijst."),
    )


def _running(label: Any) -> filters.ChoiceFilter:
    return filters.ChoiceFilter(
        method="filter_running",
        choices=YES_NO,
        empty_label=_("Alle"),
        label=label,
        help_text=_("true: nog niet beëindigd (geen einddatum, of vandaag of later)."),
    )


class RunningMixin:
    """``lopend``: not ended as of today (one comparison, indexed on end_date)."""

    @staticmethod
    def today() -> date:
        return timezone.localdate()

    def filter_running(self, qs: Any, name: str, value: str) -> Any:
        if value not in ("true", "false"):
            return qs
        not_ended = Q(end_date__isnull=True) | Q(end_date__gte=self.today())
        return qs.filter(not_ended) if value == "true" else qs.exclude(not_ended)


class TrajectoryFilter(RunningMixin, filters.FilterSet):
    soort = filters.ChoiceFilter(
        field_name="kind",
        choices=TrajectoryKind.choices,
        empty_label=_("Alle"),
        label=_("Soort traject"),
    )
    lopend = _running(_("Lopend"))
    start_vanaf = filters.DateFilter(
        field_name="start_date",
        lookup_expr="gte",
        label=_("Start vanaf"),
        help_text=_("Trajecten met een startdatum op of na deze datum."),
    )
    start_tot = filters.DateFilter(
        field_name="start_date",
        lookup_expr="lt",
        label=_("Start vóór"),
        help_text=_("Trajecten met een startdatum vóór deze datum."),
    )
    werkzoekende = _werkzoekende()
    gemeente = _gemeente()
    aanbieder = filters.UUIDFilter(
        field_name="provider__uuid",
        label=_("Aanbieder"),
        help_text=_("UUID van de aanbieder."),
    )

    class Meta:
        model = Trajectory
        fields: list[str] = []


class DeploymentFilter(RunningMixin, filters.FilterSet):
    voorziening = _code_filter(Instrument, "instrument", _("Voorziening"))
    status = filters.ChoiceFilter(
        choices=DeploymentStatus.choices, empty_label=_("Alle"), label=_("Status")
    )
    lopend = _running(_("Lopend"))
    traject = filters.UUIDFilter(
        field_name="trajectory__uuid",
        label=_("Traject"),
        help_text=_("UUID van het traject."),
    )
    werkzoekende = _werkzoekende()
    gemeente = _gemeente()
    aanbieder = filters.UUIDFilter(
        field_name="provider__uuid",
        label=_("Aanbieder"),
        help_text=_("UUID van de aanbieder."),
    )
    start_vanaf = filters.DateFilter(
        field_name="start_date",
        lookup_expr="gte",
        label=_("Start vanaf"),
        help_text=_("Inzetten met een startdatum op of na deze datum."),
    )
    start_tot = filters.DateFilter(
        field_name="start_date",
        lookup_expr="lt",
        label=_("Start vóór"),
        help_text=_("Inzetten met een startdatum vóór deze datum."),
    )

    class Meta:
        model = Deployment
        fields: list[str] = []


class PlacementFilter(RunningMixin, filters.FilterSet):
    soort = _code_filter(PlacementKind, "kind", _("Soort plaatsing"))
    lopend = _running(_("Lopend"))
    werkgever = filters.UUIDFilter(
        field_name="employer__uuid",
        label=_("Werkgever"),
        help_text=_("UUID van de werkgever."),
    )
    met_loonkostensubsidie = YesNoFilter(
        field_name="wage_cost_subsidy", label=_("Met loonkostensubsidie")
    )
    werkzoekende = _werkzoekende()
    gemeente = _gemeente()
    start_vanaf = filters.DateFilter(
        field_name="start_date",
        lookup_expr="gte",
        label=_("Start vanaf"),
        help_text=_("Plaatsingen met een startdatum op of na deze datum."),
    )
    start_tot = filters.DateFilter(
        field_name="start_date",
        lookup_expr="lt",
        label=_("Start vóór"),
        help_text=_("Plaatsingen met een startdatum vóór deze datum."),
    )

    class Meta:
        model = Placement
        fields: list[str] = []


class AssessmentFilter(filters.FilterSet):
    werkzoekende = _werkzoekende()
    plaatsing = filters.UUIDFilter(
        field_name="placement__uuid",
        label=_("Plaatsing"),
        help_text=_("UUID van de plaatsing."),
    )
    methode = _code_filter(AssessmentMethod, "method", _("Methode"))
    gemeente = _gemeente()
    volgende_uiterlijk = filters.DateFilter(
        field_name="next_due_date",
        lookup_expr="lte",
        label=_("Volgende bepaling uiterlijk"),
        help_text=_("Bepalingen waarvan de volgende op of vóór deze datum moet."),
    )

    class Meta:
        model = WageValueAssessment
        fields: list[str] = []
