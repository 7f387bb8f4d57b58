"""Running a benchmark script at its smallest size from a test, against the PostgreSQL server it uses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("PROFICIO_BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


needs_postgres = pytest.mark.skipif(not postgres_reachable(), reason="needs the PostgreSQL server the benchmark uses")


def run_benchmark(script: str, *args: str) -> list[str]:
    """The lines ``benchmarks/<script>`` printed; the test fails with its error output if it failed."""
    done = subprocess.run(
        [sys.executable, f"benchmarks/{script}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.splitlines()
