from __future__ import annotations

import logging

from celery import shared_task

from django.contrib.sessions.models import Session
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task
def clear_expired_sessions() -> int:
    """Remove sessions past their expiry date; safe to run any number of times."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    logger.info("Removed %d expired sessions", deleted)
    return deleted
