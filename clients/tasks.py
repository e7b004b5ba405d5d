from __future__ import annotations

import logging

from celery import shared_task

from django.utils import timezone

from clients.reminders import reminders_generate

logger = logging.getLogger(__name__)


@shared_task
def generate_reminders() -> dict[str, int]:
    """Daily: put due intakes, goals, signals and reviews in the inboxes. Idempotent."""
    created = reminders_generate(today=timezone.localdate())
    logger.info("Client reminders created: %s", created)
    return created
