"""Jobs live in the database and the shared cache, not in a process: found by token for their owner only,
moved forward only, failed with words when their work raises or the queue cannot be reached."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches

from proficio.jobs import progress, services
from proficio.jobs.models import Job
from proficio.jobs.runner import run_as_job
from tests.factories import make_user

pytestmark = pytest.mark.django_db


class UnreachableBroker:
    def delay(self, *args: Any) -> None:
        raise ConnectionRefusedError("redis://127.0.0.1:1")


def test_a_job_whose_queue_cannot_be_reached_fails_at_once_with_a_retry_message(
    settings: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    settings.PROFICIO_JOBS_INLINE = False
    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(UnreachableBroker(), kind="case", user=make_user("j.admin"))
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.error == services.QUEUE_UNREACHABLE


def test_a_job_is_found_for_its_owner_only() -> None:
    owner, other = make_user("j.owner"), make_user("j.other")
    job = services.create(kind="case", user=owner)
    assert services.find(job.token, owner) == job and services.find(job.token, other) is None
    assert len(job.token) == 32 and job.state == Job.State.QUEUED and not job.finished


def test_work_that_raises_fails_the_job_without_its_traceback_and_a_second_delivery_does_nothing() -> None:
    job = services.create(kind="case", user=make_user("j.admin"))
    runs: list[str] = []

    def work(job: Job, report: progress.ProgressCallback) -> None:
        runs.append(job.token)
        raise ValueError("secret detail")

    run_as_job(job.token, work, failure="It stopped ({error}).")
    run_as_job(job.token, work, failure="It stopped ({error}).")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.error == "It stopped (ValueError)." and job.finished_at
    assert runs == [job.token] and job.attempts == 1


def test_the_work_runs_as_the_jobs_owner_and_its_result_and_progress_are_kept() -> None:
    owner = make_user("j.owner")
    job = services.create(kind="case", user=owner)
    seen: list[object] = []

    def work(job: Job, report: progress.ProgressCallback) -> None:
        from proficio.audit.services import current_actor

        seen.append(current_actor())
        report("Reading", 3, 10)
        seen.append(progress.current(job.token))
        job.result["record_id"] = 7

    run_as_job(job.token, work, failure="failed")
    job.refresh_from_db()
    assert seen == [owner, progress.Progress("Reading", 3, 10)]
    assert job.state == Job.State.FINISHED and job.result == {"record_id": 7}
    assert progress.current(job.token) is None  # forgotten once it ended


def test_progress_goes_through_the_shared_jobs_cache_not_this_process() -> None:
    progress.reporter("t" * 32)("Archiving", 5, 9)
    assert caches["shared"].get(f"job-progress:{'t' * 32}") == {"stage": "Archiving", "done": 5, "total": 9}
    assert progress.current("t" * 32) == progress.Progress("Archiving", 5, 9)
    progress.forget("t" * 32)


def test_parts_counted_done_twice_count_once() -> None:
    job = services.create(kind="report batch", user=make_user("j.leader"), result={"parts": 2})
    services.part_done(job.token, 1)
    assert services.part_done(job.token, 1).result == {"parts": 2, "done": [1]}
    assert services.finish(job.token) and not services.finish(job.token)  # ended once, never again
    assert not services.fail(job.token, "late") and Job.objects.get(pk=job.pk).state == Job.State.FINISHED
