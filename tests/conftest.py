"""Personas and real-service fixtures shared by every test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from django.conf import settings
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from ijmondwerkt.accounts.models import Municipality, User
from ijmondwerkt.accounts.roles import Role
from ijmondwerkt.accounts.services import staff_user_save
from ijmondwerkt.partners.models import PartnerSystem
from ijmondwerkt.partners.services import Credentials, partner_create
from tests import personal_data
from tests.personal_data import personal_data_audit  # noqa: F401  (autouse)

BASE_DIR = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"
PASSWORD = "correct-horse-battery"

# Every test-client response with client data must have its access-log rows.
personal_data.install()

# TEST_CLOCK=2027-02-28T23:30:00Z runs the whole session with the clock set to
# that moment (and moving on from it): the tests that depend on "today" must
# pass at any time of day and on any date, e.g. just before midnight UTC (the
# next day in Amsterdam) or on 29 February. The Celery worker process travels
# too; the browser (Chromium) and the database server keep the real clock.
TEST_CLOCK = os.environ.get("TEST_CLOCK", "")
_CLOCK: dict[str, Any] = {}


def pytest_configure(config: pytest.Config) -> None:
    # Each pytest-xdist worker writes its own --log-file (django-gw0.log, ...):
    # they would otherwise overwrite each other's.
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None and config.option.log_file:
        path = Path(config.option.log_file)
        config.option.log_file = str(
            path.with_name(f"{path.stem}-{workerinput['workerid']}{path.suffix}")
        )
    if TEST_CLOCK and "travel" not in _CLOCK:
        import time_machine

        _CLOCK["travel"] = time_machine.travel(TEST_CLOCK, tick=True)
        _CLOCK["travel"].start()


def pytest_unconfigure(config: pytest.Config) -> None:
    travel = _CLOCK.pop("travel", None)
    if travel is not None:
        travel.stop()


def require(condition: bool, reason: str) -> None:
    """Skip locally when a real service is not configured; in CI that is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def _db_order(item: pytest.Item) -> int:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    transactional = bool(
        marker
        and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    ) or bool({"transactional_db", "live_server"} & set(fixtures))
    if transactional:
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run tests that commit (browser, worker) after the rest, as Django does.

    pytest-django sorts them last, but pytest then regroups tests by
    session-scoped parameters (Playwright's browser), which moved them in
    between; their flush at teardown would empty the data seeded by migrations
    (roles, code lists) for the tests after them.
    """
    items.sort(key=_db_order)


_SERIALIZED: dict[str, str] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Give every test's database connection the snapshot serialized_rollback uses.

    Django keeps connections per context, and Playwright's sync API runs the
    browser tests in a context of its own, where Django opens a fresh
    connection object without ``_test_serialized_contents``. Django then skips
    the restore without a word, and the flush after each browser test leaves
    the tests after it without the roles and code lists seeded by migrations.

    The teardown's flush may run in yet another context: it too must see the
    snapshot, or it runs the post_migrate handlers, which create content types
    and permissions under new ids that the next restore then collides with. So
    the snapshot is also set on the connection class (one database per test
    process). The content-type cache is emptied before each test: a restore or
    a migration test may have given the rows other ids than the cache holds.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            _SERIALIZED[alias] = contents
        elif alias in _SERIALIZED:
            connection._test_serialized_contents = _SERIALIZED[alias]  # type: ignore[attr-defined]
    if len(_SERIALIZED) == 1 and "default" in _SERIALIZED:
        type(connections["default"])._test_serialized_contents = _SERIALIZED["default"]  # type: ignore[attr-defined]
    ContentType.objects.clear_cache()


def pytest_report_header(config: pytest.Config) -> list[str]:
    db = settings.DATABASES["default"]
    broker = settings.CELERY_BROKER_URL or "geen (taken in-process)"
    lines = [
        f"database: {db['ENGINE']} {db.get('HOST') or db['NAME']}",
        f"broker: {broker}",
    ]
    if TEST_CLOCK:
        lines.append(f"clock: TEST_CLOCK={TEST_CLOCK} (moving on from there)")
    return lines


# --- municipalities and personas -------------------------------------------


@pytest.fixture
def velsen(db: None) -> Municipality:
    return Municipality.objects.get_or_create(
        cbs_code="0453", defaults={"name": "Velsen"}
    )[0]


@pytest.fixture
def beverwijk(db: None) -> Municipality:
    return Municipality.objects.get_or_create(
        cbs_code="0375", defaults={"name": "Beverwijk"}
    )[0]


@pytest.fixture
def heemskerk(db: None) -> Municipality:
    return Municipality.objects.get_or_create(
        cbs_code="0396", defaults={"name": "Heemskerk"}
    )[0]


@pytest.fixture
def all_municipalities(
    velsen: Municipality, beverwijk: Municipality, heemskerk: Municipality
) -> list[Municipality]:
    return [beverwijk, heemskerk, velsen]


def make_staff(
    username: str, role: Role | None, municipalities: list[Municipality]
) -> User:
    from django.contrib.auth.models import Group

    if role is not None:
        Group.objects.get_or_create(name=role.value)
    return staff_user_save(
        username=username,
        password=PASSWORD,
        first_name=username.split("_")[0].capitalize(),
        roles=[role] if role else [],
        municipalities=municipalities,
    )


@pytest.fixture
def klantmanager_velsen(velsen: Municipality) -> User:
    return make_staff("klantmanager_velsen", Role.KLANTMANAGER, [velsen])


@pytest.fixture
def klantmanager_beverwijk(beverwijk: Municipality) -> User:
    return make_staff("klantmanager_beverwijk", Role.KLANTMANAGER, [beverwijk])


@pytest.fixture
def werkmakelaar(all_municipalities: list[Municipality]) -> User:
    return make_staff("werkmakelaar_regio", Role.WERKMAKELAAR, all_municipalities)


@pytest.fixture
def manager(all_municipalities: list[Municipality]) -> User:
    return make_staff("manager_regio", Role.MANAGER, all_municipalities)


@pytest.fixture
def beheerder(all_municipalities: list[Municipality]) -> User:
    return make_staff("beheerder_regio", Role.BEHEERDER, all_municipalities)


@pytest.fixture
def privacy_officer(all_municipalities: list[Municipality]) -> User:
    return make_staff("privacy_regio", Role.PRIVACY_OFFICER, all_municipalities)


@pytest.fixture
def user_without_role(velsen: Municipality) -> User:
    return make_staff("zonder_rol", None, [velsen])


def verify_second_factor(client: Client, user: User) -> None:
    """Mark a logged-in test client's session as having passed the TOTP step."""
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()


def totp_device(user: User) -> Any:
    """The user's confirmed TOTP device, created when missing (an enrolled user)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def totp_code(device: Any) -> str:
    """The code an authenticator app shows now for ``device``.

    A code is accepted once; when this time step's code was already used, the
    next step's code is given (the device accepts one step of clock drift).
    """
    from django_otp.oath import hotp, totp

    device.refresh_from_db()
    step = int((time.time() - device.t0) // device.step) + device.drift
    if step > device.last_t:
        code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    else:
        code = hotp(device.bin_key, device.last_t + 1, device.digits)
    return f"{code:0{device.digits}d}"


def logged_in(user: User) -> Client:
    """A test client logged in as ``user``, second factor included."""
    client = Client()
    client.force_login(user)
    verify_second_factor(client, user)
    return client


# --- partner systems (API clients) ------------------------------------------

PartnerFactory = Callable[..., tuple[PartnerSystem, Credentials]]


@pytest.fixture
def make_partner(db: None) -> PartnerFactory:
    counter = iter(range(1, 1000))

    def make(
        *,
        scopes: list[str],
        municipalities: list[Municipality],
        throttle_rate: str = "",
    ) -> tuple[PartnerSystem, Credentials]:
        return partner_create(
            name=f"Ketenpartner {next(counter)}",
            municipalities=municipalities,
            scopes=scopes,
            throttle_rate=throttle_rate,
        )

    return make


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


# --- a real Celery worker on the configured broker --------------------------


def _database_url_for_worker() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture(scope="session")
def celery_worker_process(
    django_db_setup: None, django_db_blocker: object
) -> Iterator[str]:
    """Start ``celery worker`` as a separate process on the test database.

    Yields the queue name; send tasks with ``.apply_async(queue=...)``.
    """
    require(bool(settings.CELERY_BROKER_URL), "CELERY_BROKER_URL is not set")
    require(connection.vendor == "postgresql", "a worker process needs PostgreSQL")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url_for_worker(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND or "",
    }
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    # With LOG_DIR set (CI), the worker's output joins the run's other logs.
    log_dir = os.environ.get("LOG_DIR")
    output: Any = subprocess.PIPE
    if log_dir:
        output = open(Path(log_dir) / f"celery-worker-{queue}.log", "w")  # noqa: SIM115
    command = [celery]
    if TEST_CLOCK:
        # The worker starts at the session's shifted "now" and moves on from it.
        from datetime import UTC, datetime

        command = [
            sys.executable,
            "-c",
            "import sys, time_machine; from celery.__main__ import main; "
            "time_machine.travel(sys.argv.pop(1), tick=True).start(); "
            "sys.argv[0] = 'celery'; main()",
            datetime.now(UTC).isoformat(),
        ]
    proc = subprocess.Popen(
        [
            *command,
            "-A",
            "ijmondwerkt",
            "worker",
            "-P",
            "solo",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
            "--loglevel",
            "INFO",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
    )
    from ijmondwerkt.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"Celery worker stopped:\n{proc.stdout.read() if proc.stdout else ''}"
                f"{Path(output.name).read_text() if log_dir else ''}"
            )
        replies = app.control.ping(
            destination=[f"{queue}@{os.uname().nodename}"], timeout=1
        )
        if replies:
            break
    else:
        proc.terminate()
        pytest.fail("Celery worker did not answer within 60 s")
    yield queue
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    if log_dir:
        output.close()


# --- per-run totals, summed over pytest-xdist's workers ----------------------

_AUDIT_FIELDS = ("responses", "personal", "reads", "rows")
_FROM_WORKERS: dict[str, Any] = {}


def _matrix_line() -> str | None:
    matrix = sys.modules.get("tests.test_route_matrix")
    return None if matrix is None else str(matrix.summary_line())


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A worker hands its totals to the controller (see pytest_testnodedown)."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is None:
        return
    from tests.api import test_fuzz

    workeroutput["personal_data"] = {
        name: getattr(personal_data.AUDIT, name) for name in _AUDIT_FIELDS
    }
    workeroutput["fuzz_requests"] = test_fuzz.REQUESTS_SENT["count"]
    workeroutput["matrix_line"] = _matrix_line()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    from tests.api import test_fuzz

    output = getattr(node, "workeroutput", {})
    for name, value in output.get("personal_data", {}).items():
        setattr(personal_data.AUDIT, name, getattr(personal_data.AUDIT, name) + value)
    test_fuzz.REQUESTS_SENT["count"] += output.get("fuzz_requests", 0)
    if output.get("matrix_line"):
        _FROM_WORKERS["matrix_line"] = output["matrix_line"]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.api import test_fuzz

    line = personal_data.summary_line()
    if line:
        terminalreporter.write_line(line)
    matrix_line = _matrix_line() or _FROM_WORKERS.get("matrix_line")
    if matrix_line:
        terminalreporter.write_line(matrix_line)
    sent = test_fuzz.REQUESTS_SENT["count"]
    if sent:
        terminalreporter.write_line(
            f"schemathesis: {sent} generated API requests checked"
        )
