"""Field builders the serializers share: versie, codes, uuids, text, money."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from clients.api.serializers import ScopedSlugRelatedField
from clients.models import Client
from ijmondwerkt.fields import text_limit
from ijmondwerkt.rest.fields import SlugRelatedField

VERSION_HELP = (
    "Versie zoals gelezen. Bij wijzigen verplicht; is de versie intussen "
    "veranderd, dan 400 en wordt niets opgeslagen."
)
MAX_VERSION = 2**31 - 1


def version_out() -> serializers.IntegerField:
    return serializers.IntegerField(
        source="version", read_only=True, help_text=VERSION_HELP
    )


def version_in() -> serializers.IntegerField:
    return serializers.IntegerField(
        source="version", min_value=0, max_value=MAX_VERSION, help_text=VERSION_HELP
    )


def code_in(model: Any, source: str, help_text: str, **kwargs: Any) -> SlugRelatedField:
    """A writable reference to a code list row by its ``code``."""
    return SlugRelatedField(
        source=source,
        slug_field="code",
        queryset=model.objects.all(),
        help_text=help_text,
        **kwargs,
    )


def code_out(source: str, help_text: str) -> SlugRelatedField:
    return SlugRelatedField(
        source=source,
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=help_text,
    )


def werkzoekende_in() -> ScopedSlugRelatedField:
    return ScopedSlugRelatedField(
        source="client",
        slug_field="uuid",
        queryset=Client.objects.all(),
        help_text="UUID van de werkzoekende (in de gemeenten van de aanroeper).",
    )


def werkzoekende_out() -> SlugRelatedField:
    return SlugRelatedField(
        source="client",
        slug_field="uuid",
        read_only=True,
        help_text="UUID van de werkzoekende.",
    )


def scoped_uuid(model: Any, source: str, help_text: str) -> ScopedSlugRelatedField:
    """An optional reference to a row the caller may see, by uuid."""
    return ScopedSlugRelatedField(
        source=source,
        slug_field="uuid",
        queryset=model.objects.all(),
        required=False,
        allow_null=True,
        help_text=help_text,
    )


def text(model: Any, field: str, source: str, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(
        source=source,
        required=False,
        allow_blank=True,
        max_length=text_limit(model, field),
        **kwargs,
    )


def money(source: str, help_text: str, **kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        source=source, max_digits=10, decimal_places=2, help_text=help_text, **kwargs
    )
