"""One role gate for every page: who may open it, by role and municipality.

A gate is a decorator and a predicate at once::

    @writes_employers
    def vacancy_create(request): ...

    can_write = writes_employers.allows(request.user)

Without a session the page redirects to the login page; a logged-in user the
gate refuses gets 403. What a user then *sees* on a page they may open is
decided by the scoping contract (``ijmondwerkt/scoping.py``), not here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from ijmondwerkt.accounts.roles import Role

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Gate:
    """Any of ``roles``; with ``serves_municipality`` also an active municipality."""

    roles: tuple[Role, ...]
    serves_municipality: bool = False

    def allows(self, user: Any) -> bool:
        if not (user is not None and user.is_authenticated):
            return False
        if not user.has_role(*self.roles):
            return False
        return not self.serves_municipality or bool(user.municipality_ids)

    def __call__(self, view: View) -> View:
        @login_required
        @wraps(view)
        def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not self.allows(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return gated


def role_required(*roles: Role, serves_municipality: bool = False) -> Gate:
    """A gate for users holding any of ``roles``."""
    if not roles:
        raise ValueError("A gate needs at least one role.")
    return Gate(roles=roles, serves_municipality=serves_municipality)


# Client files: klantmanagers. What they see is bounded by their municipalities.
klantmanager = role_required(Role.KLANTMANAGER)
# Employers, vacancies and proposals: werkmakelaars, and klantmanagers to place
# their clients; both need a municipality to serve.
reads_employers = role_required(
    Role.WERKMAKELAAR, Role.KLANTMANAGER, serves_municipality=True
)
writes_employers = role_required(Role.WERKMAKELAAR, serves_municipality=True)
# The instrument catalogue, read by who deploys and places (beheer edits it).
reads_catalogue = role_required(Role.KLANTMANAGER, Role.WERKMAKELAAR)
