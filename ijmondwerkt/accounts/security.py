"""The security log: logins, logouts, lock-outs, second factor and password changes.

Every event goes to the logger ``ijmondwerkt.security`` as one line of
``key=value`` pairs: the event, the outcome, the username and the client IP.
Never a password, an OTP code or anything that looks like a BSN.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger("ijmondwerkt.security")

# The request being handled, so that events raised far from a view (a password
# saved through the admin or a service) still say from where and by whom.
current_request: ContextVar[HttpRequest | None] = ContextVar(
    "security_current_request", default=None
)

_UNSAFE = re.compile(r"[^\w.@+:\-]")
# A username that is all digits may be a BSN typed into the wrong field.
_DIGITS_ONLY = re.compile(r"^\d{8,}$")


def safe_username(value: object) -> str:
    """A username fit for a log line: no control characters, no number-like ids."""
    text = str(value or "")[:150]
    if _DIGITS_ONLY.fullmatch(text):
        return "[cijferreeks]"
    return _UNSAFE.sub("?", text) or "-"


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, taking ``TRUSTED_PROXY_COUNT`` proxies into account.

    Behind a TLS-terminating proxy ``REMOTE_ADDR`` is the proxy; the proxy
    appends the client to ``X-Forwarded-For``. Only the entries added by the
    trusted proxies count, so a client cannot choose its own address. Also
    django-axes' way to find the address (``AXES_CLIENT_IP_CALLABLE``).
    """
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= proxies:
            return _address(forwarded[-proxies])
    return _address(str(request.META.get("REMOTE_ADDR") or ""))


def log_event(
    event: str,
    *,
    outcome: str,
    username: object,
    request: HttpRequest | None = None,
    level: int = logging.INFO,
    **details: object,
) -> None:
    """Write one security event. ``details`` are short, non-personal facts."""
    request = request if request is not None else current_request.get()
    parts = {
        "event": event,
        "outcome": outcome,
        "username": safe_username(username),
        "ip": client_ip(request) or "-",
        **{key: safe_username(value) for key, value in details.items()},
    }
    line = " ".join(f"{key}={value}" for key, value in parts.items())
    logger.log(level, line, extra={"security_event": parts})


def acting_username(request: HttpRequest | None) -> str:
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and user.is_authenticated:
        return str(user.get_username())
    return "-"


# --- receivers, connected in AccountsConfig.ready ----------------------------


def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    log_event("login", outcome="success", username=user.get_username(), request=request)


def on_login_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **_: Any,
) -> None:
    # Django has already masked the password in ``credentials``; only the
    # username is read from it.
    locked = bool(getattr(request, "axes_locked_out", False))
    log_event(
        "login",
        outcome="locked" if locked else "failure",
        username=credentials.get("username"),
        request=request,
        level=logging.WARNING,
    )


def on_logged_out(
    sender: Any, request: HttpRequest | None, user: Any, **_: Any
) -> None:
    if user is None:
        return
    reason = getattr(request, "logout_reason", "user")
    log_event(
        "logout",
        outcome="success",
        username=user.get_username(),
        request=request,
        reason=reason,
    )


def on_locked_out(
    sender: Any, request: HttpRequest | None, username: Any, **_: Any
) -> None:
    log_event(
        "lockout",
        outcome="locked",
        username=username,
        request=request,
        level=logging.WARNING,
        minutes=settings.AXES_COOLOFF_MINUTES,
    )


def on_user_saved(sender: Any, instance: Any, created: bool, **_: Any) -> None:
    # ``AbstractBaseUser.set_password`` keeps the new raw password in
    # ``_password`` until the user is saved; only its presence is read here.
    if getattr(instance, "_password", None) is None:
        return
    request = current_request.get()
    log_event(
        "password_set" if created else "password_changed",
        outcome="success",
        username=instance.get_username(),
        request=request,
        by=acting_username(request),
    )


def axes_client_str(
    username: Any,
    ip_address: Any,
    user_agent: Any,
    path_info: Any,
    request: HttpRequest | None,
) -> str:
    """How django-axes names a client in its own log lines (no raw input)."""
    return f"username={safe_username(username)} ip={safe_username(ip_address)}"
