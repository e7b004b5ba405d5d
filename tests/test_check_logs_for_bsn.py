"""bin/check-logs-for-bsn: a BSN in any log of a CI run fails the run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "bin" / "check-logs-for-bsn"
BSN = "123456782"  # passes the elfproef
NOT_A_BSN = "123456783"  # nine digits that fail it


def check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def write_log(tmp_path: Path, *lines: str) -> Path:
    log = tmp_path / "logs" / "django.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return log


CLEAN_LINES = (
    "2026-12-02 00:52:31.146 UTC [2197] LOG:  checkpoint complete: wrote 1625 buffers",
    "INFO celery.worker Task clients.tasks.daily_reminders[8f0c1e2a] succeeded in 0.1s",
    f"WARNING django.request Not Found: /api/v1/werkzoekenden/{NOT_A_BSN}",
    "epoch 1796345551 and a duration of 123456789012 ns",
    "uuid ad08e7bf-e683-4d13-8984-c9007eb780ec sha 9f86d081884c7d659a2feaa0c55ad015",
)


def test_a_log_without_a_bsn_passes(tmp_path: Path) -> None:
    write_log(tmp_path, *CLEAN_LINES)
    result = check(tmp_path / "logs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no BSN in 1 log file(s), 5 line(s)" in result.stdout


@pytest.mark.parametrize(
    "written",
    [
        BSN,
        f"{BSN[:4]}.{BSN[4:6]}.{BSN[6:]}",
        f"{BSN[:3]} {BSN[3:6]} {BSN[6:]}",
        f"{BSN[:3]}-{BSN[3:6]}-{BSN[6:]}",
        # fullwidth and Arabic-Indic digits
        "".join(chr(0xFF10 + int(d)) for d in BSN),
        "".join(chr(0x0660 + int(d)) for d in BSN),
    ],
    ids=["plain", "dotted", "spaced", "dashed", "fullwidth", "arabic-indic"],
)
def test_a_log_with_a_bsn_fails_naming_file_and_line_masked(
    tmp_path: Path, written: str
) -> None:
    log = write_log(tmp_path, *CLEAN_LINES, f"ERROR DETAIL: Key (bsn)=({written})")
    result = check(tmp_path / "logs")
    assert result.returncode == 1
    assert f"{log}:6:" in result.stdout
    assert f"*******{BSN[-2:]}" in result.stdout
    assert BSN not in result.stdout + result.stderr
    assert written not in result.stdout + result.stderr


def test_digits_of_a_longer_number_are_not_a_bsn(tmp_path: Path) -> None:
    write_log(tmp_path, f"order 1{BSN}", f"{BSN}0 bytes", f"{BSN[:3]} {BSN[3:]}.5")
    assert check(tmp_path / "logs").returncode == 0


def test_no_logs_to_check_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = check(tmp_path / "empty")
    assert result.returncode == 2
    assert "nothing was checked" in result.stderr
