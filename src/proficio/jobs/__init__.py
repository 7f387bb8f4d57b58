"""Background jobs started from the web: the work runs in a thread of its own, so a large import or a school's
report cards do not hold a request open, and the browser is sent to a page that polls the job by its token.

Each app keeps one ``Registry`` of its own ``Job`` subclass (the fields the app shows of its result) and hands
it the work to run. The registry runs it as the user who started it (``audit.services.acting_as``: what it
changes is theirs, not "system"'s), publishes its progress on the board (``jobs.progress``), turns an
unexpected exception into a message the page can show and always marks the job finished, so the page stops
polling. A job is visible only to its owner.

Jobs live in this process's memory: the development server and a single WSGI worker are enough for a
district's occasional imports and batches. Tests (and any deployment that wants it) set
``PROFICIO_IMPORTS_INLINE = True`` to run jobs in the request instead. ``jobs.views.render_job`` renders a
job's page and the status fragment that htmx polls.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from proficio.accounts.models import User
from proficio.audit.services import acting_as
from proficio.jobs import progress

log = logging.getLogger(__name__)


def _new_token() -> str:
    return uuid.uuid4().hex


@dataclass(kw_only=True)
class Job:
    """What every job's page shows; an app's subclass adds the fields of its result."""

    user_id: int
    token: str = field(default_factory=_new_token)
    started: datetime = field(default_factory=timezone.now)
    finished: bool = False
    error: str = ""


JobT = TypeVar("JobT", bound=Job)

Work = Callable[[JobT, progress.ProgressCallback], None]
"""The app's work: called with its job (to fill in the result's fields) and a progress callback."""


def _inline() -> bool:
    return bool(getattr(settings, "PROFICIO_IMPORTS_INLINE", False))


class Registry(Generic[JobT]):
    """One app's jobs, by token. ``name`` names the worker threads and the log lines; ``failure`` is what the
    page says when the work raises unexpectedly, ``{error}`` standing for the exception's class name."""

    def __init__(self, name: str, failure: str) -> None:
        self.name = name
        self.failure = failure
        self._lock = threading.Lock()
        self._jobs: dict[str, JobT] = {}

    def start(self, job: JobT, work: Work[JobT]) -> JobT:
        """Run ``work`` as ``job``: in a thread, or before returning when jobs run inline."""
        with self._lock:
            self._jobs[job.token] = job
        if _inline():
            self.run(job, work)
        else:
            name = f"{self.name}-{job.token[:8]}"
            threading.Thread(target=self.run, args=(job, work), name=name, daemon=True).start()
        return job

    def get(self, token: str, user_id: int) -> JobT | None:
        """The job, only for the user who started it."""
        with self._lock:
            job = self._jobs.get(token)
        return job if job is not None and job.user_id == user_id else None

    def run(self, job: JobT, work: Work[JobT]) -> None:
        """Run ``work`` as ``job`` in this thread, as the job's owner; the job ends finished, whatever happens."""
        try:
            with acting_as(User.objects.filter(pk=job.user_id).first()):
                work(job, progress.reporter(job.token))
        except Exception as error:  # the status page must end, whatever went wrong
            log.exception("%s job %s failed", self.name, job.token)
            job.error = self.failure.format(error=type(error).__name__)
        finally:
            job.finished = True
            progress.forget(job.token)
            if not _inline():
                close_old_connections()
