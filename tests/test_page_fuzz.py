"""Property-based fuzzing of every page: hostile query strings and form posts.

For every URL pattern outside beheer and the API (those have their own tests),
a staff member who holds both the klantmanager and the werkmakelaar role sends
GET requests with generated query parameters and POST requests with generated
form fields, named after the fields the page itself renders, some left out.
Values include NUL and other control characters, implausible dates, huge
numbers, long text and non-ASCII digits. No response may be a 5xx (the test
client re-raises a view's exception, so a crash fails with its traceback).

Bounded by ``PAGE_FUZZ_EXAMPLES`` per route (default 5), which
keeps the run well under two minutes.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.contrib.auth.models import Group
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from tests.clients.conftest import register
from tests.conftest import logged_in, make_staff
from tests.employers.factories import (
    ContactPersonFactory,
    EmployerContactFactory,
    EmployerFactory,
    VacancyFactory,
)
from tests.trajectories.factories import DeploymentFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("PAGE_FUZZ_EXAMPLES", "5"))

# Authentication flows are fuzzed by their own tests: posting to them here
# would log the fuzzer out or lock it out.
SKIPPED = {"login", "logout", "two_factor_verify", "two_factor_setup"}
SKIPPED_PREFIXES = ("beheer/", "api/", "oauth/", "static/", "media/")

TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
SPECIAL = st.sampled_from(
    [
        "\x00",
        "a\x00b",
        "\x1b[31m",
        "\x7f",
        "\u0085",
        "0001-01-01",
        "9999-12-31",
        "31-12-9999",
        "2026-02-30",
        "0001-01-01T00:00",
        "9999-12-31T23:59",
        "-1",
        "0",
        "99999999999999999999999999",
        "1e309",
        "NaN",
        "١٢٣٤٥٦٧٨٢",
        "¹²³",
        "x" * 20_000,
        " ",
        "",
        "on",
        "true",
        str(uuid.uuid4()),
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "../../etc/passwd",
        "%00",
    ]
)
VALUES = st.one_of(TEXT, SPECIAL)


def _walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, list[str]]]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(
                pattern,
                prefix + str(pattern.pattern),
                pattern.namespace or namespace,
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            route = prefix + str(pattern.pattern)
            yield name, route, list(pattern.pattern.converters)


ROUTES = sorted(
    (name, route)
    for name, route, _ in _walk(get_resolver())
    if name not in SKIPPED
    and not route.startswith(SKIPPED_PREFIXES)
    and not route.startswith("^")
)


@pytest.fixture
def fuzzer(all_municipalities: list[Municipality]) -> User:
    user = make_staff("fuzzer", Role.KLANTMANAGER, all_municipalities)
    user.groups.add(Group.objects.get_or_create(name=Role.WERKMAKELAAR.value)[0])
    return user


@pytest.fixture
def world(fuzzer: User, velsen: Municipality) -> dict[str, str]:
    """One real object per kind of URL parameter, so views get past their 404."""
    client = register(fuzzer, velsen)
    employer = EmployerFactory.create()
    contact = EmployerContactFactory.create(employer=employer, werkmakelaar=fuzzer)
    trajectory = TrajectoryFactory.create(client=client)
    return {
        "clients:uuid": str(client.uuid),
        "client_uuid": str(client.uuid),
        "employers:uuid": str(employer.uuid),
        "employers:follow_up_complete:uuid": str(contact.uuid),
        "person_uuid": str(ContactPersonFactory.create(employer=employer).uuid),
        "vacancies:uuid": str(VacancyFactory.create(employer=employer).uuid),
        "trajectories:uuid": str(trajectory.uuid),
        "deployment_uuid": str(
            DeploymentFactory.create(client=client, trajectory=trajectory).uuid
        ),
    }


def _path(name: str, route: str, world: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        kwarg = match.group(2)
        namespace = name.split(":")[0]
        for key in (f"{name}:{kwarg}", f"{namespace}:{kwarg}", kwarg):
            if key in world:
                return world[key]
        return str(uuid.uuid4()) if match.group(1) == "uuid" else "1"

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def _field_names(page: str) -> list[str]:
    names = set(re.findall(r'name="([^"]+)"', page)) - {"csrfmiddlewaretoken"}
    return sorted(names) or ["q"]


@pytest.mark.parametrize(("name", "route"), ROUTES, ids=[r[0] for r in ROUTES])
def test_no_page_answers_a_server_error(
    fuzzer: User, world: dict[str, str], name: str, route: str
) -> None:
    browser: HttpClient = logged_in(fuzzer)
    path = _path(name, route, world)
    first = browser.get(path)
    assert first.status_code < 500
    names = _field_names(first.content.decode(errors="replace"))
    keys = st.one_of(st.sampled_from(names), TEXT.filter(bool))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        query=st.dictionaries(keys, VALUES, max_size=4),
        form=st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names)),
    )
    def requests_are_answered(query: dict[str, str], form: dict[str, Any]) -> None:
        assert browser.get(path, query).status_code < 500
        assert browser.post(path, form).status_code < 500

    requests_are_answered()


def test_the_fuzz_covers_the_pages() -> None:
    names = {name for name, _ in ROUTES}
    assert {"clients:reassign", "clients:list", "employers:update"} <= names
    assert not any(route.startswith(SKIPPED_PREFIXES) for _, route in ROUTES)
