"""Scheduled jobs of the budgets app: thin and idempotent."""

from __future__ import annotations

import logging

from celery import shared_task

from budgets.alerts import exhaustion_alerts_send
from budgets.commitments import commitments_rebuild

logger = logging.getLogger(__name__)


@shared_task
def rebuild_commitments() -> int:
    """Every night: rebuild every commitment from its deployment or placement.

    The same rows on every run; catches moved clients, new subsidy parameters
    and the assumed end of open placements moving on with the year.
    """
    count = commitments_rebuild()
    logger.info("Rebuilt %d commitment rows", count)
    return count


@shared_task
def exhaustion_alerts() -> int:
    """Every morning, after the rebuild: warnings at 90 % and alarms at 100 %."""
    count = exhaustion_alerts_send()
    logger.info("Created %d budget exhaustion notices", count)
    return count
