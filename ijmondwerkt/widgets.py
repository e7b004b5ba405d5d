"""Form widgets shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms

# What a date field accepts: the browser's date picker sends ISO dates; typed
# by hand (or where the picker is missing) the Dutch day-month-year order.
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


class DateInput(forms.DateInput):
    """The browser's date picker; the value is rendered as an ISO date."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker (local time)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def use_date_input(field: forms.Field) -> None:
    """Give a date field the shared widget and formats (e.g. one made from a model)."""
    if field.widget.is_hidden:
        return
    if isinstance(field, forms.DateTimeField):
        field.widget = DateTimeInput(attrs=dict(field.widget.attrs))
        field.input_formats = DATETIME_FORMATS
    elif isinstance(field, forms.DateField):
        field.widget = DateInput(attrs=dict(field.widget.attrs))
        field.input_formats = DATE_FORMATS
