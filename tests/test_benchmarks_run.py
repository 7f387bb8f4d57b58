"""The benchmarks stay runnable: a smoke run of the district recompute at its quick size (``make bench-smoke``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.benchmark_smoke  # once per CI run, as its own step (tests/parts.py)

ROOT = Path(__file__).resolve().parents[1]


def test_rollup_benchmark_quick_run_prints_its_ratios() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/rollup.py", "--quick", "--students", "300", "--pandas-sample", "100"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for method in ("decaying_average", "power_law"):
        line = next(line for line in done.stdout.splitlines() if line.startswith(f"{method}:"))
        assert "pandas: " in line and "x;" in line
        assert "of students meet graduation" in line
