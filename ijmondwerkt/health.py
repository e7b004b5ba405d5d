"""Liveness of the components the application depends on."""

from __future__ import annotations

import logging

from kombu import Connection

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

OK = "ok"
DOWN = "onbereikbaar"
NOT_CONFIGURED = "niet geconfigureerd"


def database_status(alias: str = "default") -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: database %s unreachable", alias)
        return DOWN
    return OK


def broker_status() -> str:
    """Without a broker, tasks run in-process: that is a valid set-up, not an outage."""
    url = settings.CELERY_BROKER_URL
    if not url:
        return NOT_CONFIGURED
    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        logger.exception("Health check: broker unreachable")
        return DOWN
    return OK


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_status(), "broker": broker_status()}
    healthy = DOWN not in checks.values()
    return JsonResponse(
        {"status": OK if healthy else DOWN, "checks": checks},
        status=200 if healthy else 503,
    )
