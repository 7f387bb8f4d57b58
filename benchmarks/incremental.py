"""Recording one score through the service, results kept in step in the same transaction: p95 latency.

A demo-sized district (1,000 students; ``--quick``: 150) is generated in a fresh database — an SQLite file
and a throwaway PostgreSQL database (``proficio_bench_incremental_<pid>``, dropped after the run) — then
1,000 scores are recorded one by one through ``record_score``, each recomputing that student's indicator,
standard and graduation status. The baseline, in the same run, is the same recording with the recompute
switched off: the ratio is what keeping results in step costs. A further untimed pass of each kind counts
the queries one recording issues. Target: p95 ≤ 15 ms on PostgreSQL.

    python benchmarks/incremental.py                     # SQLite and PostgreSQL
    python benchmarks/incremental.py --backend sqlite --quick
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = os.environ.get("PROFICIO_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = f"proficio_bench_incremental_{os.getpid()}"
TARGET_P95_MS = 15.0
COUNTED = 50  # recordings per untimed pass that counts queries


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def worker(students: int, recordings: int) -> dict[str, float]:
    """Runs inside a child process whose environment selects the database."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proficio.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models.signals import post_save
    from django.test.utils import CaptureQueriesContext

    from proficio.demo.plan import build_plan
    from proficio.demo.writer import write_plan
    from proficio.evidence.models import Assessment, Score
    from proficio.evidence.services import record_score
    from proficio.proficiency import signals
    from proficio.proficiency.models import IndicatorResult
    from proficio.roster.models import Enrollment, Section

    call_command("migrate", verbosity=0, interactive=False)
    write_plan(build_plan(seed=3, students=students), "bench-password")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics after the bulk load, as autovacuum would do soon

    rng = random.Random(1)
    needed = 20 + 2 * (recordings + COUNTED)
    slots: list[tuple[object, object, object, object]] = []
    sections = list(Section.objects.filter(assessments__kind="summative").distinct().order_by("pk"))
    rng.shuffle(sections)
    for section in sections:
        teacher = Enrollment.objects.filter(section=section, role="teacher").select_related("user").first()
        learners = [e.user.student_profile for e in section.enrollments.filter(role="student").select_related("user")]
        template = section.assessments.filter(kind="summative").first()
        if teacher is None or not learners or template is None:
            continue
        indicators = list(template.indicators.all())
        for round_ in range(2):
            assessment = Assessment.objects.create(
                section=section, title=f"Benchmark task {round_}", kind="summative", assessed_on=date(2026, 6, 8)
            )
            assessment.indicators.set(indicators)
            for student in learners:
                for indicator in indicators:
                    slots.append((student, indicator, assessment, teacher.user))
        if len(slots) >= needed:
            break
    rng.shuffle(slots)
    assert len(slots) >= needed, "the district is too small for this many recordings"

    def record(slot: tuple[object, object, object, object]) -> float:
        student, indicator, assessment, scorer = slot
        start = time.perf_counter()
        record_score(
            student=student, indicator=indicator, value=rng.choice([1, 2, 3, 4]), scorer=scorer, assessment=assessment
        )
        return (time.perf_counter() - start) * 1000

    def queries_per_recording(batch: list[tuple[object, object, object, object]]) -> float:
        with CaptureQueriesContext(connection) as captured:
            for slot in batch:
                record(slot)
        # BEGIN and COMMIT are not statements the code chose to send
        return sum(q["sql"] not in ("BEGIN", "COMMIT") for q in captured.captured_queries) / len(batch)

    for slot in slots[:20]:  # warm-up: connections, caches
        record(slot)
    with_results = [record(slot) for slot in slots[20 : 20 + recordings]]
    queries = queries_per_recording(slots[20 + recordings : 20 + recordings + COUNTED])
    results_before = IndicatorResult.objects.count()
    post_save.disconnect(signals.score_recorded, sender=Score, dispatch_uid="proficiency-score-recorded")
    rest = slots[20 + recordings + COUNTED :]
    bare = [record(slot) for slot in rest[:recordings]]
    bare_queries = queries_per_recording(rest[recordings : recordings + COUNTED])
    assert IndicatorResult.objects.count() == results_before  # the baseline really skipped the recompute
    return {
        "p50": statistics.median(with_results),
        "p95": _percentile(with_results, 0.95),
        "bare_p50": statistics.median(bare),
        "bare_p95": _percentile(bare, 0.95),
        "queries": queries,
        "bare_queries": bare_queries,
        "scores": float(Score.objects.count()),
    }


def _admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def run(backend: str, students: int, recordings: int) -> dict[str, float]:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="proficio-bench-") as data_dir:
        env["PROFICIO_DATA_DIR"] = data_dir
        env.pop("DATABASE_URL", None)
        if backend == "postgres":
            _admin(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            _admin(f"CREATE DATABASE {PG_DATABASE}")
            env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
        code = (
            "import json, sys; sys.path.insert(0, 'benchmarks'); import incremental; "
            f"print(json.dumps(incremental.worker({students}, {recordings})))"
        )
        try:
            done = subprocess.run(
                [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
            )
        finally:
            if backend == "postgres":
                _admin(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        if done.returncode != 0:
            raise SystemExit(f"{backend} run failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="150 students, 200 recordings")
    args = parser.parse_args()
    students, recordings = (150, 200) if args.quick else (1000, 1000)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        figures = run(backend, students, recordings)
        target = f"target p95 ≤ {TARGET_P95_MS:.0f} ms on PostgreSQL"
        if backend == "postgres":
            target += ": met" if figures["p95"] <= TARGET_P95_MS else ": NOT met"
        print(
            f"{backend}: recording one score with results kept in step: p95 {figures['p95']:.1f} ms "
            f"(p50 {figures['p50']:.1f} ms) over {recordings:,} recordings in a district of {students:,} students "
            f"and {int(figures['scores']):,} scores, {figures['queries']:.1f} queries per recording; "
            f"without the recompute p95 {figures['bare_p95']:.1f} ms (p50 {figures['bare_p50']:.1f} ms), "
            f"{figures['bare_queries']:.1f} queries; recompute overhead: {figures['p95'] / figures['bare_p95']:.2f}x "
            f"at p95; {target}"
        )


if __name__ == "__main__":
    main()
