"""API-only filters: lists the HTML pages do not have as a filtered list."""

from __future__ import annotations

import django_filters as filters

from employers.models import EmployerContact


class EmployerContactFilter(filters.FilterSet):
    werkgever = filters.UUIDFilter(
        field_name="employer__uuid", help_text="UUID van de werkgever."
    )
    werkmakelaar = filters.CharFilter(
        field_name="werkmakelaar__username",
        help_text="Gebruikersnaam van de werkmakelaar die het contact had.",
    )
    soort = filters.CharFilter(
        field_name="kind__code", help_text="Code van de soort contact."
    )
    vanaf = filters.DateFilter(
        field_name="contact_date",
        lookup_expr="gte",
        help_text="Contacten op of na deze datum.",
    )
    tot_en_met = filters.DateFilter(
        field_name="contact_date",
        lookup_expr="lte",
        help_text="Contacten op of vóór deze datum.",
    )

    class Meta:
        model = EmployerContact
        fields: list[str] = []
