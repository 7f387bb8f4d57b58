"""The ``proficio`` console command, run as a newcomer would, against a fresh SQLite data directory."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

PROFICIO = shutil.which("proficio", path=str(Path(sys.executable).parent))


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["PROFICIO_DATA_DIR"] = str(tmp_path)
    assert PROFICIO, "the proficio console script is installed with the package"
    return subprocess.run([PROFICIO, *args], env=env, capture_output=True, text=True, timeout=300)


def _count(tmp_path: Path, table: str, where: str = "1") -> int:
    with sqlite3.connect(tmp_path / "proficio.sqlite3") as db:
        return db.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0]


def test_demo_creates_a_wal_sqlite_database_and_a_private_secret_key(tmp_path: Path) -> None:
    result = _run(tmp_path, "demo", "--students", "12", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "Demo logins" in result.stdout
    assert _count(tmp_path, "roster_student", "is_active") == 12
    with sqlite3.connect(tmp_path / "proficio.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    key = tmp_path / "secret_key"
    assert key.stat().st_mode & 0o077 == 0
    assert len(key.read_text()) >= 50

    again = _run(tmp_path, "demo", "--students", "12", "--if-empty")
    assert again.returncode == 0 and "already present" in again.stdout

    refused = _run(tmp_path, "demo", "--students", "12")
    assert refused.returncode != 0
    assert "--reset" in refused.stderr

    reset = _run(tmp_path, "demo", "--students", "20", "--reset")
    assert reset.returncode == 0, reset.stderr
    assert _count(tmp_path, "roster_student", "is_active") == 20


def test_bad_arguments_get_a_clear_message(tmp_path: Path) -> None:
    result = _run(tmp_path, "demo", "--students", "2")
    assert result.returncode != 0
    assert "at least 7" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["manage", "check"]])
def test_it_wraps_management_commands(tmp_path: Path, args: list[str]) -> None:
    result = _run(tmp_path, *args)
    assert result.returncode == 0, result.stderr
