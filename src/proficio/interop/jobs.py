"""Imports started from the web run as background jobs (``proficio.jobs``), so a large file does not hold a
request open.

The browser is sent to a status page that polls the job by its token; once the importer has finished its
ImportRecord (committed, dry run or refused), the job points at it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from proficio import jobs
from proficio.interop.problems import ImportRefused
from proficio.interop.records import latest_record, name_source
from proficio.jobs.progress import ProgressCallback

ImportCall = Callable[[ProgressCallback], object]
"""Runs an import with a progress callback and returns its outcome (which has a ``record``)."""


@dataclass(kw_only=True)
class Job(jobs.Job):
    kind: str
    source_name: str = ""
    record_id: int | None = None


_registry: jobs.Registry[Job] = jobs.Registry(
    "import", "The import stopped unexpectedly ({error}); nothing was imported."
)


def start(kind: str, user_id: int, call: ImportCall, source_name: str = "", *, token: str = "") -> Job:
    """Run ``call`` as a job; ``source_name`` (the uploaded file's own name) replaces the stored file's path
    in the import record, which should name what the user sent, not where the server kept it. ``token``, when
    given, is the job's (a stored dry run's, so that its pages and "Import it" find it from any process)."""
    job = Job(kind=kind, user_id=user_id, source_name=source_name)
    job.token = token or job.token
    return _registry.start(job, _importing(call))


def get(token: str, user_id: int) -> Job | None:
    """The job, only for the user who started it."""
    return _registry.get(token, user_id)


def _run(job: Job, call: ImportCall) -> None:
    """Run ``call`` as ``job`` in this thread (what ``start`` does when imports run inline)."""
    _registry.run(job, _importing(call))


def _importing(call: ImportCall) -> jobs.Work[Job]:
    def work(job: Job, report: ProgressCallback) -> None:
        try:
            outcome = call(report)
            job.record_id = getattr(getattr(outcome, "record", None), "pk", None)
        except ImportRefused as refused:
            job.error = str(refused)
        finally:
            if job.record_id is None:  # refused: the importer finished its record before raising
                record = latest_record(job.user_id, job.kind, since=job.started)
                job.record_id = record.pk if record is not None else None
            if job.record_id is not None and job.source_name:
                name_source(job.record_id, job.source_name)

    return work
