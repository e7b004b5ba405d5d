"""Two-factor authentication (TOTP) for staff: enrolment, verification, reset.

A staff member logs in with username and password, then proves the second
factor with a six-digit code from an authenticator app. Without a confirmed
device they enrol first. The functioneel beheerder can remove someone's
devices (``second_factor_reset``) so that person enrols again at next login.
"""

from __future__ import annotations

import logging
from base64 import b32encode
from typing import Any

import django_otp
import segno
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.middleware.csrf import rotate_token
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ijmondwerkt.accounts import security
from ijmondwerkt.accounts.models import User

DEVICE_NAME = "Authenticator-app"


def is_exempt(user: Any) -> bool:
    """Demo users skip the second factor, and only in DEBUG (bin/demo)."""
    if not (settings.DEBUG and settings.OTP_EXEMPT_DEMO):
        return False
    from ijmondwerkt.accounts.demo import DEMO_USERS

    return any(
        user.get_username() == demo.username
        and user.email == f"{demo.username}@ijmondwerkt.example"
        for demo in DEMO_USERS
    )


def is_verified(user: Any) -> bool:
    """Whether an authenticated user has passed the second factor this session."""
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified()) or is_exempt(user)


def needs_second_factor(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and not is_verified(user))


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolment_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up; the same one until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice, *, title: str) -> SafeString:
    """The otpauth:// URL as an inline SVG QR code (no script, no style attribute)."""
    code = segno.make(device.config_url, error="m")
    svg = code.svg_inline(scale=5, title=title, svgclass="qr", light="#fff")
    # Only segno's own markup and the escaped title are in here.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


def _verify(device: TOTPDevice, token: str) -> bool:
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        verified = bool(locked.verify_token(token))
    device.refresh_from_db()
    return verified


def _mark_verified(request: HttpRequest, device: TOTPDevice) -> None:
    # A new session key and CSRF token once the session gains the second
    # factor, as Django does at login, against session fixation.
    request.session.cycle_key()
    rotate_token(request)
    django_otp.login(request, device)


def wait_seconds(device: TOTPDevice) -> int:
    """Seconds before another code may be tried after wrong ones (0: now)."""
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)


def second_factor_verify(
    *, request: HttpRequest, device: TOTPDevice, token: str
) -> bool:
    """Check a code against the user's confirmed device; on success mark the session."""
    if not device.confirmed or device.user_id != request.user.pk:
        return False
    verified = _verify(device, token)
    username = request.user.get_username()
    if verified:
        _mark_verified(request, device)
        security.log_event(
            "second_factor", outcome="success", username=username, request=request
        )
    else:
        security.log_event(
            "second_factor",
            outcome="failure",
            username=username,
            request=request,
            level=logging.WARNING,
        )
    return verified


def second_factor_enrol(
    *, request: HttpRequest, device: TOTPDevice, token: str
) -> bool:
    """Confirm a new device with its first code; the session is then verified."""
    if device.confirmed or device.user_id != request.user.pk:
        return False
    username = request.user.get_username()
    if not _verify(device, token):
        security.log_event(
            "second_factor_enrolment",
            outcome="failure",
            username=username,
            request=request,
            level=logging.WARNING,
        )
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    _mark_verified(request, device)
    security.log_event(
        "second_factor_enrolment", outcome="success", username=username, request=request
    )
    return True


@transaction.atomic
def second_factor_reset(*, user: User, by: User) -> int:
    """Remove every second-factor device of ``user``; they enrol again at next login.

    Sessions already verified with a removed device lose that verification at
    their next request (django-otp no longer finds the device). Returns the
    number of devices removed. Nobody resets their own second factor.
    """
    if by.pk == user.pk or not by.has_perm("accounts.change_user"):
        raise PermissionDenied
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    security.log_event(
        "second_factor_reset",
        outcome="success",
        username=user.get_username(),
        by=by.get_username(),
        devices=removed,
    )
    return removed
