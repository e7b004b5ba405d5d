"""The client's timeline: audit events about the file, in the forms' own words.

Events store field names and plain values (ISO dates, codes, lists); this
module turns them into what a klantmanager reads: the field's Dutch label (the
model's ``verbose_name``) and its value formatted as the forms show it
(dates dd-mm-jjjj, choices by their label, lists joined, languages as
"Nederlands (B1)", booleans Ja/Nee). Rows copied from the old history read
the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clients.models import (
    Client,
    Contact,
    Goal,
    Handover,
    Intake,
    LadderMeasurement,
    Outflow,
)
from ijmondwerkt.audit.models import AuditEvent

# Where a field name in a client event is looked up, after the event's own model.
MODELS: tuple[type[models.Model], ...] = (
    Client,
    Intake,
    Goal,
    LadderMeasurement,
    Contact,
    Outflow,
    Handover,
)

# Names in events that are no model field of the file.
EXTRA_LABELS = {
    "intake_deadline": gettext_lazy("uiterlijke intakedatum"),
    "closed_goals": gettext_lazy("vervallen doelen"),
    "closed_tasks": gettext_lazy("afgesloten taken"),
    "moved_tasks": gettext_lazy("overgedragen taken"),
    "date": gettext_lazy("datum"),
}

# Actions whose field changes the timeline lists under the summary.
SHOWS_CHANGES = frozenset({"updated", "reassigned", "reregistered", "moved"})

EMPTY = "–"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


def events(client: Client) -> models.QuerySet[AuditEvent]:
    """Every event about the file, newest first (proposal steps included)."""
    return AuditEvent.objects.filter(client=client).select_related(
        "user", "partner", "content_type"
    )


def _field(
    name: str, first: type[models.Model] | None
) -> models.Field[Any, Any] | None:
    for model in (first, *MODELS) if first is not None else MODELS:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.Field):
            return field
    return None


def label(name: str, model: type[models.Model] | None = None) -> str:
    """The Dutch label of a field in an event."""
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    field = _field(name, model)
    if field is None:
        return name.replace("_", " ")
    return str(field.verbose_name)


def _language(item: dict[str, Any]) -> str:
    language, level = item.get("language", ""), item.get("level", "")
    return f"{language} ({level})" if level else str(language)


def value(raw: Any, field: models.Field[Any, Any] | None = None) -> str:
    """A stored value as the forms show it."""
    if raw is None or raw == "" or raw == []:
        return EMPTY
    if isinstance(raw, bool):
        return _("Ja") if raw else _("Nee")
    if field is not None and getattr(field, "choices", None):
        choices = {str(k): str(v) for k, v in field.flatchoices}
        if str(raw) in choices:
            return choices[str(raw)]
    if isinstance(raw, list):
        return ", ".join(
            _language(item) if isinstance(item, dict) else value(item) for item in raw
        )
    if isinstance(raw, dict):
        return _language(raw)
    if isinstance(raw, str) and ISO_DATE.match(raw):
        return date.fromisoformat(raw).strftime("%d-%m-%Y")
    if isinstance(raw, str) and ISO_DATETIME.match(raw):
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            return raw
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%d-%m-%Y %H:%M")
    return str(raw)


def changes(event: AuditEvent) -> list[Change]:
    """The event's changed fields, labelled and formatted; none for a plain step."""
    if event.action not in SHOWS_CHANGES:
        return []
    model = event.content_type.model_class() if event.content_type_id else None
    result = []
    for name, pair in (event.changes or {}).items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        field = _field(name, model)
        result.append(Change(label(name, model), value(old, field), value(new, field)))
    return result
