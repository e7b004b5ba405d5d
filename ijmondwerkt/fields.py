"""Model fields every app reuses."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.constraints import BaseConstraint
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# Limits for free text, in characters. A note is at most a few pages.
SHORT_TEXT = 2_000
TEXT = 4_000
LONG_TEXT = 10_000


class BoundedTextField(models.TextField):
    """Free text with a maximum length, enforced three times over.

    The form gets ``maxlength`` and a length check, model validation (and so
    every service's ``full_clean``) refuses longer text with Django's Dutch
    message, and the model's ``Meta.constraints`` holds the database CHECK from
    ``max_length_checks`` (tests/test_text_limits.py requires one per field),
    so no path around the services can store megabytes either.
    """

    def __init__(self, *args: Any, max_length: int = TEXT, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))


def max_length_checks(table: str, **limits: int) -> list[BaseConstraint]:
    """Database CHECKs ``length(field) <= limit``, named ``<table>_<field>_max_length``."""
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(name), limit),
            name=f"{table}_{name}_max_length",
        )
        for name, limit in limits.items()
    ]


def text_limit(model: type[models.Model], name: str) -> int:
    """The maximum length of a text field, for serializers and forms declared by hand."""
    max_length = getattr(model._meta.get_field(name), "max_length", None)
    assert max_length is not None, f"{model.__name__}.{name} has no maximum length"
    return max_length
