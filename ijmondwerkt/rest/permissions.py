from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from ijmondwerkt.rest.scopes import READ, WRITE, all_scopes, scope


def granted_scopes(request: Request) -> frozenset[str]:
    """The caller's scopes, narrowed to those of its OAuth2 token if it used one.

    A token names the scopes it was issued for; one that names none of the
    API's scopes was issued before tokens carried them and grants the partner
    system's scopes. The partner system's current scopes always bound it, so
    taking a scope away takes effect on tokens already issued.
    """
    scopes: frozenset[str] = getattr(request.user, "api_scopes", frozenset())
    token_scope = getattr(request.auth, "scope", None)
    if isinstance(token_scope, str):
        named = frozenset(token_scope.split()) & frozenset(all_scopes())
        if named:
            scopes &= named
    return scopes


def required_scope(view: Any, method: str) -> str | None:
    """``<resource>.lezen`` for reads (and searches posted in a body), else ``.schrijven``."""
    resource = getattr(view, "scope_resource", None)
    if resource is None:
        return None
    reading = method in SAFE_METHODS or getattr(view, "action", None) in getattr(
        view, "read_actions", ()
    )
    return scope(resource, READ if reading else WRITE)


class HasScope(BasePermission):
    """The caller needs ``<resource>.lezen`` to read and ``<resource>.schrijven`` to write.

    Views name their resource in ``scope_resource``; a view without one is
    closed to everyone, so a forgotten declaration fails safe.
    """

    message = _("Deze toegang valt buiten de scopes van de aanroeper.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        method = request.method or "GET"
        if not hasattr(view, method.lower()):
            return True  # let the view answer 405 rather than hide it behind a 403
        needed = required_scope(view, method)
        return needed is not None and needed in granted_scopes(request)
