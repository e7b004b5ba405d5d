from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class CallerRateThrottle(SimpleRateThrottle):
    """Requests per caller: each partner system at its own rate, staff per user."""

    scope = "api"

    def allow_request(self, request: Request, view: Any) -> bool:
        # The rate depends on the caller, so it is resolved per request.
        self.rate = self.get_caller_rate(request)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATE

    @staticmethod
    def get_caller_rate(request: Request) -> str:
        return getattr(request.user, "throttle_rate", "") or settings.API_THROTTLE_RATE

    def get_cache_key(self, request: Request, view: Any) -> str:
        user = request.user
        authenticated = user is not None and user.is_authenticated
        ident = f"user:{user.pk}" if authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
