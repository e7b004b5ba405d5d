"""Filtering and ordering with camelCase parameter names.

The HTML list pages and the API share one FilterSet per list; the API uses a
subclass whose parameters are the camelCase names of the same filters.
"""

from __future__ import annotations

import re
from datetime import UTC
from functools import cache
from typing import Any

from djangorestframework_camel_case.util import (
    camelize_re,
    underscore_to_camel,
)

from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(filters.ChoiceFilter):
    """``true`` or ``false``; anything else is a 400 instead of being ignored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        super().__init__(*args, **kwargs)

    def filter(self, qs: Any, value: Any) -> Any:
        if value in ("", None):
            return qs
        return qs.filter(**{self.field_name: value == "true"})


class UtcIsoDateTimeFilter(filters.IsoDateTimeFilter):
    """ISO 8601 with any offset a client may send, compared in UTC.

    PostgreSQL refuses offsets of 16 hours or more, which Python accepts;
    converting first keeps such input from becoming a server error.
    """

    def filter(self, qs: Any, value: Any) -> Any:
        if value is not None:
            value = value.astimezone(UTC)
        return super().filter(qs, value)


def _camel(name: str) -> str:
    return camelize_re.sub(underscore_to_camel, name)


@cache
def camel_filterset(
    filterset_class: type[filters.FilterSet],
) -> type[filters.FilterSet]:
    """The same FilterSet with camelCase query parameter names."""
    renamed = {_camel(name): f for name, f in filterset_class.base_filters.items()}
    subclass = type(f"Api{filterset_class.__name__}", (filterset_class,), {})
    subclass.base_filters = renamed  # type: ignore[attr-defined]
    return subclass


# Parameters every list understands besides its filters.
COMMON_PARAMETERS = frozenset({"ordering", "page", "pageSize"})


class CamelFilterBackend(filters.DjangoFilterBackend):
    """Filters by camelCase names; an unknown parameter is a 400, not silently ignored.

    A misspelt filter would otherwise return everything, which a partner
    system could mistake for an answer.
    """

    def get_filterset_class(self, view: Any, queryset: Any = None) -> Any:
        filterset_class = super().get_filterset_class(view, queryset)
        return camel_filterset(filterset_class) if filterset_class else None

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters) if filterset_class else set()
        unknown = sorted(set(request.query_params) - known - COMMON_PARAMETERS)
        if unknown:
            raise ValidationError(
                {name or "(leeg)": [_("Onbekende parameter.")] for name in unknown}
            )
        return super().filter_queryset(request, queryset, view)


class CamelOrderingFilter(OrderingFilter):
    """``?ordering=-naam,code``: camelCase API names mapped to model fields.

    A view lists ``ordering_fields`` as ``{"apiName": "model__field"}``.
    """

    def get_valid_fields(
        self, queryset: Any, view: Any, context: Any = None
    ) -> list[tuple[str, str]]:
        fields: dict[str, str] = getattr(view, "ordering_fields", {}) or {}
        return [(api, api) for api in fields]

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> Any:
        fields: dict[str, str] = getattr(view, "ordering_fields", {}) or {}
        params = request.query_params.get(self.ordering_param)
        if params is None:
            return self.get_default_ordering(view)
        ordering = []
        for term in (t.strip() for t in params.split(",")):
            name = term.removeprefix("-")
            if name not in fields:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            _("Onbekende sortering: %(term)s.") % {"term": term}
                        ]
                    }
                )
            ordering.append(("-" if term.startswith("-") else "") + fields[name])
        return ordering

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        fields = list((getattr(view, "ordering_fields", {}) or {}).keys())
        options = "|".join(re.escape(f) for f in fields)
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Sortering: een of meer van "
                + ", ".join(fields)
                + " (komma-gescheiden; een minteken ervoor sorteert aflopend).",
                "schema": {
                    "type": "string",
                    "pattern": f"^-?({options})(,-?({options}))*$",
                },
            }
        ]
