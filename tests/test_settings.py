"""Settings come from the environment and fail closed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
LONG_SECRET = "q7#Lr2@vX9!mZp4$Wk8&Tn1^Yb6*Hc3(Jd5)Fg0-Se+Ua=Ri~Ol?Ex"
SHARED_CACHE = "redis://127.0.0.1:6379/14"  # not contacted by `check`


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "PRODUCTION",
            "CACHE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_without_debug_is_a_clear_error() -> None:
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_runs_without_secret_key() -> None:
    result = run_manage("check", DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_invalid_boolean_is_rejected() -> None:
    result = run_manage("check", DEBUG="misschien")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_production_profile_passes_deploy_check_without_warnings() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        PRODUCTION="true",
        SECRET_KEY=LONG_SECRET,
        ALLOWED_HOSTS="werk.ijmond.example",
        CACHE_URL=SHARED_CACHE,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_profile_refuses_to_start_without_a_shared_cache() -> None:
    # In-process counters would let each worker process throttle on its own.
    result = run_manage(
        "check",
        PRODUCTION="true",
        SECRET_KEY=LONG_SECRET,
        ALLOWED_HOSTS="werk.ijmond.example",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "PRODUCTION=true needs a shared cache: set CACHE_URL" in result.stderr


def test_cache_url_must_be_redis() -> None:
    result = run_manage("check", DEBUG="true", CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "CACHE_URL must be a Redis URL" in result.stderr


def test_production_profile_throttles_in_the_shared_cache() -> None:
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.cache import caches; "
        "from ijmondwerkt.rest.throttling import CallerRateThrottle as T; "
        "c = caches[T.cache._alias]; print(type(c).__name__, c._servers)",
        PRODUCTION="true",
        SECRET_KEY=LONG_SECRET,
        ALLOWED_HOSTS="werk.ijmond.example",
        CACHE_URL=SHARED_CACHE,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"RedisCache ['{SHARED_CACHE}']"


def test_default_profile_is_flagged_by_deploy_check() -> None:
    # Proves the check above can fail: without the profile, HTTPS settings are missing.
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=LONG_SECRET,
        ALLOWED_HOSTS="werk.ijmond.example",
    )
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


@pytest.mark.django_db
def test_postgresql_sessions_run_without_jit() -> None:
    from django.db import connection

    from tests.conftest import require

    require(connection.vendor == "postgresql", "needs DATABASE_URL for PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
