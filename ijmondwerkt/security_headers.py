"""Response headers that Django has no setting for.

- ``Permissions-Policy``: no page of the app uses camera, microphone, location,
  payment or device APIs, so no page (nor anything injected into one) may.
- ``Cache-Control: no-store`` on everything that may carry personal data:
  every response to a logged-in user and every API response. Browsers, proxies
  and the back button then keep no copy of a client file. Static files and
  ``/health`` carry none and stay cacheable.

The Content-Security-Policy itself comes from django-csp
(``CONTENT_SECURITY_POLICY`` in the settings).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers

from ijmondwerkt.rest.exceptions import API_PREFIX

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

CACHEABLE_PATHS = ("/health",)


def carries_personal_data(request: HttpRequest) -> bool:
    """Whether a response to this request may hold personal data (safe side: yes)."""
    path = request.path_info
    if path.startswith(settings.STATIC_URL) or path in CACHEABLE_PATHS:
        return False
    if path.startswith(API_PREFIX):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    """Adds ``Permissions-Policy`` everywhere and ``no-store`` where personal data may be."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if carries_personal_data(request):
            add_never_cache_headers(response)
        return response
