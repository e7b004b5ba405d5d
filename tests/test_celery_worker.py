"""Tasks executed by a real Celery worker process through the configured broker."""

from __future__ import annotations

from datetime import timedelta

import pytest

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from ijmondwerkt.accounts.tasks import clear_expired_sessions

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_worker_clears_expired_sessions(celery_worker_process: str) -> None:
    fresh = SessionStore()
    fresh.create()
    Session.objects.create(
        session_key="verlopen-sessie",
        session_data="",
        expire_date=timezone.now() - timedelta(days=1),
    )

    result = clear_expired_sessions.apply_async(queue=celery_worker_process)

    assert result.get(timeout=30) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        fresh.session_key
    ]


def test_task_is_idempotent(celery_worker_process: str) -> None:
    Session.objects.create(
        session_key="verlopen-sessie",
        session_data="",
        expire_date=timezone.now() - timedelta(days=1),
    )
    first = clear_expired_sessions.apply_async(queue=celery_worker_process).get(
        timeout=30
    )
    second = clear_expired_sessions.apply_async(queue=celery_worker_process).get(
        timeout=30
    )
    assert (first, second) == (1, 0)
