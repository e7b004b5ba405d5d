"""Settings come from the environment and fail closed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
LONG_SECRET = "q7#Lr2@vX9!mZp4$Wk8&Tn1^Yb6*Hc3(Jd5)Fg0-Se+Ua=Ri~Ol?Ex"


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "PRODUCTION", "DJANGO_ALLOW_ASYNC_UNSAFE"}
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
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


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
