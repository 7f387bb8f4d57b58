"""The import benchmark stays runnable: its --small size end to end against PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SERVER = os.environ.get("PROFICIO_BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def _postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.mark.benchmark_smoke  # once per CI run, as its own step (tests/parts.py)
@pytest.mark.skipif(not _postgres_reachable(), reason="needs the PostgreSQL server the benchmark uses")
def test_the_small_benchmark_prints_its_figures_and_ratio() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/import_oneroster.py", "--small"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert lines[0].startswith("generated 2,000 users")
    assert any(line.startswith("naive row-by-row ORM import of a 1% subset:") and "rows/s" in line for line in lines)
    summary = next(line for line in lines if line.startswith("import_oneroster:"))
    assert "peak RSS" in summary and "0 rows changed" in summary
    assert lines[-1].startswith("ratio: ") and "faster than the naive import" in lines[-1]
