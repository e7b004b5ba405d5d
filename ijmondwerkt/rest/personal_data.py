"""Every API viewset says whether it serves client data; those that do log each read.

``PersonalDataMixin`` is a base of every viewset on the router (a test holds
them to it). A viewset declares where its output names the client:

- ``client_lookup = "uuid"``: each item is a client file (``werkzoekenden``);
- ``client_lookup = "werkzoekende"``: each item belongs to a file and names its
  uuid (``klantcontacten``, ``voordrachten``, ``kandidaten``);
- ``client_url_kwarg = "werkzoekende"``: the address names the file
  (``werkzoekenden/{uuid}/ladder-metingen``);
- ``client_lookup = None``: no client data (``gemeenten``, ``werkgevers``).

The log follows what the serializer actually produced, in any action (list,
detail, search, create, change), so a new action cannot bypass it. Rows go
through ``ijmondwerkt.privacy.record_reads``: one row per client per response.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request
from rest_framework.response import Response

from ijmondwerkt.privacy import API, record_reads

PURPOSE_HEADER = "X-Doelbinding"
DEFAULT_PURPOSE = "API-raadpleging"
PURPOSE_PARAMETER = OpenApiParameter(
    PURPOSE_HEADER,
    str,
    OpenApiParameter.HEADER,
    description="Waarvoor de gegevens worden geraadpleegd; komt in het inzagelogboek.",
)

NOT_DECLARED = object()


def purpose_of(request: Request, default: str = DEFAULT_PURPOSE) -> str:
    return request.headers.get(PURPOSE_HEADER, "").strip() or default


def _items(data: Any) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return list(data["results"])
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        return [data]
    return []


def _lookup(item: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(item, dict):
            return None
        item = item.get(part)
    return item


class PersonalDataMixin:
    """Log one read per client in every successful response (doelbinding)."""

    client_lookup: Any = NOT_DECLARED
    client_url_kwarg: str | None = None
    kwargs: dict[str, Any]

    def client_uuids(self, data: Any) -> set[str]:
        uuids: set[str] = set()
        lookup = self.client_lookup
        if isinstance(lookup, str):
            for item in _items(data):
                value = _lookup(item, lookup)
                if value:
                    uuids.add(str(value))
        if self.client_url_kwarg and self.kwargs.get(self.client_url_kwarg):
            uuids.add(str(self.kwargs[self.client_url_kwarg]))
        return uuids

    def read_purpose(self, request: Request) -> str:
        """The caller's ``X-Doelbinding``; without it, what the resource is for."""
        return purpose_of(request)

    def finalize_response(
        self, request: Request, response: Any, *args: Any, **kwargs: Any
    ) -> Any:
        response = super().finalize_response(  # type: ignore[misc]
            request, response, *args, **kwargs
        )
        if isinstance(response, Response) and 200 <= response.status_code < 300:
            uuids = self.client_uuids(response.data)
            if uuids:
                record_reads(
                    request,
                    uuids=uuids,
                    purpose=self.read_purpose(request),
                    channel=API,
                )
        return response
