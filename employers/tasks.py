"""Scheduled jobs for employers and vacancies: thin, idempotent."""

from __future__ import annotations

import logging

from celery import shared_task

from django.utils import timezone

from employers.services import follow_up_reminders_due, vacancies_expire
from ijmondwerkt.inbox.services import tasks_create_bulk

logger = logging.getLogger(__name__)


@shared_task
def expire_vacancies() -> int:
    """Every night: open vacancies past their close date become verlopen."""
    count = vacancies_expire(today=timezone.localdate())
    logger.info("Expired %d vacancies", count)
    return count


@shared_task
def follow_up_reminders() -> int:
    """Every morning: a task for each follow-up due today or tomorrow without one.

    Follow-ups recorded through the pages already have their task; this
    catches the ones that came in another way (imports, the API, demo data).
    The dedupe key makes a second run a no-op.
    """
    created = tasks_create_bulk(follow_up_reminders_due(timezone.localdate()))
    logger.info("Created %d employer follow-up tasks", created)
    return created
