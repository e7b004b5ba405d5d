"""The OAuth2 token endpoint for partner systems (client credentials only).

Only an active partner system obtains a token: the client secret of a revoked
partner is refused at the token endpoint with ``invalid_client``, so nothing is
issued that would be rejected later.

A token carries the scopes it grants, and its answer names them (``scope``):
without a ``scope`` parameter all scopes of the partner system, with one a
subset of those (RFC 6749 section 3.3); asking for a scope the partner system
does not have is ``invalid_scope``.

Answers of ``POST /api/v1/oauth/token`` follow RFC 6749: a token on success
(section 5.1) and ``{"error": ...}`` as ``application/json`` on failure
(section 5.2), because OAuth2 client libraries read exactly that shape. Every
other method gets the API's problem+json (405 with ``Allow``).
"""

from __future__ import annotations

import logging
from typing import Any

from oauthlib.common import Request as OAuthRequest

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.views import TokenView

from ijmondwerkt.accounts.security import log_event
from ijmondwerkt.partners.models import PartnerSystem
from ijmondwerkt.rest.exceptions import problem_response

CLIENT_CREDENTIALS = "client_credentials"


def partner_scopes(application: Any) -> list[str]:
    """The scopes of the partner system an OAuth2 client belongs to, sorted."""
    pk = getattr(application, "pk", None)
    if pk is None:
        return []
    partner = PartnerSystem.objects.filter(application_id=pk).first()
    return sorted(partner.scopes) if partner is not None else []


def partner_is_active(application_id: int | None) -> bool:
    """True when the OAuth2 client belongs to a partner system that may use the API."""
    if application_id is None:
        return False
    return PartnerSystem.objects.filter(
        application_id=application_id, active=True, user__is_active=True
    ).exists()


class PartnerOAuth2Validator(OAuth2Validator):
    """Clients authenticate only while their partner system is active."""

    def authenticate_client(
        self, request: OAuthRequest, *args: Any, **kwargs: Any
    ) -> bool:
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        client = request.client
        if partner_is_active(getattr(client, "pk", None)):
            return True
        log_event(
            "partner_token",
            outcome="refused_inactive",
            username="-",
            level=logging.WARNING,
            client_id=getattr(client, "client_id", "-"),
        )
        # oauthlib answers invalid_client, the same as for a wrong secret.
        return False

    def validate_scopes(
        self,
        client_id: str,
        scopes: list[str],
        client: Any,
        request: OAuthRequest,
        *args: Any,
        **kwargs: Any,
    ) -> bool:
        return set(scopes) <= set(partner_scopes(client))

    def get_default_scopes(
        self, client_id: str, request: OAuthRequest, *args: Any, **kwargs: Any
    ) -> list[str]:
        return partner_scopes(request.client)


def _oauth_error(error: str, description: str, status: int) -> JsonResponse:
    response = JsonResponse(
        {"error": error, "error_description": description}, status=status
    )
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


class PartnerTokenView(TokenView):
    """``/api/v1/oauth/token``: client credentials, RFC 6749 answers, no HTML."""

    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        grant_type = request.POST.get("grant_type", "")
        if not grant_type:
            return _oauth_error(
                "invalid_request", _("De parameter grant_type ontbreekt."), 400
            )
        if grant_type != CLIENT_CREDENTIALS:
            return _oauth_error(
                "unsupported_grant_type",
                _("Alleen grant_type=client_credentials wordt ondersteund."),
                400,
            )
        return self.authorization_flow_token_response(request)

    def http_method_not_allowed(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = problem_response(
            request,
            405,
            _("Vraag een token aan met POST (grant_type=client_credentials)."),
        )
        response["Allow"] = ", ".join(m.upper() for m in self._allowed_methods())
        return response
