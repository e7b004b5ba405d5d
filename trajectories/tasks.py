"""Scheduled jobs of the trajectories app: thin, idempotent."""

from __future__ import annotations

import logging

from celery import shared_task

from django.utils import timezone

from trajectories.reminders import reminders_generate

logger = logging.getLogger(__name__)


@shared_task
def generate_reminders() -> dict[str, int]:
    """Daily: assessments, follow-up moments, trial and secondment ends, trajectories.

    Puts a task in the responsible person's inbox for each; idempotent
    through the inbox's dedupe keys. "Today" is the Amsterdam calendar day.
    """
    created = reminders_generate(today=timezone.localdate())
    logger.info("Trajectory reminders created: %s", created)
    return created
