"""Doelbinding over a whole test run: every response with client data has its log rows.

Every response produced through Django's test client (pages) or DRF's
``APIClient`` is inspected here, independently of the logging code: it carries
client data when its body names a client that exists at that moment (uuid, BSN
or full name; what the request itself sent does not count, that is an echo), or
when it answers 2xx to an address that names a client
(``werkzoekenden/<uuid>/ladder-metingen``). Its access-log rows are the
``ClientAccess`` rows written while it was produced. A test fails when a
response shows a client without a row, logs a client it does not show, or logs
one client twice. The terminal summary gives the totals; they must be equal.

The lookups use a raw cursor on the test's own connection (it sees the test's
uncommitted rows) and are not counted by ``django_assert_num_queries`` or
``CaptureQueriesContext``, so query-count tests are unaffected. Browser tests
(live server) are not covered here: their requests bypass the test client.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

import pytest

from django.db import connection
from django.test import client as test_client

UUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
BSN_RE = re.compile(r"(?<!\d)\d{9}(?!\d)")


@dataclass
class Audit:
    responses: int = 0  # responses inspected
    personal: int = 0  # responses that showed client data
    reads: int = 0  # (response, client) pairs shown
    rows: int = 0  # access-log rows written for those responses
    problems: list[str] = field(default_factory=list)  # of the running test


AUDIT = Audit()


@dataclass(frozen=True)
class _Person:
    pk: int
    uuid: str
    bsn: str
    name: str


def _raw(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]] | None:
    """Run a query unseen by Django's query log; None when the DB is not usable."""
    try:
        connection.ensure_connection()
    except Exception:  # no database access in this test
        return None
    raw = connection.connection
    if raw is None:
        return None
    try:
        cursor = raw.cursor()
        try:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
        finally:
            cursor.close()
    except Exception:  # e.g. a broken transaction the test is asserting on
        return None


def _tables() -> tuple[str, str]:
    from clients.models import Client, ClientAccess

    return Client._meta.db_table, ClientAccess._meta.db_table


def _last_access_id() -> int | None:
    rows = _raw(f"SELECT COALESCE(MAX(id), 0) FROM {_tables()[1]}")  # noqa: S608
    return None if rows is None else int(rows[0][0])


def _people() -> list[_Person]:
    table = _tables()[0]
    rows = _raw(
        f"SELECT id, uuid, bsn, first_name, name_prefix, last_name FROM {table}"  # noqa: S608
    )
    people = []
    for pk, value, bsn, first, prefix, last in rows or []:
        name = " ".join(p for p in (first, prefix, last) if p)
        people.append(_Person(pk, str(uuid.UUID(str(value))), bsn or "", name))
    return people


def _names(text: str, name: str) -> bool:
    """``name`` occurs as a whole (Jan Jansen1 is not in Jan Jansen12)."""
    if len(name) < 5:
        return False
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or after.isalnum()):
            return True
        start = text.find(name, start + 1)
    return False


def _echo(request: dict[str, Any], response: Any) -> str:
    """What the caller sent and the response may show back without reading a file.

    An error (400, 404) names the address and the invalid input; a page's form
    shows back what was typed. A successful API answer is the server's
    representation, and a successful answer to an address that names a client
    shows that client (``in_address`` below): no echo there.
    """
    success = 200 <= response.status_code < 300
    if success and "html" not in response.get("Content-Type", ""):
        return ""
    body = request.get("wsgi.input")
    content = getattr(body, "_FakePayload__content", None)
    sent = (
        unquote_plus(content.getvalue().decode("utf-8", "replace")) if content else ""
    )
    if success:
        return sent
    address = f"{request.get('PATH_INFO', '')}?{request.get('QUERY_STRING', '')}"
    return f"{unquote_plus(address)}\n{sent}"


def _shown(request: dict[str, Any], response: Any, people: list[_Person]) -> set[int]:
    if getattr(response, "streaming", False):
        return set()
    body = html.unescape(response.content.decode("utf-8", "replace"))
    sent = _echo(request, response).lower()
    path = str(request.get("PATH_INFO", "")).lower()
    uuids = {u.lower() for u in UUID_RE.findall(body)}
    bsns = set(BSN_RE.findall(body))
    strong: set[int] = set()  # named by uuid, BSN or address: unambiguous
    by_name: dict[str, set[int]] = {}  # named only by a name two files may share
    for person in people:
        if (
            (person.uuid in uuids and person.uuid not in sent)
            or (person.bsn in bsns and person.bsn not in sent)
            or (person.uuid in path and 200 <= response.status_code < 300)
        ):
            strong.add(person.pk)
        elif _names(body, person.name) and not _names(sent, person.name.lower()):
            by_name.setdefault(person.name, set()).add(person.pk)
    # A name shown next to the uuid of a file with that name is that file.
    named_strongly = {p.name for p in people if p.pk in strong}
    shown = set(strong)
    for name, pks in by_name.items():
        if name not in named_strongly:
            shown |= pks
    return shown


def _inspect(request: dict[str, Any], response: Any, before: int, label: str) -> None:
    logged = _raw(
        f"SELECT client_id FROM {_tables()[1]} WHERE id > %s",  # noqa: S608
        (before,),
    )
    if logged is None:
        return
    rows = [row[0] for row in logged]
    shown = _shown(request, response, _people())
    AUDIT.responses += 1
    AUDIT.rows += len(rows)
    if shown:
        AUDIT.personal += 1
        AUDIT.reads += len(shown)
    missing = shown - set(rows)
    extra = set(rows) - shown
    if missing:
        AUDIT.problems.append(f"{label}: client data without access log {missing}")
    if extra:
        AUDIT.problems.append(f"{label}: access log for clients not shown {extra}")
    if len(rows) != len(set(rows)):
        AUDIT.problems.append(f"{label}: more than one row per client")


_original = test_client.Client.request


def _audited_request(self: Any, **request: Any) -> Any:
    before = _last_access_id()
    response = _original(self, **request)
    if before is not None:
        label = f"{request.get('REQUEST_METHOD', '?')} {request.get('PATH_INFO', '')}"
        _inspect(request, response, before, f"{label} → {response.status_code}")
    return response


def install() -> None:
    test_client.Client.request = _audited_request  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def personal_data_audit() -> Iterator[None]:
    """Fail the test whose responses showed client data without its log rows."""
    AUDIT.problems.clear()
    yield
    problems = list(AUDIT.problems)
    AUDIT.problems.clear()
    if problems:
        pytest.fail("Inzagelogboek klopt niet:\n" + "\n".join(problems), pytrace=False)


def summary_line() -> str | None:
    if not AUDIT.responses:
        return None
    return (
        f"personal-data responses: {AUDIT.personal} "
        f"(client reads shown: {AUDIT.reads}), access-log rows: {AUDIT.rows} "
        f"(of {AUDIT.responses} responses inspected)"
    )
