from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task
def clear_expired_sessions() -> int:
    """Remove sessions past their expiry date; safe to run any number of times."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    logger.info("Removed %d expired sessions", deleted)
    return deleted


@shared_task
def prune_login_history() -> int:
    """Remove django-axes login records older than ``LOGIN_HISTORY_DAYS``; idempotent."""
    from axes.models import AccessAttempt, AccessLog

    cutoff = timezone.now() - timedelta(days=settings.LOGIN_HISTORY_DAYS)
    logs, _ = AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()
    logger.info("Removed %d login records older than %s", logs + attempts, cutoff)
    return logs + attempts
