"""Writing audit events: ``record`` for a service's one action, the audited
queryset for set-based writes (``.update()``, ``bulk_update()``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ijmondwerkt.audit.context import current_actor
from ijmondwerkt.audit.models import AuditEvent

CLIENT_MODEL = "clients.Client"


def display(value: Any) -> Any:
    """A value as the history shows it: JSON-safe, a related object as its name."""
    if value is None or isinstance(value, bool | int | str | list | dict):
        return value
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f")
            if value == value.to_integral()
            else str(value)
        )
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Iterable):
        return sorted(str(v) for v in value)
    return str(value)


def diff(
    before: dict[str, Any], after: Any, fields: Iterable[str] | None = None
) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields whose value changed.

    ``before`` holds the old values by field name (e.g. from ``snapshot``);
    ``after`` is the saved object, or a dict of new values.
    """
    names = list(fields) if fields is not None else list(before)
    changes: dict[str, list[Any]] = {}
    for name in names:
        old = before.get(name)
        new = after.get(name) if isinstance(after, dict) else getattr(after, name)
        if old != new:
            changes[name] = [display(old), display(new)]
    return changes


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``obj``, to ``diff`` against after a write."""
    return {name: getattr(obj, name) for name in fields}


def actor_fields(actor: Any) -> tuple[int | None, int | None]:
    """(user_id, partner_id) for a User, a PartnerSystem or None.

    A partner system acts through its technical user: both are recorded.
    """
    if actor is None:
        return None, None
    label = getattr(getattr(actor, "_meta", None), "label", "")
    if label == "partners.PartnerSystem":
        return actor.user_id, actor.pk
    if not getattr(actor, "is_authenticated", False) or actor.pk is None:
        return None, None
    # A partner's technical user has no password; staff do, so an ordinary
    # write costs no extra query to find out which it is.
    if "partner" in actor.__dict__ or not actor.has_usable_password():
        partner = actor.partner
        return actor.pk, partner.pk if partner is not None else None
    return actor.pk, None


def client_id_of(obj: Any) -> int | None:
    """The client whose file ``obj`` belongs to: the client itself, or its ``client``."""
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return None
    if meta.label == CLIENT_MODEL:
        return obj.pk
    try:
        field = meta.get_field("client")
    except Exception:  # noqa: BLE001 - FieldDoesNotExist: no client on this model
        return None
    if getattr(field, "related_model", None) is not None and (
        field.related_model._meta.label == CLIENT_MODEL
    ):
        return getattr(obj, "client_id", None)
    return None


def _repr(obj: Any) -> str:
    try:
        return str(obj)[:200]
    except ObjectDoesNotExist:
        return ""


def build(
    obj: Any,
    *,
    action: str,
    summary: str,
    changes: dict[str, Any] | None = None,
    actor: Any = None,
    client: Any = None,
    at: datetime | None = None,
) -> AuditEvent:
    """An unsaved event (for ``bulk_create``); see ``record``."""
    user_id, partner_id = actor_fields(actor if actor is not None else current_actor())
    if client is not None:
        client_id = client if isinstance(client, int) else client.pk
    else:
        client_id = client_id_of(obj)
    return AuditEvent(
        at=at or timezone.now(),
        user_id=user_id,
        partner_id=partner_id,
        action=action,
        summary=str(summary)[:255],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=_repr(obj),
        client_id=client_id,
        changes=changes or {},
    )


def record(
    obj: Any,
    *,
    action: str,
    summary: str,
    changes: dict[str, Any] | None = None,
    actor: Any = None,
    client: Any = None,
) -> AuditEvent:
    """Record one write to ``obj``: one row, one INSERT.

    ``actor`` is a User, a PartnerSystem or None; None falls back to
    ``current_actor()`` (set by the middleware for web and API requests; a
    Celery task or command has none and is recorded as the system).
    ``client`` defaults to the client ``obj`` belongs to, if any.
    """
    event = build(
        obj, action=action, summary=summary, changes=changes, actor=actor, client=client
    )
    event.save(force_insert=True)
    return event


def last_event_for(obj: Any) -> AuditEvent | None:
    return AuditEvent.objects.for_object(obj).select_related("user", "partner").first()


# --- set-based writes ---------------------------------------------------------


def _field_names(model: type[models.Model], names: Iterable[str]) -> list[str]:
    return [model._meta.get_field(name).name for name in names]


def _fk_display(
    model: type[models.Model], rows: list[dict[str, Any]], names: Sequence[str]
) -> None:
    """Replace foreign key ids in ``rows`` by the related objects' names (one query per key)."""
    for name in names:
        field = model._meta.get_field(name)
        if not field.is_relation or not field.many_to_one:
            continue
        ids = {row[name] for row in rows if row.get(name) is not None}
        if not ids:
            continue
        related_model = cast("type[models.Model]", field.related_model)
        related = related_model._base_manager.in_bulk(ids)
        for row in rows:
            if row.get(name) is not None and row[name] in related:
                row[name] = str(related[row[name]])


