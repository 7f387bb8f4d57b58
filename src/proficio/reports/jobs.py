"""Batch issuing started from the web runs in a background thread; the page polls its progress.

The same pattern as ``interop.jobs`` (and its progress board, ``interop.progress``): jobs live in this
process's memory, are visible only to the user who started them, and run inline when
``PROFICIO_IMPORTS_INLINE`` is set (tests).
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from proficio.accounts.models import User
from proficio.audit.services import acting_as
from proficio.interop import progress
from proficio.reports.services import issue_batch
from proficio.roster.models import AcademicSession, School

log = logging.getLogger(__name__)


@dataclass
class Job:
    token: str
    user_id: int
    school_id: int
    term_id: int
    kind: str
    started: datetime = field(default_factory=timezone.now)
    finished: bool = False
    issued: int = 0
    error: str = ""


_lock = threading.Lock()
_jobs: dict[str, Job] = {}


def start(user: User, school: School, term: AcademicSession, kind: str) -> Job:
    job = Job(token=uuid.uuid4().hex, user_id=user.pk, school_id=school.pk, term_id=term.pk, kind=kind)
    with _lock:
        _jobs[job.token] = job
    if getattr(settings, "PROFICIO_IMPORTS_INLINE", False):
        _run(job)
    else:
        threading.Thread(target=_run, args=(job,), name=f"reports-{job.token[:8]}", daemon=True).start()
    return job


def get(token: str, user_id: int) -> Job | None:
    """The job, only for the user who started it."""
    with _lock:
        job = _jobs.get(token)
    return job if job is not None and job.user_id == user_id else None


def _run(job: Job) -> None:
    try:
        user = User.objects.get(pk=job.user_id)
        with acting_as(user):
            outcome = issue_batch(
                School.objects.get(pk=job.school_id),
                AcademicSession.objects.get(pk=job.term_id),
                user=user,
                kind=job.kind,
                progress=progress.reporter(job.token),
            )
        job.issued = outcome.issued
    except Exception as error:  # the status page must end, whatever went wrong
        log.exception("Report batch %s failed", job.token)
        job.error = f"Issuing stopped unexpectedly ({type(error).__name__}); documents issued so far are kept."
    finally:
        job.finished = True
        progress.forget(job.token)
        if not getattr(settings, "PROFICIO_IMPORTS_INLINE", False):
            close_old_connections()
