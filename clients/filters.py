"""The one FilterSet for client lists, shared by the HTML list and (later) the API.

Parameter names are Dutch; code lists filter by their stable ``code``,
municipalities by CBS code, klantmanagers by username: no database ids.
"""

from __future__ import annotations

import re
from typing import Any

import django_filters as filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import selectors
from clients.models import BenefitKind, Client, LadderStep, Status, TargetGroup
from clients.validators import normalize_postcode
from ijmondwerkt import identifiers
from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role

POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}\s?[a-zA-Z]{0,2}$", re.ASCII)

SIGNAL_CHOICES = [
    ("intake-binnenkort", _("Intake binnen 2 werkdagen")),
    ("intake-te-laat", _("Intake te laat")),
    ("doelen-binnenkort", _("Doelen die binnenkort aflopen")),
    ("doelen-verlopen", _("Doelen die verlopen zijn")),
    ("doelen", _("Doelen die aflopen of verlopen zijn")),
    ("geen-contact", _("Lang geen contact")),
]

# "Lopend": the statuses of a werkvoorraad (what the dashboard counts).
OPEN_FILES = "lopend"
STATUS_CHOICES = [
    (OPEN_FILES, _("Lopend (aangemeld, intake, actief)")),
    *Status.choices,
]


def _municipalities(request: Any) -> QuerySet[Municipality]:
    user = getattr(request, "user", None)
    if user is None:
        return Municipality.objects.none()
    return Municipality.objects.for_user(user)


def _klantmanagers(request: Any) -> QuerySet[User]:
    user = getattr(request, "user", None)
    ids: frozenset[int] = getattr(user, "municipality_ids", frozenset())
    return User.objects.active_with_role(Role.KLANTMANAGER, municipalities=ids)


class ClientFilter(filters.FilterSet):
    zoek = filters.CharFilter(
        method="search",
        label=_("Zoeken"),
        help_text=_("Naam of postcode"),
    )
    gemeente = filters.ModelChoiceFilter(
        field_name="municipality",
        queryset=_municipalities,
        to_field_name="cbs_code",
        label=_("Gemeente"),
        empty_label=_("Alle"),
    )
    status = filters.ChoiceFilter(
        method="by_status",
        choices=STATUS_CHOICES,
        label=_("Status"),
        empty_label=_("Alle"),
    )
    doelgroep = filters.ChoiceFilter(
        field_name="target_group",
        choices=TargetGroup.choices,
        label=_("Doelgroep"),
        empty_label=_("Alle"),
    )
    trede = filters.ChoiceFilter(
        method="ladder_step",
        choices=LadderStep.choices,
        label=_("Trede"),
        empty_label=_("Alle"),
    )
    uitkering = filters.ModelChoiceFilter(
        field_name="benefit_kind",
        queryset=BenefitKind.objects.all(),
        to_field_name="code",
        label=_("Uitkering"),
        empty_label=_("Alle"),
    )
    klantmanager = filters.ModelChoiceFilter(
        queryset=_klantmanagers,
        to_field_name="username",
        label=_("Klantmanager"),
        empty_label=_("Alle"),
    )
    signaal = filters.ChoiceFilter(
        method="signal",
        choices=SIGNAL_CHOICES,
        label=_("Signaal"),
        empty_label=_("Geen"),
    )

    class Meta:
        model = Client
        fields: list[str] = []

    def search(
        self, queryset: QuerySet[Client], name: str, value: str
    ) -> QuerySet[Client]:
        """Postcode prefix or name. Never a BSN: that is searched by POST (the
        middleware refuses one in an address before it gets here)."""
        value = value.strip()
        if not value:
            return queryset
        if identifiers.contains_bsn_like(value):
            return queryset.none()
        if POSTCODE_RE.match(value):
            return queryset.filter(postcode__startswith=normalize_postcode(value))
        condition = Q()
        for word in value.split():
            condition &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(name_prefix__iexact=word)
            )
        return queryset.filter(condition)

    def ladder_step(self, queryset: Any, name: str, value: str) -> Any:
        if not value:
            return queryset
        # The stored current step (indexed), not a lookup in the history per file.
        return queryset.filter(ladder_step=int(value))

    def by_status(self, queryset: Any, name: str, value: str) -> Any:
        if not value:
            return queryset
        if value == OPEN_FILES:
            return queryset.open()
        return queryset.filter(status=value)

    def signal(self, queryset: Any, name: str, value: str) -> Any:
        """The dashboard's counters select through the same functions."""
        select = selectors.SIGNALS.get(value)
        if select is None:
            return queryset
        return select(queryset, timezone.localdate())
