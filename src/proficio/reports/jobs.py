"""Batch issuing started from the web runs as a background job (``proficio.jobs``); the page polls its progress.

Like every job, it is visible only to the user who started it and runs inline when ``PROFICIO_IMPORTS_INLINE``
is set (tests).
"""

from __future__ import annotations

from dataclasses import dataclass

from proficio import jobs
from proficio.accounts.models import User
from proficio.jobs.progress import ProgressCallback
from proficio.reports.services import issue_batch
from proficio.roster.models import AcademicSession, School


@dataclass(kw_only=True)
class Job(jobs.Job):
    school_id: int
    term_id: int
    kind: str
    issued: int = 0


_registry: jobs.Registry[Job] = jobs.Registry(
    "reports", "Issuing stopped unexpectedly ({error}); documents issued so far are kept."
)


def start(user: User, school: School, term: AcademicSession, kind: str) -> Job:
    return _registry.start(Job(user_id=user.pk, school_id=school.pk, term_id=term.pk, kind=kind), _issue)


def get(token: str, user_id: int) -> Job | None:
    """The job, only for the user who started it."""
    return _registry.get(token, user_id)


def _issue(job: Job, report: ProgressCallback) -> None:
    outcome = issue_batch(
        School.objects.get(pk=job.school_id),
        AcademicSession.objects.get(pk=job.term_id),
        user=User.objects.get(pk=job.user_id),
        kind=job.kind,
        progress=report,
    )
    job.issued = outcome.issued
