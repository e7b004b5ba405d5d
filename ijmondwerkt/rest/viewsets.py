from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ijmondwerkt.rest.services import call_service


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


class ServiceCreateMixin:
    """``POST`` through the app's service: ``create_service(user=..., **validated)``.

    Set ``create_service = staticmethod(app.services.thing_create)``; a
    ValidationError from the service becomes a 400 with API field names.
    """

    create_service: Callable[..., Any]
    request: Any

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)  # type: ignore[attr-defined]
        serializer.is_valid(raise_exception=True)
        created = call_service(
            serializer,
            self.create_service,
            user=request.user,
            **serializer.validated_data,
        )
        data = self.get_serializer(created).data  # type: ignore[attr-defined]
        return Response(data, status=status.HTTP_201_CREATED)
