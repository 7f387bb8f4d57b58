"""The fault tests stay runnable: each at its --smoke size end to end, on a PostgreSQL server of its own."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from tests.benchmark_runs import run_benchmark

needs_private_postgres = pytest.mark.skipif(
    not (shutil.which("initdb") and shutil.which("postgres")), reason="needs PostgreSQL's initdb and postgres"
)
needs_mounts = pytest.mark.skipif(os.geteuid() != 0, reason="mounts its read-only and full tmpfs folders as root")


@pytest.mark.benchmark_smoke  # once per CI run, as its own step (tests/parts.py)
@needs_private_postgres
def test_a_postgres_restart_under_load_answers_clean_503s_recovers_and_writes_nothing_partially() -> None:
    lines = run_benchmark("fault_postgres_restart.py", "--smoke")
    header = next(n for n, line in enumerate(lines) if line.startswith("request "))
    rows = {line[:16].strip(): [int(n.replace(",", "")) for n in line[16:].split()] for line in lines[header + 1 :]
            if line[:16].strip() in {"gradebook", "scoring page", "score save", "api sections"}}  # fmt: skip
    assert set(rows) == {"gradebook", "scoring page", "score save", "api sections"}
    for kind, (before_ok, before_503, _, _, after_ok, _, other) in rows.items():
        assert before_ok > 0 and after_ok > 0 and before_503 == 0 and other == 0, (kind, rows[kind])
    assert sum(row[3] for row in rows.values()) > 0  # the outage was met, and answered with 503s
    clean = next(line for line in lines if line.startswith("while PostgreSQL was down"))
    assert re.search(r"\(\d+ of them JSON from the API\), 0 other failures", clean) and " 0 clean" not in clean
    recovery = next(line for line in lines if line.startswith("recovery: "))
    assert float(re.findall(r"every request succeeding ([\d.]+) s after", recovery)[0]) <= 10
    assert recovery.endswith("— MET")
    assert any(re.match(r"acknowledged saves stored exactly once: ([\d,]+) of \1; with their one audit event: \1$",
                        line) for line in lines)  # fmt: skip
    assert any(line.endswith("stored though never acknowledged: 0; failed saves that left a row: 0") for line in lines)
    assert lines[-2:] == ["partial writes: 0 — none", "PostgreSQL restart under load: PASSED"]


@pytest.mark.benchmark_smoke
@needs_private_postgres
@needs_mounts
def test_exports_onto_a_read_only_or_full_disk_fail_in_one_clear_line_and_keep_the_last_good_file() -> None:
    lines = run_benchmark("fault_readonly_media.py", "--smoke")
    header = next(n for n, line in enumerate(lines) if line.startswith("case "))
    cases = lines[header + 1 : header + 7]
    assert len(cases) == 6 and not any("FAILED" in line for line in lines[header:])
    for case, reason in zip(cases, ["Read-only file system", "No space left on device"] * 2, strict=False):
        assert "exit 1" in case and reason in case and "Error: " in case, case
    assert sum("kept" in case for case in cases) == 2  # the last good backup and export, unchanged
    for case, named in zip(cases[4:], ["its storage is read-only", "its disk is full"], strict=True):
        assert "HTTP 503" in case and named in case, case
    assert lines[-1] == "read-only and full disks during exports: PASSED"
