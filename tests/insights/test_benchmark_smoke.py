"""The dashboards benchmark stays runnable: its --smoke size end to end against PostgreSQL."""

from __future__ import annotations

import pytest

from tests.benchmark_runs import needs_postgres, run_benchmark


@pytest.mark.benchmark_smoke  # once per CI run, as its own step (tests/parts.py)
@needs_postgres
def test_the_smoke_run_prints_each_dashboards_percentiles_the_snapshot_and_the_naive_ratio() -> None:
    lines = run_benchmark("insights.py", "--smoke")
    assert lines[0].startswith("generated 500 students in 2 high schools")
    assert any(line.startswith("snapshot of Grading period 2 (snapshot_term): 22,500 rows") for line in lines)
    for page in ("district dashboard /insights/:", "school dashboard /insights/schools/<id>/", "school growth "):
        line = next(line for line in lines if line.startswith(page))
        assert "p50 " in line and "p95 " in line and "over 10 requests" in line
    assert any("the same figures (checked equal)" in line for line in lines)
    assert lines[-1].startswith("naive: ") and "x (naive time" in lines[-1]
