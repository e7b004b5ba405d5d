"""The login steps after username and password: second factor and lock-out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from ijmondwerkt.accounts import twofactor
from ijmondwerkt.accounts.forms import TokenForm


def next_url(request: HttpRequest) -> str:
    """Where to go after this step: a local ``next`` or the start page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, target: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': target})}"


def _check_code(
    request: HttpRequest, form: TokenForm, device: Any, *, enrol: bool
) -> bool:
    wait = twofactor.wait_seconds(device)
    if wait:
        form.add_error(
            "otp_token",
            _(
                "Te veel onjuiste codes achter elkaar. Wacht %(seconds)s seconden "
                "en probeer het dan opnieuw."
            )
            % {"seconds": wait},
        )
        return False
    token = form.cleaned_data["otp_token"]
    check = twofactor.second_factor_enrol if enrol else twofactor.second_factor_verify
    if check(request=request, device=device, token=token):
        return True
    form.add_error(
        "otp_token",
        _("Deze code klopt niet of is verlopen. Vul de code in die de app nu toont."),
    )
    return False


@never_cache
@sensitive_post_parameters("otp_token")
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Second step of logging in: the code from the user's authenticator app."""
    target = next_url(request)
    if twofactor.is_verified(request.user):
        return HttpResponseRedirect(target)
    device = twofactor.confirmed_device(request.user)  # type: ignore[arg-type]
    if device is None:
        return redirect(_with_next("two_factor_setup", target))
    form = TokenForm(request.POST or None)
    if form.is_valid() and _check_code(request, form, device, enrol=False):
        return HttpResponseRedirect(target)
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": target},
    )


@never_cache
@sensitive_post_parameters("otp_token")
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrolment: scan the QR code (or type the secret), confirm with a first code.

    Only while the user has no confirmed device: a second device cannot be
    added with the password alone.
    """
    target = next_url(request)
    if twofactor.is_verified(request.user):
        return HttpResponseRedirect(target)
    if twofactor.confirmed_device(request.user) is not None:  # type: ignore[arg-type]
        return redirect(_with_next("two_factor_verify", target))
    device = twofactor.enrolment_device(request.user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if form.is_valid() and _check_code(request, form, device, enrol=True):
        messages.success(request, _("Tweestapsverificatie is ingesteld."))
        return HttpResponseRedirect(target)
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "next": target,
            "secret": twofactor.secret_text(device),
            "qr_code": twofactor.qr_svg(
                device, title=_("QR-code voor de authenticator-app")
            ),
        },
    )


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' answer to a locked-out login: the login page with the reason."""
    username = (credentials or {}).get("username") or ""
    form = AuthenticationForm(request, initial={"username": username})
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "next": next_url(request),
            "locked_out": True,
            "lockout_minutes": settings.AXES_COOLOFF_MINUTES,
        },
        status=429,
    )


class StaffPasswordChangeForm(PasswordChangeForm):
    """Django's form with the autocomplete hints password managers need."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].widget.attrs["autocomplete"] = "current-password"
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"


class PasswordChangeView(auth_views.PasswordChangeView):
    """A staff member changes their own password; other sessions end.

    Django's view keeps this session (``update_session_auth_hash``); every other
    session of the user fails the password hash check at its next request.
    """

    form_class = StaffPasswordChangeForm
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd."),
        )
        return response
