"""Viewset building blocks shared by every app's API.

Reads start from the model's ``for_user`` scope (``ScopedQuerysetMixin``);
writes go through the app's services (``ServiceCreateMixin``,
``ServiceWriteMixin``), never through ``serializer.save()``, so the API and
the HTML pages keep one set of rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ijmondwerkt.rest.services import call_service

# The serializer's source of the API field ``versie``.
VERSION = "version"


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


class ServiceResponseMixin:
    """Answer a written object as a fresh read through the scoped queryset shows it.

    For viewsets that create through a service but offer no change.
    """

    def respond(self, obj: Any, code: int) -> Response:
        fresh = self.get_queryset().get(pk=obj.pk)  # type: ignore[attr-defined]
        serializer = self.serializer_class(  # type: ignore[attr-defined]
            fresh,
            context=self.get_serializer_context(),  # type: ignore[attr-defined]
        )
        return Response(serializer.data, status=code)


class ServiceWriteMixin(ServiceResponseMixin):
    """Create and change through the app's services; answer the fresh object.

    ``PATCH`` calls ``update_service(<update_argument>=obj,
    expected_version=<versie>, **changes)`` with the version the caller read
    (optimistic locking); without ``versie`` it is a 400 naming ``versie``.
    ``update_user_argument`` names the service's keyword for the caller, when
    the service records who changed the object.

    ``POST`` is the view's own ``create``: it validates, calls
    ``self.call_service(serializer, service, **kwargs)`` and answers
    ``self.respond(created, 201)``.

    ``update_arguments`` adapts the validated data to the service's keywords
    (e.g. a many-to-many list that must be passed apart).
    """

    request: Any
    update_service: Callable[..., Any]
    update_argument: str
    update_user_argument: str | None = None

    def update_arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return data

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()  # type: ignore[attr-defined]
        serializer = self.get_serializer(  # type: ignore[attr-defined]
            obj, data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if VERSION not in data:
            # A partial update does not make ``versie`` required by itself.
            raise ValidationError(
                {"versie": [_("Geef de versie mee zoals u die las.")]}
            )
        expected_version = data.pop(VERSION)
        arguments = {
            self.update_argument: obj,
            "expected_version": expected_version,
            **self.update_arguments(data),
        }
        if self.update_user_argument:
            arguments[self.update_user_argument] = request.user
        updated = call_service(serializer, self.update_service, **arguments)
        return self.respond(updated, status.HTTP_200_OK)
