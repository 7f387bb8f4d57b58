"""Scaling the batch engine: two worker processes issue a school's report cards ≥ 1.7× faster than one.

A demo district with a 2,000-student high school is written to a throwaway PostgreSQL database, with a Redis
of this run's own as the queue (``private_servers``). The same batch (every student's report card for a
semester, through ``reports.jobs.start``, the leaders' page's call) is issued by one ``proficio worker`` of one
process, then by two. Each configuration first issues a small warm-up batch, so both are timed warm. The time is
from queueing to the job's end, read from the database as a web page would. Each worker process renders,
archives and audits its parts on its own (no rendering pool inside a task), so the parts spread over the
workers, on one machine here or over several in a deployment.

    python benchmarks/report_batch_scaling.py            # 2,000 students: target ≥ 1.7×
    python benchmarks/report_batch_scaling.py --smoke    # 100 students, not judged (the CI step)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import batch_workers
from private_servers import private_redis
from scratch_database import drop_database, fresh_database

DATABASE = "proficio_bench_batch_scaling"
TARGET = 1.7
WARM_UP = 50  # students in each configuration's warm-up batch


def timed_batch(school: batch_workers.School, env: dict[str, str], logs: Path, count: int) -> float:
    """Seconds for ``count`` single-process workers to issue the school's batch (after a warm-up batch)."""
    with batch_workers.workers(count, env, logs / f"{count}-workers") as started:
        for number, process in enumerate(started, start=1):
            batch_workers.wait_until_ready(process, logs / f"{count}-workers", number)
        batch_workers.wait_for_job(batch_workers.start_batch(school, first=WARM_UP), seconds=300)
        began = time.perf_counter()
        token = batch_workers.start_batch(school)
        job = batch_workers.wait_for_job(token, seconds=1800)
        seconds = time.perf_counter() - began
        found = batch_workers.census(token)
    if job.error or not found.exactly_once:
        raise SystemExit(f"the batch with {count} worker(s) went wrong: {job.error or found}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="100 students, not judged")
    parser.add_argument("--students", type=int, default=2000)
    args = parser.parse_args()
    students = 100 if args.smoke else args.students
    url = fresh_database(DATABASE)
    try:
        with tempfile.TemporaryDirectory(prefix="proficio-batch-scaling-") as folder, private_redis() as redis:
            env = batch_workers.worker_environment(
                database_url=url, broker_url=redis.url, data_dir=Path(folder) / "data", redeliver_seconds=3600
            )
            batch_workers.setup_django(env)
            school, line = batch_workers.write_school(students)
            print(line)
            one = timed_batch(school, env, Path(folder), 1)
            two = timed_batch(school, env, Path(folder), 2)
    finally:
        drop_database(DATABASE, force=True)
    speedup = one / two
    print(f"{'workers':>8}{'seconds':>10}{'documents/s':>13}")
    for count, seconds in ((1, one), (2, two)):
        print(f"{count:>8}{seconds:>10.1f}{students / seconds:>13.1f}")
    verdict = "not judged (smoke size)" if args.smoke else ("MET" if speedup >= TARGET else "NOT MET")
    print(f"two workers: {speedup:.2f}× one worker's rate, target ≥ {TARGET}×: {verdict}")


if __name__ == "__main__":
    main()
