"""Fault: a worker killed (SIGKILL) in the middle of a report batch. The batch must complete exactly once.

A PostgreSQL and a Redis of this run's own (``private_servers``) hold a demo district and the job queue. One
``proficio worker`` starts the batch; once part of it is archived, the worker and its pool process are killed
with SIGKILL, as the kernel's out-of-memory killer or a lost machine would. A second worker is started. The
task the dead worker held was never acknowledged (tasks are acknowledged late), so Redis delivers it again once
its visibility timeout has passed (set short here, ``--redeliver``), and the batch goes on. Checked afterwards:

- the job finished, without error;
- every student of the batch has exactly one document of it, each with its one audit event;
- no student was passed over, and no document was issued twice (the archive's one-per-student-per-batch
  constraint and the parts' skipping of students already issued).

    python benchmarks/fault_worker_killed.py            # 300 students, killed after the first 50 documents
    python benchmarks/fault_worker_killed.py --smoke    # 100 students: the CI step's size
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import batch_workers
from private_servers import private_postgres, private_redis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="the CI step's size")
    parser.add_argument("--redeliver", type=int, default=4, help="seconds before an unacknowledged task returns")
    args = parser.parse_args()
    students, kill_after = (100, 25) if args.smoke else (300, 50)
    with tempfile.TemporaryDirectory(prefix="proficio-fault-worker-") as folder, private_postgres() as pg, \
            private_redis() as redis:  # fmt: skip
        env = batch_workers.worker_environment(
            database_url=pg.create_database("faults"),
            broker_url=redis.url,
            data_dir=Path(folder) / "data",
            redeliver_seconds=args.redeliver,
        )
        batch_workers.setup_django(env)
        school, line = batch_workers.write_school(students)
        print(line)
        ok = run(school, env, Path(folder) / "logs", kill_after)
    print("worker killed during a batch: " + ("PASSED" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


def _unacknowledged(broker_url: str) -> int:
    """Tasks delivered but not acknowledged, as kombu's Redis transport keeps them (the ``unacked`` hash)."""
    import redis

    return int(redis.Redis.from_url(broker_url).hlen("unacked"))


def run(school: batch_workers.School, env: dict[str, str], logs: Path, kill_after: int) -> bool:
    from proficio.jobs.models import Job

    first = batch_workers.start_worker(env, logs, 1)
    second = None
    try:
        batch_workers.wait_until_ready(first, logs, 1)
        token = batch_workers.start_batch(school)
        started = time.monotonic()
        while batch_workers.documents_of(token) < kill_after:
            if time.monotonic() - started > 120:
                raise TimeoutError("the first worker archived too little in 120 s")
            time.sleep(0.05)
        batch_workers.kill_worker(first)
        at_kill = batch_workers.documents_of(token)
        unacknowledged = _unacknowledged(env["PROFICIO_BROKER_URL"])
        killed_at = time.monotonic() - started
        print(f"killed the worker (SIGKILL) {killed_at:.1f} s in, with {at_kill} of {len(school.student_ids)} "
              "documents archived")  # fmt: skip
        # A worker restores unacknowledged tasks when it starts and then only every 100 s (kombu's Redis
        # transport), so the second one starts once the dead one's task is past its visibility timeout, as a
        # supervisor restarting a crashed worker after a few seconds would.
        time.sleep(int(env["PROFICIO_JOB_REDELIVER_SECONDS"]) + 1)
        second = batch_workers.start_worker(env, logs, 2)
        batch_workers.wait_until_ready(second, logs, 2)
        job = batch_workers.wait_for_job(token, seconds=180)
        elapsed = time.monotonic() - started
        found = batch_workers.census(token)
        attempts = Job.objects.get(token=token).attempts
    finally:
        batch_workers.kill_worker(first)
        if second is not None:
            batch_workers.kill_worker(second)
    print(f"the batch ended {elapsed:.1f} s after it started ({elapsed - killed_at:.1f} s after the kill): "
          f"{job.get_state_display().lower()}{', ' + job.error if job.error else ''}; {job.result['parts']} parts, "
          f"{attempts} task runs begun")  # fmt: skip
    print(f"{'':24}{'expected':>10}{'found':>8}")
    print(f"{'documents':24}{found.expected:>10,}{found.documents:>8,}")
    print(f"{'students with one':24}{found.expected:>10,}{found.students:>8,}")
    print(f"{'audit events':24}{found.expected:>10,}{found.audited:>8,}")
    print(f"tasks the killed worker held unacknowledged: {unacknowledged}")
    checks = {
        "the killed worker held a task, unacknowledged, that was delivered again": unacknowledged >= 1,
        "the job finished without error": job.state == Job.State.FINISHED and not job.error,
        "every student has exactly one document, audited once": found.exactly_once,
        "the batch was still running when the worker was killed": at_kill < found.expected,
    }
    for name, passed in checks.items():
        print(f"check: {name}: {'yes' if passed else 'NO'}")
    return all(checks.values())


if __name__ == "__main__":
    main()
