"""Optimistic locking, one way for every app.

An editor loads an object with its ``version``; the service locks the row and
refuses the write when the version has moved on since (a colleague saved in
between), naming who did so from the audit trail. The keyword in every
service is ``expected_version``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def last_editor(obj: models.Model) -> str:
    """Who wrote ``obj`` last, by the audit trail: a name, or "een collega"."""
    from ijmondwerkt.audit.services import last_event_for

    event = last_event_for(obj)
    if event is None or (event.user_id is None and event.partner_id is None):
        return _("een collega")
    return event.actor_name


# Nouns of the objects edited here that take "het" (so "dit", not "deze").
HET_WORDS = frozenset({"traject", "nazorgmoment", "budget", "dossier", "plan", "doel"})


def stale(obj: models.Model, what: str) -> ValidationError:
    """The error for a write based on an old version of ``obj``."""
    words = str(what).split()
    this = _("Dit") if words and words[0].lower() in HET_WORDS else _("Deze")
    return ValidationError(
        {
            "version": _(
                "%(this)s %(what)s is intussen gewijzigd door %(who)s. Laad de "
                "pagina opnieuw en voer uw wijziging nog eens in."
            )
            % {"this": this, "what": what, "who": last_editor(obj)}
        }
    )


def lock_for_update(
    obj_or_queryset: Any,
    pk: Any = None,
    *,
    expected_version: int | None,
    what: str,
) -> Any:
    """The row under ``select_for_update()``, refused when its version moved on.

    ``obj_or_queryset`` is a model instance (its row is locked) or a queryset
    (with ``pk``), e.g. ``Proposal.objects.select_related("vacancy")``.
    ``expected_version`` None skips the check (a write that needs no lock
    argument, such as a status step some callers make without a form).
    """
    if isinstance(obj_or_queryset, models.Model):
        queryset = type(obj_or_queryset)._default_manager.all()
        pk = obj_or_queryset.pk
    else:
        queryset = obj_or_queryset
    locked = queryset.select_for_update(of=("self",)).get(pk=pk)
    if expected_version is not None and locked.version != expected_version:  # type: ignore[attr-defined]
        raise stale(locked, what)
    return locked


def save_versioned(obj: models.Model, fields: list[str] | None = None) -> None:
    """Version + 1 and save; with ``fields``, only those (and version, updated_at)."""
    obj.version += 1  # type: ignore[attr-defined]
    if fields is None:
        obj.save()
        return
    names = [*fields, "version"]
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        names.append("updated_at")
    obj.save(update_fields=list(dict.fromkeys(names)))


def versioned_update(
    locked: Any,
    changes: dict[str, Any],
    *,
    summary: str,
    actor: Any = None,
    action: str = "updated",
) -> Any:
    """Apply ``changes`` to a row from ``lock_for_update``: validate, save with a
    new version and record the old and new values in the audit trail."""
    from ijmondwerkt.audit import diff, record, snapshot

    before = snapshot(locked, changes)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    save_versioned(locked)
    record(
        locked,
        action=action,
        summary=summary,
        changes=diff(before, locked),
        actor=actor,
    )
    return locked
