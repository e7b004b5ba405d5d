"""Doelbinding: the one path by which reads of client data reach the access log.

Every page, API response, export or task that shows client data calls
``record_reads`` with the clients it shows and why. Within a request (the
``ClientReadsMiddleware`` is installed) the reads are collected and written when
the response leaves, and only when it carries content (a redirect, a refusal or
an error page shows no file): one ``ClientAccess`` row per client per response,
all in one INSERT, however many clients a list holds. Outside a request (a
command, a task) the rows are written at once.

API viewsets do not call ``record_reads`` themselves: ``PersonalDataMixin``
(``ijmondwerkt.rest.personal_data``) reads the client ids from what the
serializer produced. A test run counts the responses that carry client data and
the rows written for them (tests/personal_data.py) and fails on any difference.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.apps import apps
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

WEB = "web"
API = "api"
PURPOSE_MAX = 150

# Statuses whose body shows no file: redirects, refusals, not found, errors.
_NO_CONTENT = {204, 205, 401, 403, 404, 405, 410, 429}
_UUID_RE = re.compile(
    r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}"
)

ClientRef = Any  # a Client, its pk, or an object with ``client_id``


@dataclass(frozen=True)
class _Why:
    user_id: int | None
    purpose: str
    channel: str


@dataclass
class ReadLog:
    """The reads of one request, keyed by client: one row per client per response."""

    by_pk: dict[int, _Why] = field(default_factory=dict)
    by_uuid: dict[uuid.UUID, _Why] = field(default_factory=dict)

    def add(self, pks: Iterable[int], uuids: Iterable[uuid.UUID], why: _Why) -> None:
        for pk in pks:
            self.by_pk.setdefault(pk, why)
        for value in uuids:
            self.by_uuid.setdefault(value, why)

    def __bool__(self) -> bool:
        return bool(self.by_pk or self.by_uuid)

    def flush(self) -> int:
        """Write the collected reads (one INSERT; one SELECT when given by uuid)."""
        reads = dict(self.by_pk)
        if self.by_uuid:
            found = _client_model().objects.filter(uuid__in=list(self.by_uuid))
            for pk, value in found.values_list("pk", "uuid"):
                reads.setdefault(pk, self.by_uuid[value])
        self.by_pk.clear()
        self.by_uuid.clear()
        return _write(reads)


def _client_model() -> Any:
    return apps.get_model("clients", "Client")


def _write(reads: dict[int, _Why]) -> int:
    if not reads:
        return 0
    access = apps.get_model("clients", "ClientAccess")
    access.objects.bulk_create(
        access(
            client_id=pk,
            user_id=why.user_id,
            purpose=why.purpose[:PURPOSE_MAX],
            channel=why.channel,
        )
        for pk, why in sorted(reads.items())
    )
    return len(reads)


def _pk_of(ref: ClientRef) -> int:
    if isinstance(ref, int):
        return ref
    if isinstance(ref, Model) and ref._meta.label == "clients.Client":
        return int(ref.pk)
    client_id = getattr(ref, "client_id", None)
    if client_id is None:
        raise TypeError(f"Geen werkzoekende: {ref!r}")
    return int(client_id)


def _as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _http_request(request: Any) -> HttpRequest | None:
    """The Django request behind a page or DRF request; None for a user."""
    inner = getattr(request, "_request", request)
    return inner if isinstance(inner, HttpRequest) else None


def record_reads(
    who: Any,
    clients: Iterable[ClientRef] = (),
    *,
    uuids: Iterable[Any] = (),
    purpose: str,
    channel: str = WEB,
) -> None:
    """Log that ``who`` (a request or a user) was shown these clients, and why.

    ``clients`` are Client objects, their pks or objects with ``client_id`` (a
    proposal, a contact, a match); ``uuids`` are client uuids (what an API
    response or a link names). A queryset is evaluated here, so a view that
    renders the same queryset afterwards reuses its rows.
    """
    if isinstance(clients, QuerySet):
        clients = list(clients)
    pks = {_pk_of(ref) for ref in clients}
    uuid_set = {_as_uuid(value) for value in uuids}
    if not (pks or uuid_set):
        return
    request = _http_request(who)
    user = getattr(who, "user", None) if request is not None else who
    user_id = (
        getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    )
    why = _Why(user_id=user_id, purpose=purpose.strip(), channel=channel)
    log: ReadLog | None = getattr(request, "client_reads", None)
    if log is None:  # outside a request, or without the middleware: write now
        log = ReadLog()
        log.add(pks, uuid_set, why)
        log.flush()
        return
    log.add(pks, uuid_set, why)


def carries_content(response: HttpResponse) -> bool:
    """Whether a response shows what the view prepared (not a redirect or refusal)."""
    status = response.status_code
    return 200 <= status < 500 and not 300 <= status < 400 and status not in _NO_CONTENT


class ClientReadsMiddleware:
    """Collect the reads of a request; write them once the response carries content."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        log = ReadLog()
        request.client_reads = log  # type: ignore[attr-defined]
        response: HttpResponse = self.get_response(request)
        if log and carries_content(response):
            log.flush()
        return response


def client_uuids_in_links(links: Iterable[str]) -> set[uuid.UUID]:
    """The clients that links point to (an inbox task names its client's file)."""
    found: set[uuid.UUID] = set()
    for link in links:
        if not link:
            continue
        try:
            match = resolve(urlsplit(link).path)
        except Resolver404:
            continue
        value = match.kwargs.get("client_uuid")
        if value is None and match.namespace == "clients":
            value = match.kwargs.get("uuid")
        if value is not None and _UUID_RE.fullmatch(str(value)):
            found.add(_as_uuid(value))
    return found
