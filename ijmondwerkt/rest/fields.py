from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from rest_framework import serializers

from ijmondwerkt.validators import BIRTH_EPOCH, YEARS_AHEAD, PlausibleDate


class SlugRelatedField(serializers.SlugRelatedField):
    """A reference by code; input PostgreSQL cannot hold (NUL) is invalid, not a 500."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


class PlausibleDateMixin:
    """Checks a date for plausibility before any service does arithmetic on it.

    Bound to a ModelSerializer, it takes the model field's ``PlausibleDate``
    validators (birth dates from 1900, others from 1990, at most 5 years ahead);
    otherwise the widest of those ranges.
    """

    read_only: bool
    source: Any
    validators: list[Any]

    def bind(self, field_name: str, parent: Any) -> None:
        super().bind(field_name, parent)  # type: ignore[misc]
        if self.read_only:
            return
        model = getattr(getattr(parent, "Meta", None), "model", None)
        checks: list[Any] = []
        if (
            model is not None
            and isinstance(self.source, str)
            and "." not in self.source
        ):
            try:
                model_field = model._meta.get_field(self.source)
            except FieldDoesNotExist:
                pass
            else:
                checks = [
                    v
                    for v in getattr(model_field, "validators", [])
                    if isinstance(v, PlausibleDate)
                ]
        self.validators = [
            *self.validators,
            *(checks or [PlausibleDate(BIRTH_EPOCH, YEARS_AHEAD)]),
        ]


class DateField(PlausibleDateMixin, serializers.DateField):
    """A plausible date (see ``PlausibleDateMixin``)."""


class DateTimeField(PlausibleDateMixin, serializers.DateTimeField):
    """A plausible date and time; 0001-01-01 in a time zone west of UTC cannot
    even be converted, which is invalid input rather than a server error."""

    def to_internal_value(self, value: Any) -> Any:
        try:
            return super().to_internal_value(value)
        except OverflowError:
            self.fail(
                "invalid", format="YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]"
            )
