"""Report batches issued by real ``proficio worker`` processes, for the worker-fault test and the scaling run.

Benchmarks are run as scripts, so they import this module as a sibling; run directly, it only says what it is.
This process sets Django up on the same settings as the workers (``worker_environment``), writes a demo
district, queues batches through ``reports.jobs.start`` (the leaders' page's call) and reads the outcome
from the database; the workers run as child processes in sessions of their own, so killing one (SIGKILL to
its process group: the worker and its pool process) touches nothing else.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from load import _django, production_environment  # a sibling module: benchmarks run as scripts

BIN = Path(sys.executable).parent
PASSWORD = "proficio-demo"


def worker_environment(*, database_url: str, broker_url: str, data_dir: Path, redeliver_seconds: int) -> dict[str, str]:
    """The workers' environment (and this process's): a deployment's (the load test's), with the queue and a
    short redelivery time."""
    return production_environment(database_url, str(data_dir)) | {
        "PROFICIO_BROKER_URL": broker_url,
        "PROFICIO_JOB_REDELIVER_SECONDS": str(redeliver_seconds),
    }


def setup_django(env: dict[str, str]) -> None:
    """Django in this process on the workers' settings, migrated (as the load test sets it up)."""
    _django(env)
    from django.conf import settings

    assert not settings.PROFICIO_JOBS_INLINE, "the batch must go to the workers, not run here"


@dataclass(frozen=True)
class School:
    school_id: int
    term_id: int
    leader_id: int
    student_ids: list[int]


def write_school(students: int, *, seed: int = 5) -> tuple[School, str]:
    """A demo district whose high school has at least ``students`` active students; (the school, a line)."""
    from django.db.models import Count

    from proficio.accounts.models import Membership, Role
    from proficio.demo.plan import build_plan
    from proficio.demo.writer import write_plan
    from proficio.roster.models import AcademicSession, Student
    from proficio.roster.models import School as SchoolModel

    started = time.perf_counter()
    write_plan(build_plan(seed=seed, students=round(students * 7 / 4) + 40, summative_per_course=4,
                          formative_per_course=2), PASSWORD)  # fmt: skip
    with_students = SchoolModel.objects.filter(highest_grade=12).annotate(n=Count("students"))
    school = with_students.order_by("-n", "pk").first()  # the district's own (the network's others have none)
    assert school is not None
    term = AcademicSession.objects.filter(district=school.district, kind=AcademicSession.Kind.SEMESTER).earliest(
        "start_date"
    )
    leader = Membership.objects.filter(role=Role.SCHOOL_LEADER, school=school).first()
    assert leader is not None
    ids = list(
        Student.objects.filter(school=school, is_active=True)
        .order_by("user__last_name", "user__first_name", "pk")
        .values_list("pk", flat=True)[:students]
    )
    assert len(ids) == students, f"the high school has only {len(ids)} students"
    line = f"demo district written in {time.perf_counter() - started:.0f} s; batch of {len(ids):,} students"
    return School(school.pk, term.pk, leader.user_id, ids), line


def start_batch(school: School, *, first: int | None = None) -> str:
    """Queue a report-card batch for the school's students (the first ``first`` of them); its job token."""
    from proficio.accounts.models import User
    from proficio.reports import jobs
    from proficio.roster.models import AcademicSession, Student
    from proficio.roster.models import School as SchoolModel

    ids = school.student_ids[:first] if first else school.student_ids
    students = list(Student.objects.filter(pk__in=ids).order_by("user__last_name", "user__first_name", "pk"))
    job = jobs.start(
        User.objects.get(pk=school.leader_id),
        SchoolModel.objects.get(pk=school.school_id),
        AcademicSession.objects.get(pk=school.term_id),
        "report_card",
        students=students,
    )
    return job.token


def wait_for_job(token: str, *, seconds: float, tick: Callable[[int], None] | None = None) -> Any:
    """The job once it has ended; raises TimeoutError past ``seconds``. ``tick(documents)`` is called as it runs."""
    from proficio.jobs.models import Job
    from proficio.reports.models import ReportBatch

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = Job.objects.get(token=token)
        if job.finished:
            return job
        if tick is not None:
            tick(ReportBatch.objects.get(token=token).documents.count())
        time.sleep(0.2)
    raise TimeoutError(f"the batch {token[:8]} did not end within {seconds:.0f} s")


def documents_of(token: str) -> int:
    from proficio.reports.models import ReportBatch

    return ReportBatch.objects.get(token=token).documents.count()


@dataclass(frozen=True)
class Census:
    """What a batch left in the archive and the audit trail."""

    expected: int
    documents: int
    students: int  # distinct students with a document of the batch
    audited: int  # "issued" audit events for the batch's documents

    @property
    def exactly_once(self) -> bool:
        return self.expected == self.documents == self.students == self.audited


def census(token: str) -> Census:
    from proficio.audit.models import AuditEvent
    from proficio.reports.models import ReportBatch

    batch = ReportBatch.objects.get(token=token)
    ids = set(batch.documents.values_list("pk", flat=True))
    audited = sum(1 for details in AuditEvent.objects.filter(student_id__in=batch.student_ids).values_list(
        "details", flat=True) if isinstance(details, dict) and details.get("report_id") in ids)  # fmt: skip
    students = batch.documents.values("student_id").distinct().count()
    return Census(len(batch.student_ids), len(ids), students, audited)


@contextmanager
def workers(count: int, env: dict[str, str], logs: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``count`` worker processes of one pool process each; all stopped when the block ends."""
    started: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(count):
            started.append(start_worker(env, logs, len(started) + 1))
        yield started
    finally:
        for process in started:
            kill_worker(process)


def start_worker(env: dict[str, str], logs: Path, number: int) -> subprocess.Popen[bytes]:
    logs.mkdir(parents=True, exist_ok=True)
    command = [str(BIN / "proficio"), "worker", "--concurrency", "1", "--loglevel", "INFO",
               "--hostname", f"worker{number}@%h"]  # fmt: skip
    with (logs / f"worker{number}.log").open("ab") as log:
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_until_ready(process: subprocess.Popen[bytes], logs: Path, number: int, seconds: float = 60) -> None:
    """Until the worker's log says it is ready to take tasks."""
    deadline = time.monotonic() + seconds
    log = logs / f"worker{number}.log"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"worker {number} exited: {log.read_text()[-2000:]}")
        if log.exists() and " ready." in log.read_text():
            return
        time.sleep(0.2)
    raise TimeoutError(f"worker {number} was not ready within {seconds:.0f} s")


def kill_worker(process: subprocess.Popen[bytes], sig: signal.Signals = signal.SIGKILL) -> None:
    """Signal the worker's whole process group (it and its pool process) and wait for it."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=30)


if __name__ == "__main__":
    print(__doc__.splitlines()[0])
