from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ijmondwerkt.accounts.models import User
from ijmondwerkt.inbox.models import Task


@dataclass(frozen=True)
class NewTask:
    assignee_id: int
    kind: str
    title: str
    link: str = ""
    due_date: date | None = None
    dedupe_key: str | None = None
    client_id: int | None = None


@transaction.atomic
def task_create(
    *,
    assignee: User,
    kind: str,
    title: str,
    link: str = "",
    due_date: date | None = None,
    dedupe_key: str | None = None,
    client: Any = None,
) -> Task:
    """Put a task in someone's inbox; with a ``dedupe_key`` an existing one is returned.

    ``client``: the file the task is about, so outflow and reassignment find it.
    """
    defaults = {
        "assignee": assignee,
        "kind": kind,
        "title": title,
        "link": link,
        "due_date": due_date,
        "client": client,
    }
    if dedupe_key is None:
        task = Task(**defaults)
        task.full_clean()
        task.save()
        return task
    task, _ = Task.objects.get_or_create(dedupe_key=dedupe_key, defaults=defaults)
    return task


def tasks_create_bulk(new_tasks: list[NewTask]) -> int:
    """Create many tasks in one statement; ones whose dedupe key exists are skipped.

    Returns how many were new. Scheduled jobs use this so they cost the same
    number of queries however many clients they cover.
    """
    if not new_tasks:
        return 0
    keys = [t.dedupe_key for t in new_tasks if t.dedupe_key]
    existing = set(
        Task.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    fresh = [
        t for t in new_tasks if t.dedupe_key is None or t.dedupe_key not in existing
    ]
    Task.objects.bulk_create(
        [Task(**t.__dict__) for t in fresh], ignore_conflicts=True, batch_size=2000
    )
    return len(fresh)


@transaction.atomic
def task_complete(*, task: Task) -> Task:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
    return task


@transaction.atomic
def task_reopen(*, task: Task) -> Task:
    task.done_at = None
    task.save(update_fields=["done_at"])
    return task


def email_enabled() -> bool:
    return bool(settings.INBOX_EMAIL)
