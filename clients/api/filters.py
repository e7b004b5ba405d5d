from __future__ import annotations

import django_filters as filters

from clients.models import Contact, Outflow
from ijmondwerkt.rest.filters import StrictBooleanFilter, UtcIsoDateTimeFilter


class ContactFilter(filters.FilterSet):
    werkzoekende = filters.UUIDFilter(
        field_name="client__uuid", help_text="UUID van de werkzoekende."
    )
    niet_verschenen = StrictBooleanFilter(
        field_name="no_show", help_text="Alleen no-shows (of juist niet)."
    )
    vanaf = UtcIsoDateTimeFilter(
        field_name="occurred_at", lookup_expr="gte", help_text="Vanaf dit tijdstip."
    )

    class Meta:
        model = Contact
        fields: list[str] = []


class OutflowFilter(filters.FilterSet):
    werkzoekende = filters.UUIDFilter(
        field_name="client__uuid", help_text="UUID van de werkzoekende."
    )
    vanaf = filters.DateFilter(
        field_name="date", lookup_expr="gte", help_text="Uitstroom op of na deze datum."
    )
    reden = filters.CharFilter(
        field_name="reason__code", help_text="Code van de reden van uitstroom."
    )

    class Meta:
        model = Outflow
        fields: list[str] = []
