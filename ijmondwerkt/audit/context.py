"""Who is acting now: a user, a partner system, or nobody (the system)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

# The value is the actor itself, or a callable resolving it late (the web
# middleware passes ``lambda: request.user``, so an API request's partner,
# authenticated inside the view, is what is recorded).
_actor: ContextVar[Any] = ContextVar("audit_actor", default=None)


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    """Record every write inside the block as done by ``actor``.

    ``actor`` is a User, a PartnerSystem, None (the system) or a callable
    returning one of those. Nested blocks restore the outer actor on exit.
    """
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> Any:
    """The actor set by the innermost ``acting_as``; None outside any."""
    actor = _actor.get()
    if callable(actor) and not hasattr(actor, "_meta"):
        actor = actor()
    if actor is None or not getattr(actor, "is_authenticated", True):
        return None
    return actor
