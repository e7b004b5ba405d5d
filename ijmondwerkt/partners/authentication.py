"""API authentication: OAuth2 client-credential tokens and API keys, both Bearer."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from oauth2_provider.oauth2_backends import get_oauthlib_core
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from ijmondwerkt.accounts.models import User
from ijmondwerkt.partners.models import PartnerSystem
from ijmondwerkt.partners.services import API_KEY_MARKER, partner_for_api_key


class PartnerAuthentication(BaseAuthentication):
    """``Authorization: Bearer <token>``: an OAuth2 access token or an API key.

    The partner system's technical user becomes ``request.user``;
    ``request.auth`` is the token.
    """

    def authenticate(self, request: Request) -> tuple[User, Any] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        kind, _sep, token = header.partition(" ")
        if kind.lower() != "bearer":
            return None
        token = token.strip()
        if not token:
            raise exceptions.AuthenticationFailed(_("Het Bearer-token ontbreekt."))
        if token.startswith(f"{API_KEY_MARKER}_"):
            partner = partner_for_api_key(token)
            if partner is None:
                raise exceptions.AuthenticationFailed(
                    _("Deze API-sleutel is ongeldig.")
                )
            return partner.user, token
        return self._from_access_token(request)

    def _from_access_token(self, request: Request) -> tuple[User, Any]:
        valid, oauth_request = get_oauthlib_core().verify_request(request, scopes=[])
        access_token = getattr(oauth_request, "access_token", None)
        if not valid or access_token is None:
            raise exceptions.AuthenticationFailed(
                _("Het toegangstoken is ongeldig of verlopen.")
            )
        partner = (
            PartnerSystem.objects.select_related("user")
            .filter(
                application_id=access_token.application_id,
                active=True,
                user__is_active=True,
            )
            .first()
        )
        if partner is None:
            raise exceptions.AuthenticationFailed(
                _("Deze ketenpartner is ingetrokken.")
            )
        return partner.user, access_token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
