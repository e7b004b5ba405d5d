from __future__ import annotations

from typing import Any

from django.db.models import QuerySet


class ScopedQuerysetMixin:
    """Start every API queryset from ``for_user``: a foreign object is a 404.

    Set ``queryset`` to the model's unscoped queryset (with select_related and
    annotations as needed); this mixin narrows it to the caller.
    """

    queryset: QuerySet[Any]
    request: Any

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        return self.queryset.for_user(self.request.user)  # type: ignore[attr-defined]
