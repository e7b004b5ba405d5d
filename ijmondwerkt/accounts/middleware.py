"""Middleware for staff sessions: the second-factor gate and the idle timeout.

Both sit after django-otp's OTPMiddleware (which tells whether the session
passed the second factor) and before the views.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ijmondwerkt.accounts import security, twofactor
from ijmondwerkt.rest.exceptions import is_api_request, problem_response

LAST_ACTIVITY_KEY = "last_activity"
# Store the time of activity at most once a minute, not on every request.
ACTIVITY_RESOLUTION = 60

Handler = Callable[[HttpRequest], HttpResponse]


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # htmx would swap the target page into a fragment; send the browser.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _with_next(url_name: str, request: HttpRequest) -> str:
    target = request.get_full_path() if request.method == "GET" else "/"
    return f"{reverse(url_name)}?{urlencode({'next': target})}"


class SecurityContextMiddleware:
    """Makes the request known to the security log for events raised deeper down."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = security.current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            security.current_request.reset(token)


class SecondFactorMiddleware:
    """Keeps users who logged in with a password only out of everything else.

    Open to them: the second-factor pages, logout, static files and /health.
    Pages redirect to the second step; the API answers 403 problem+json
    unless the request carries its own credentials (partner systems), which
    the API's authentication then checks.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def _open(self, request: HttpRequest) -> bool:
        path = request.path
        return path in {
            reverse("two_factor_verify"),
            reverse("two_factor_setup"),
            reverse("logout"),
            reverse("health"),
        } or path.startswith(settings.STATIC_URL)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not twofactor.needs_second_factor(request) or self._open(request):
            return self.get_response(request)
        if is_api_request(request):
            if "HTTP_AUTHORIZATION" in request.META:
                return self.get_response(request)
            return problem_response(
                request, 403, _("Log eerst in met de tweede stap (code uit de app).")
            )
        step = (
            "two_factor_verify"
            if twofactor.confirmed_device(request.user)  # type: ignore[arg-type]
            else "two_factor_setup"
        )
        return _redirect(request, _with_next(step, request))


def start_activity(sender: object, request: HttpRequest | None, **_: object) -> None:
    """A login counts as activity (receiver of ``user_logged_in``)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LAST_ACTIVITY_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    """Logs a session out after ``SESSION_IDLE_TIMEOUT`` seconds without a request.

    ``SESSION_COOKIE_AGE`` still bounds the session as a whole.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY_KEY)
        if isinstance(last, int) and now - last > settings.SESSION_IDLE_TIMEOUT:
            return self._expire(request)
        if not isinstance(last, int) or now - last >= ACTIVITY_RESOLUTION:
            request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)

    def _expire(self, request: HttpRequest) -> HttpResponse:
        request.logout_reason = "idle"  # type: ignore[attr-defined]
        logout(request)
        if is_api_request(request):
            return self.get_response(request)
        minutes = settings.SESSION_IDLE_TIMEOUT // 60
        messages.info(
            request,
            _(
                "U bent uitgelogd omdat u %(minutes)s minuten niets hebt gedaan. "
                "Log opnieuw in."
            )
            % {"minutes": minutes},
        )
        return _redirect(request, _with_next("login", request))
