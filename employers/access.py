"""Who may use the employer pages: werkmakelaars write, klantmanagers read."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from ijmondwerkt.accounts.roles import Role


def can_read(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.has_role(Role.WERKMAKELAAR, Role.KLANTMANAGER)
        and user.municipality_ids
    )


def can_write(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.has_role(Role.WERKMAKELAAR)
        and user.municipality_ids
    )


View = Callable[..., HttpResponse]


def _requires(check: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


reader_required = _requires(can_read)
writer_required = _requires(can_write)
