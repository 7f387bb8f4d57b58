"""The load test stays runnable: its --smoke size end to end, gunicorn and locust against PostgreSQL."""

from __future__ import annotations

import re

import pytest

from tests.benchmark_runs import needs_postgres, run_benchmark

KINDS = ("log in", "gradebook", "scoring page", "score save", "progress page")  # each user class's, surely
DASHBOARDS = ("district dashboard", "school dashboard", "school growth")  # the leaders pick among these


@pytest.mark.benchmark_smoke  # once per CI run, as its own step (tests/parts.py)
@needs_postgres
def test_the_smoke_run_prints_the_percentiles_meets_zero_errors_and_loses_no_acknowledged_score() -> None:
    lines = run_benchmark("load.py", "--smoke")
    header = next(n for n, line in enumerate(lines) if line.startswith("request "))
    end = next(n for n, line in enumerate(lines) if line.startswith("target "))
    assert lines[header].replace(" ms", "").split() == [
        "request",
        "count",
        "errors",
        "p50",
        "p95",
        "p99",
        "max",
        "alone",
        "p95",
        "×",
        "alone",
    ]
    rows = {line[:20].strip(): line[20:].split() for line in lines[header + 1 : end]}
    for kind in KINDS:
        count, errors, p50, p95, p99, top, *_ = rows[kind]
        assert int(count.replace(",", "")) > 0 and errors == "0", (kind, rows[kind])
        assert float(p50) <= float(p95) <= float(p99) <= float(top)
    for kind in ("gradebook", "score save"):  # the teacher alone made both kinds of request too
        p95, (alone_p95, ratio) = float(rows[kind][3]), rows[kind][6:]
        assert ratio.endswith("×") and abs(float(ratio[:-1]) - p95 / float(alone_p95)) < 0.06  # both rounded
    assert any(kind in rows for kind in DASHBOARDS)
    assert rows["all"][1] == "0"
    for target in ("target gradebook p95 ≤ 150 ms: ", "target score save p95 ≤ 100 ms: "):
        assert any(line.startswith(target) and "(smoke size: not judged)" in line for line in lines), target
    assert any(re.match(r"target 0 errors: 0 of [\d,]+ requests failed — MET$", line) for line in lines)
    assert any(re.match(r"under load: gradebook p95 is \d+\.\d× the single-user p95", line) for line in lines)
    acknowledged = next(line for line in lines if line.startswith("acknowledged saves: "))
    numbers = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", acknowledged)]
    assert numbers[0] > 0 and numbers == [numbers[0]] * 4 + [0], acknowledged
    assert acknowledged.endswith("of them never acknowledged: 0")
    recomputed = r"full recompute after the load: 0 results changed, [\d,]+ found right$"
    assert any(re.match(recomputed, line) for line in lines)
    assert lines[-1] == "lost writes: 0 — PASSED"
