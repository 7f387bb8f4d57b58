"""Running a task's work as its job: as the user who started it, with its progress published, and with the job
always ended, whatever the work does.

A task calls ``run_as_job(token, work, failure=…)``. ``work(job, report)`` fills in ``job.result`` (and may set
``job.error`` for an outcome the user should read, such as an import the checks refused); an exception it does
not handle fails the job with ``failure`` (``{error}`` standing for the exception's class name), the full
traceback going to the log only. Work delivered again after its worker died runs again: it must be idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from proficio.audit.services import acting_as
from proficio.jobs import progress, services
from proficio.jobs.models import Job
from proficio.jobs.progress import ProgressCallback

log = logging.getLogger(__name__)

Work = Callable[[Job, ProgressCallback], None]


def run_as_job(token: str, work: Work, *, failure: str, ends_job: bool = True) -> None:
    """Run ``work`` as job ``token``. With ``ends_job`` false the work ends the job itself (a batch whose
    parts run as several tasks); it is still failed here if the work raises."""
    job = services.begin(token)
    if job is None:  # finished already (a late second delivery), or no such job
        return
    try:
        with acting_as(job.user):
            work(job, progress.reporter(token))
    except Exception as error:  # the status page must end, whatever went wrong
        log.exception("%s job %s failed", job.kind, token)
        services.fail(token, failure.format(error=type(error).__name__))
        progress.forget(token)
        return
    if ends_job:
        services.finish(token, result=job.result, error=job.error)
        progress.forget(token)