def _values(
    model: type[models.Model],
    pks: Sequence[Any],
    names: Sequence[str],
    *,
    lock: bool = False,
) -> dict[Any, dict[str, Any]]:
    attnames = {
        name: cast("models.Field[Any, Any]", model._meta.get_field(name)).attname
        for name in names
    }
    rows_qs = model._base_manager.filter(pk__in=pks)
    if lock:
        rows_qs = rows_qs.select_for_update()
    rows = list(rows_qs.values("pk", *attnames.values()))
    out: list[dict[str, Any]] = [
        {"pk": row["pk"], **{name: row[att] for name, att in attnames.items()}}
        for row in rows
    ]
    _fk_display(model, out, names)
    return {row.pop("pk"): row for row in out}


class AuditedQuerySet(models.QuerySet[Any]):
    """A queryset whose set-based writes cannot bypass the audit trail.

    ``.update(...)`` and ``bulk_update(...)`` record one event per affected
    row with old and new values. Name the action with ``.audited(action=...,
    summary=...)``; the default is "updated" with a Dutch summary.
    """

    _audit_action: str = "updated"
    _audit_summary: str | None = None

    def _clone(self) -> Any:
        clone = super()._clone()  # type: ignore[misc]
        clone._audit_action = self._audit_action
        clone._audit_summary = self._audit_summary
        return clone

    def audited(self, *, action: str, summary: str | None = None) -> Any:
        clone = self._chain()  # type: ignore[attr-defined]
        clone._audit_action = action
        clone._audit_summary = summary
        return clone

    def _summary(self) -> str:
        if self._audit_summary:
            return self._audit_summary
        return _("%(what)s gewijzigd") % {
            "what": str(self.model._meta.verbose_name).capitalize()
        }

    def _record_rows(
        self,
        pks: Sequence[Any],
        before: dict[Any, dict[str, Any]],
        after: dict[Any, dict[str, Any]],
    ) -> None:
        objects = self.model._base_manager.in_bulk(list(after))
        now = timezone.now()
        summary = self._summary()
        events = []
        for pk in pks:
            if pk not in after:
                continue
            changes = diff(before.get(pk, {}), after[pk], list(after[pk]))
            events.append(
                build(
                    objects[pk],
                    action=self._audit_action,
                    summary=summary,
                    changes=changes,
                    at=now,
                )
            )
        AuditEvent.objects.bulk_create(events)

    def update(self, **kwargs: Any) -> int:
        names = _field_names(self.model, kwargs)
        audit_names = [n for n in names if n not in ("updated_at", "version")]
        with transaction.atomic(using=self.db):
            pks = list(self.order_by().values_list("pk", flat=True))
            if not pks:
                return 0
            before = _values(self.model, pks, audit_names, lock=True)
            count = models.QuerySet.update(
                self.model._base_manager.filter(pk__in=pks), **kwargs
            )
            after = _values(self.model, pks, audit_names)
            self._record_rows(pks, before, after)
        return count

    update.alters_data = True  # type: ignore[attr-defined]

    # ``bulk_update`` needs no override: Django writes it as one ``update()``
    # per batch (``filter(pk__in=...).update(field=Case(When(...)))``), so each
    # row is recorded by ``update`` above.


class AuditedManager(models.Manager.from_queryset(AuditedQuerySet)):  # type: ignore[misc]
    pass
