"""Starting a job and moving it through its states: queued → running → finished or failed, never back.

``enqueue`` records the job and sends its task once the job's row is committed (a worker on another machine
must find it). When the broker cannot be reached the job fails at once with a message saying so, rather than
waiting for ever. With ``PROFICIO_JOBS_INLINE`` (tests) the task runs before ``enqueue`` returns.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from proficio.accounts.models import User
from proficio.jobs.models import Job

log = logging.getLogger(__name__)

QUEUE_UNREACHABLE = "The job queue could not be reached, so nothing was started. Try again in a minute."


class Task(Protocol):
    def delay(self, *args: Any) -> object: ...


def new_token() -> str:
    return uuid.uuid4().hex


def inline() -> bool:
    return bool(getattr(settings, "PROFICIO_JOBS_INLINE", False))


def create(*, kind: str, user: User, token: str = "", result: dict[str, Any] | None = None) -> Job:
    return Job.objects.create(token=token or new_token(), kind=kind, user=user, result=result or {})


def send(job: Job, task: Task, *args: Any) -> None:
    """Send ``task(job.token, *args)`` once the current transaction (if any) commits."""

    def deliver() -> None:
        try:
            task.delay(job.token, *args)
        except Exception:  # kombu's errors for an unreachable broker have no common base worth naming
            if inline():
                raise
            log.exception("could not queue %s job %s", job.kind, job.token)
            fail(job.token, QUEUE_UNREACHABLE)

    if inline():
        deliver()
    else:
        transaction.on_commit(deliver)


def enqueue(task: Task, *, kind: str, user: User, token: str = "", result: dict[str, Any] | None = None) -> Job:
    """Record a job and queue ``task(token)`` for it; the job as it stands afterwards."""
    job = create(kind=kind, user=user, token=token, result=result)
    send(job, task)
    job.refresh_from_db()
    return job


def find(token: str, user: User) -> Job | None:
    """The job, only for the user who started it."""
    return Job.objects.filter(token=token, user=user).first()


def begin(token: str) -> Job | None:
    """Mark the job running (once more, after a lost worker); None when it has ended or does not exist."""
    now = timezone.now()
    started = Job.objects.filter(token=token, state__in=[Job.State.QUEUED, Job.State.RUNNING]).update(
        state=Job.State.RUNNING, attempts=F("attempts") + 1, started_at=Coalesce(F("started_at"), now)
    )
    return Job.objects.select_related("user").get(token=token) if started else None


def finish(token: str, *, result: dict[str, Any] | None = None, error: str = "") -> bool:
    """End the job as finished; False if it had ended already (another task of the same batch ended it)."""
    changes: dict[str, Any] = {"state": Job.State.FINISHED, "finished_at": timezone.now(), "error": error}
    if result is not None:
        changes["result"] = result
    return bool(Job.objects.filter(token=token).exclude(state__in=_ENDED).update(**changes))


def fail(token: str, error: str) -> bool:
    """End the job as failed with ``error``, in words for the person who started it."""
    changes = {"state": Job.State.FAILED, "finished_at": timezone.now(), "error": error}
    return bool(Job.objects.filter(token=token).exclude(state__in=_ENDED).update(**changes))


def part_done(token: str, part: int, **fields: Any) -> Job:
    """Count part ``part`` of a job run as several tasks done (once, however often it was delivered), with
    ``fields`` merged into its result; the job as it now stands."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(token=token)
        done = sorted(set(job.result.get("done", [])) | {part})
        job.result = {**job.result, **fields, "done": done}
        job.save(update_fields=["result"])
    return job


_ENDED = [Job.State.FINISHED, Job.State.FAILED]
