"""Forms for the login steps after username and password."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

_SPACES = re.compile(r"[\s-]+")
_CODE = re.compile(r"^[0-9]{6}$")


class TokenForm(forms.Form):
    """Six ASCII digits from an authenticator app; spaces are forgiven."""

    otp_token = forms.CharField(
        label=_("Code uit de authenticator-app"),
        max_length=20,
        strip=True,
        error_messages={"required": _("Vul de code van 6 cijfers in.")},
    )

    def clean_otp_token(self) -> str:
        token = _SPACES.sub("", self.cleaned_data["otp_token"])
        if not _CODE.fullmatch(token):
            raise forms.ValidationError(
                _("De code bestaat uit 6 cijfers."), code="format"
            )
        return token
