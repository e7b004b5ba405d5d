"""API session authentication for staff who passed the second factor."""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request

from ijmondwerkt.accounts import twofactor


class VerifiedSessionAuthentication(SessionAuthentication):
    """A browser session counts for the API only after the second factor."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None or not twofactor.is_verified(result[0]):
            return None
        return result
