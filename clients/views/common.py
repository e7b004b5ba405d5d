"""What every client page shares: the user, the scoped files, the logged read."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from clients.models import Client, ClientQuerySet
from ijmondwerkt.accounts.models import User
from ijmondwerkt.privacy import record_reads

PAGE_SIZE = 25


def user_of(request: HttpRequest) -> User:
    """Pages here run behind a role gate, so the user is a staff member."""
    return cast(User, request.user)


def scoped(request: HttpRequest) -> ClientQuerySet:
    return cast(ClientQuerySet, Client.objects.for_user(user_of(request)))


def purpose(request: HttpRequest, client: Client) -> str:
    if client.klantmanager_id == user_of(request).pk:
        return _("Dossierbehandeling: eigen werkvoorraad")
    return _("Dossierbehandeling: werkzoekende van de gemeente")


def client_for_page(request: HttpRequest, uuid: Any) -> Client:
    """The file a page works on; the page shows it, so the read is logged."""
    qs = scoped(request).select_related("municipality", "klantmanager")
    client = get_object_or_404(qs, uuid=uuid)
    record_reads(request, [client], purpose=purpose(request, client))
    return client
