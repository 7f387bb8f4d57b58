"""Background workers stay provable: the worker-fault test and the scaling run at their smallest size, with real
``proficio worker`` processes, a Redis of their own and PostgreSQL."""

from __future__ import annotations

import re

import pytest

from tests.benchmark_runs import needs_postgres, run_benchmark


@pytest.mark.benchmark_smoke  # once per CI run, as its own step (tests/parts.py)
@needs_postgres
def test_a_worker_killed_mid_batch_leaves_the_batch_complete_with_one_document_per_student() -> None:
    lines = run_benchmark("fault_worker_killed.py", "--smoke")
    killed = next(line for line in lines if line.startswith("killed the worker (SIGKILL)"))
    archived, total = map(int, re.findall(r"with (\d+) of (\d+) documents", killed)[0])
    assert 0 < archived < total == 100
    assert next(line for line in lines if line.startswith("the batch ended")).count("finished") == 1
    for row in ("documents", "students with one", "audit events"):
        expected, found = next(line for line in lines if line.startswith(row)).split()[-2:]
        assert expected == found == "100", row
    assert next(line for line in lines if line.startswith("tasks the killed worker held")).endswith(": 1")
    assert sum(line.endswith(": yes") for line in lines if line.startswith("check: ")) == 4
    assert lines[-1] == "worker killed during a batch: PASSED"


@pytest.mark.benchmark_smoke
@needs_postgres
def test_the_scaling_run_times_one_and_two_workers_on_the_same_batch() -> None:
    lines = run_benchmark("report_batch_scaling.py", "--smoke")
    header = lines.index(f"{'workers':>8}{'seconds':>10}{'documents/s':>13}")
    rows = [line.split() for line in lines[header + 1 : header + 3]]
    assert [row[0] for row in rows] == ["1", "2"] and all(float(row[1]) > 0 for row in rows)
    speedup = float(rows[0][1]) / float(rows[1][1])
    verdict = re.match(r"two workers: (\d+\.\d\d)× one worker's rate, target ≥ 1\.7×: not judged", lines[-1])
    assert verdict is not None and abs(float(verdict.group(1)) - speedup) < 0.1
