"""bin/audit-dependencies: an audit that could not check a package does not pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve().parent.parent / "bin" / "audit-dependencies"


def audit(
    tmp_path: Path, dependencies: list[dict[str, Any]]
) -> subprocess.CompletedProcess[str]:
    """Run the script against a stand-in pip-audit that reports ``dependencies``."""
    fake = tmp_path / "pip-audit"
    report = json.dumps({"dependencies": dependencies, "fixes": []})
    fake.write_text(f"#!{sys.executable}\nprint({report!r})\n")
    fake.chmod(0o755)
    env = {
        **os.environ,
        "PIP_AUDIT": str(fake),
        # nothing listens there: the fallback to PyPI's project data fails at once
        "PYPI_PROJECT_JSON": "http://127.0.0.1:9/pypi/{name}/json",
    }
    env.pop("AUDIT_ALLOW_INCONCLUSIVE", None)
    return subprocess.run(
        [sys.executable, str(SCRIPT)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
SKIPPED = {
    "name": "celery",
    "skip_reason": "Dependency not found on PyPI and could not be audited: celery (5.6.3)",
}
OWN = {"name": "ijmondwerkt", "skip_reason": "distribution marked as editable"}


def test_every_package_checked_and_clean_passes(tmp_path: Path) -> None:
    result = audit(tmp_path, [CLEAN, OWN])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every package checked, no known vulnerabilities" in result.stdout


def test_a_package_that_could_not_be_checked_is_inconclusive(tmp_path: Path) -> None:
    result = audit(tmp_path, [CLEAN, SKIPPED])
    assert result.returncode == 2
    assert "celery==5.6.3" in result.stdout
    assert "INCONCLUSIVE, 1 of 2 packages could not be checked" in result.stderr
    assert "This is not a pass" in result.stderr


def test_a_known_vulnerability_fails(tmp_path: Path) -> None:
    vulnerable = {
        "name": "gunicorn",
        "version": "21.2.0",
        "vulns": [{"id": "GHSA-w3h3-4rj7-4ph4", "fix_versions": ["22.0.0"]}],
    }
    result = audit(tmp_path, [CLEAN, vulnerable])
    assert result.returncode == 1
    assert "gunicorn==21.2.0: GHSA-w3h3-4rj7-4ph4 (fixed in 22.0.0)" in result.stdout


def test_no_report_from_pip_audit_is_inconclusive(tmp_path: Path) -> None:
    fake = tmp_path / "pip-audit"
    fake.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('no network')\n")
    fake.chmod(0o755)
    env = {**os.environ, "PIP_AUDIT": str(fake)}
    result = subprocess.run(
        [sys.executable, str(SCRIPT)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert "INCONCLUSIVE, pip-audit gave no report" in result.stderr
