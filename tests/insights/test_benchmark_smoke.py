"""The dashboards benchmark stays runnable: its --smoke size end to end against PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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
def test_the_smoke_run_prints_each_dashboards_percentiles_the_snapshot_and_the_naive_ratio() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/insights.py", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert lines[0].startswith("generated 500 students in 2 high schools")
    assert any(line.startswith("snapshot of Grading period 2 (snapshot_term): 22,500 rows") for line in lines)
    for page in ("district dashboard /insights/:", "school dashboard /insights/schools/<id>/"):
        line = next(line for line in lines if line.startswith(page))
        assert "p50 " in line and "p95 " in line and "over 10 requests" in line
    assert any("the same figures (checked equal)" in line for line in lines)
    assert lines[-1].startswith("naive: ") and "x (naive time" in lines[-1]
