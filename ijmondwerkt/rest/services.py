"""Calling an app's service from an API view, with its errors in API terms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings

T = TypeVar("T")


def api_errors(
    serializer: serializers.BaseSerializer[Any], exc: DjangoValidationError
) -> dict[str, Any]:
    """Rename a service's model-field errors to the serializer's (Dutch) field names."""
    if not hasattr(exc, "error_dict"):
        return {"non_field_errors": exc.messages}
    fields = getattr(serializer, "fields", {})
    by_source = {field.source: name for name, field in fields.items()}
    # A model-wide error (a unique constraint) is the API's nonFieldErrors.
    by_source[NON_FIELD_ERRORS] = api_settings.NON_FIELD_ERRORS_KEY
    return {
        by_source.get(key, key): messages for key, messages in exc.message_dict.items()
    }


def call_service(
    serializer: serializers.BaseSerializer[Any],
    service: Callable[..., T],
    **kwargs: Any,
) -> T:
    """Run ``service(**kwargs)``; a ValidationError becomes a 400 with API field names."""
    try:
        return service(**kwargs)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(api_errors(serializer, exc)) from exc
