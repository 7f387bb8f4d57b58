"""Imports started from the web run as background jobs (``proficio.jobs``), so a large file does not hold a
request open: the check of an upload (a dry run) and, after "Import it", the import itself.

Both jobs are keyed by the stored dry run's tokens (``interop.dry_runs``): the check's job token is the dry
run's ``token``, the import's its ``commit_token``. The task (``interop.tasks``) reads the bytes from the stored
dry run, so any worker on any machine can run it. The browser is sent to a status page that polls the job;
once the importer has finished its ImportRecord (committed, dry run or refused), the job's result points at it.
"""

from __future__ import annotations

from proficio.accounts.models import User
from proficio.interop import dry_runs
from proficio.interop.models import StoredDryRun
from proficio.jobs import services
from proficio.jobs.models import Job

STALLED = "It stopped before it finished; nothing was imported. Upload the file again."


def start_check(dry_run: StoredDryRun, user: User) -> Job:
    """Queue the check (a dry run) of an upload just stored."""
    return _start(dry_run, user, dry_run.token)


def start_import(dry_run: StoredDryRun, user: User) -> Job:
    """Queue the real import of a dry run just claimed (``dry_runs.claim``)."""
    return _start(dry_run, user, dry_run.commit_token)


def _start(dry_run: StoredDryRun, user: User, token: str) -> Job:
    from proficio.interop.tasks import run_import

    result = {"source_name": dry_run.source_name, "record_id": None}
    return services.enqueue(run_import, kind=dry_run.kind, user=user, token=token, result=result)


def find(token: str, user: User) -> Job | None:
    """The user's import job; one that never ended within the dry run's lifetime (its worker was lost on the
    embedded queue, which cannot deliver a task again) is failed, so its page stops waiting."""
    job = services.find(token, user)
    if job is None or job.finished:
        return job
    dry_run = dry_runs.find(token=token, user=user)
    if dry_run is not None and dry_runs.is_expired(dry_run):
        services.fail(token, STALLED)
        job.refresh_from_db()
    return job
