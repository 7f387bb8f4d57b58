"""Imports started from the web run in a background thread, so a large file does not hold a request open.

The browser is sent to a status page that polls the job by its token; once the importer has finished its
ImportRecord (committed, dry run or refused), the job points at it. Jobs live in this process's memory: the
development server and a single WSGI worker are enough for a district's occasional imports. Tests (and any
deployment that wants it) set ``PROFICIO_IMPORTS_INLINE = True`` to run them in the request instead.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from proficio.accounts.models import User
from proficio.audit.services import acting_as
from proficio.interop import progress
from proficio.interop.problems import ImportRefused
from proficio.interop.records import latest_record, name_source

log = logging.getLogger(__name__)

ImportCall = Callable[[progress.ProgressCallback], object]
"""Runs an import with a progress callback and returns its outcome (which has a ``record``)."""


@dataclass
class Job:
    token: str
    kind: str
    user_id: int
    source_name: str = ""
    started: datetime = field(default_factory=timezone.now)
    record_id: int | None = None
    finished: bool = False
    error: str = ""


_lock = threading.Lock()
_jobs: dict[str, Job] = {}


def start(kind: str, user_id: int, call: ImportCall, source_name: str = "") -> Job:
    """Run ``call`` as a job; ``source_name`` (the uploaded file's own name) replaces the stored file's path
    in the import record, which should name what the user sent, not where the server kept it."""
    job = Job(token=uuid.uuid4().hex, kind=kind, user_id=user_id, source_name=source_name)
    with _lock:
        _jobs[job.token] = job
    if getattr(settings, "PROFICIO_IMPORTS_INLINE", False):
        _run(job, call)
    else:
        threading.Thread(target=_run, args=(job, call), name=f"import-{job.token[:8]}", daemon=True).start()
    return job


def get(token: str, user_id: int) -> Job | None:
    """The job, only for the user who started it."""
    with _lock:
        job = _jobs.get(token)
    return job if job is not None and job.user_id == user_id else None


def _run(job: Job, call: ImportCall) -> None:
    try:
        with acting_as(User.objects.filter(pk=job.user_id).first()):
            outcome = call(progress.reporter(job.token))
        job.record_id = getattr(getattr(outcome, "record", None), "pk", None)
    except ImportRefused as refused:
        job.error = str(refused)
    except Exception as error:  # the status page must end, whatever went wrong
        log.exception("Import %s failed", job.token)
        job.error = f"The import stopped unexpectedly ({type(error).__name__}); nothing was imported."
    finally:
        if job.record_id is None:  # refused: the importer finished its record before raising
            record = latest_record(job.user_id, job.kind, since=job.started)
            job.record_id = record.pk if record is not None else None
        if job.record_id is not None and job.source_name:
            name_source(job.record_id, job.source_name)
        job.finished = True
        progress.forget(job.token)
        if not getattr(settings, "PROFICIO_IMPORTS_INLINE", False):
            close_old_connections()
