"""One FilterSet per list, shared by the HTML pages and (later) the API.

Parameter names are Dutch snake_case; the API layer camelCases them.
Code lists are filtered by their stable ``code``, municipalities by CBS code,
so no database ids appear in URLs.
"""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from clients.models import EducationLevel
from employers.models import (
    Employer,
    Proposal,
    ProposalStatus,
    SbiSection,
    SectorCluster,
    SizeClass,
    Vacancy,
)
from ijmondwerkt import identifiers
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role

YES_NO = [("true", _("Ja")), ("false", _("Nee"))]


class YesNoFilter(filters.ChoiceFilter):
    """``true`` or ``false``; empty means no filter. Anything else is invalid."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", YES_NO)
        kwargs.setdefault("empty_label", _("Alle"))
        super().__init__(*args, **kwargs)

    def filter(self, qs: Any, value: Any) -> Any:
        if value in ("", None):
            return qs
        return qs.filter(**{self.field_name: value == "true"})


def _werkmakelaars(request: Any) -> QuerySet[User]:
    return User.objects.active_with_role(Role.WERKMAKELAAR)


def _code_filter(model: Any, field_name: str, label: Any) -> filters.ModelChoiceFilter:
    return filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=model.objects.all(),
        to_field_name="code",
        label=label,
        empty_label=_("Alle"),
    )


class EmployerFilter(filters.FilterSet):
    zoek = filters.CharFilter(
        method="search",
        label=_("Zoeken"),
        help_text=_("Naam, KvK-nummer, sector of werkmakelaar"),
    )
    branchecluster = _code_filter(SectorCluster, "sector_cluster", _("Branchecluster"))
    sbi_sectie = _code_filter(SbiSection, "sbi_section", _("SBI-sectie"))
    grootteklasse = _code_filter(SizeClass, "size_class", _("Grootteklasse"))
    gemeente = filters.ModelChoiceFilter(
        field_name="municipality",
        queryset=Municipality.objects.all(),
        to_field_name="cbs_code",
        label=_("Gemeente"),
        empty_label=_("Alle"),
    )
    werkmakelaar = filters.ModelChoiceFilter(
        queryset=_werkmakelaars,
        to_field_name="username",
        label=_("Werkmakelaar"),
        empty_label=_("Alle"),
    )
    voorkeurswerkgever = YesNoFilter(
        field_name="is_preferred", label=_("Voorkeurswerkgever")
    )
    social_return = YesNoFilter(
        field_name="has_social_return", label=_("Social return")
    )
    status = filters.ChoiceFilter(
        method="filter_status",
        choices=[("actief", _("Actief")), ("gearchiveerd", _("Gearchiveerd"))],
        empty_label=_("Alle"),
        label=_("Status"),
    )

    class Meta:
        model = Employer
        fields: list[str] = []

    def search(self, qs: Any, name: str, value: str) -> Any:
        value = value.strip()
        if not value:
            return qs
        condition = (
            Q(name__icontains=value)
            | Q(sector_cluster__label__icontains=value)
            | Q(sbi_section__label__icontains=value)
            | Q(werkmakelaar__first_name__icontains=value)
            | Q(werkmakelaar__last_name__icontains=value)
        )
        compact = identifiers.digits_prefix(value)
        if compact:
            condition |= Q(kvk_number__startswith=compact)
        return qs.filter(condition)

    def filter_status(self, qs: Any, name: str, value: str) -> Any:
        if value == "actief":
            return qs.filter(archived_at__isnull=True)
        if value == "gearchiveerd":
            return qs.filter(archived_at__isnull=False)
        return qs


class VacancyFilter(filters.FilterSet):
    zoek = filters.CharFilter(
        method="search", label=_("Zoeken"), help_text=_("Functie, beroep of werkgever")
    )
    status = filters.ChoiceFilter(
        choices=Vacancy.Status.choices, empty_label=_("Alle"), label=_("Status")
    )
    branchecluster = _code_filter(SectorCluster, "sector_cluster", _("Branchecluster"))
    gemeente = filters.ModelChoiceFilter(
        field_name="location_municipality",
        queryset=Municipality.objects.all(),
        to_field_name="cbs_code",
        label=_("Gemeente werkplek"),
        empty_label=_("Alle"),
    )
    werkgever = filters.UUIDFilter(field_name="employer__uuid", label=_("Werkgever"))
    opleidingsniveau = _code_filter(
        EducationLevel, "education_level", _("Opleidingsniveau")
    )
    garantiebaan = YesNoFilter(
        field_name="suits_banenafspraak", label=_("Garantiebaan")
    )
    beschut = YesNoFilter(field_name="suits_beschut", label=_("Beschut werk"))
    proefplaatsing = YesNoFilter(
        field_name="trial_placement_possible", label=_("Proefplaatsing mogelijk")
    )
    jobcarving = YesNoFilter(field_name="job_carved", label=_("Jobcarving"))

    class Meta:
        model = Vacancy
        fields: list[str] = []

    def search(self, qs: Any, name: str, value: str) -> Any:
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(title__icontains=value)
            | Q(occupation__icontains=value)
            | Q(employer__name__icontains=value)
        )


class ProposalFilter(filters.FilterSet):
    """Voordrachten: per vacancy, client or status (the API list)."""

    vacature = filters.UUIDFilter(field_name="vacancy__uuid", label=_("Vacature"))
    werkzoekende = filters.UUIDFilter(
        field_name="client__uuid", label=_("Werkzoekende")
    )
    werkgever = filters.UUIDFilter(
        field_name="vacancy__employer__uuid", label=_("Werkgever")
    )
    status = filters.ChoiceFilter(
        choices=ProposalStatus.choices, empty_label=_("Alle"), label=_("Status")
    )

    class Meta:
        model = Proposal
        fields: list[str] = []
