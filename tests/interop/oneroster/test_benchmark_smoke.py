"""The import benchmark stays runnable: its --small size end to end against PostgreSQL."""

from __future__ import annotations

import pytest

from tests.benchmark_runs import needs_postgres, run_benchmark


@pytest.mark.benchmark_smoke  # once per CI run, as its own step (tests/parts.py)
@needs_postgres
def test_the_small_benchmark_prints_its_figures_and_ratio() -> None:
    lines = run_benchmark("import_oneroster.py", "--small")
    assert lines[0].startswith("generated 2,000 users")
    assert any(line.startswith("naive row-by-row ORM import of a 1% subset:") and "rows/s" in line for line in lines)
    summary = next(line for line in lines if line.startswith("import_oneroster:"))
    assert "peak RSS" in summary and "0 rows changed" in summary
    assert lines[-1].startswith("ratio: ") and "faster than the naive import" in lines[-1]
