"""Batch issuing started from the web: a school's term of documents, issued by background workers in parts.

``start`` fixes the batch's students (``ReportBatch``), records its job and queues one task per part of
``PART_SIZE`` students (``reports.tasks``), so that several workers, on several machines, share one batch. The
page polls the job's progress; the job finishes when every part has, and fails (the parts not yet begun then
stop) when a part meets an unexpected error. Like every job, it is visible only to the user who started it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from proficio.accounts.models import User
from proficio.jobs import services as job_services
from proficio.jobs.models import Job
from proficio.reports.models import ReportBatch
from proficio.reports.services import school_students
from proficio.roster.models import AcademicSession, School, Student

KIND = "report batch"
PART_SIZE = 25  # students per task: small enough that two workers share a school evenly and a lost part is cheap


def parts(student_ids: list[int]) -> list[list[int]]:
    return [student_ids[start : start + PART_SIZE] for start in range(0, len(student_ids), PART_SIZE)]


def start(
    user: User, school: School, term: AcademicSession, kind: str, *, students: Sequence[Student] | None = None
) -> Job:
    """Queue ``kind`` for ``students`` (by default every active student of ``school``) for ``term``; the
    batch's job."""
    from proficio.reports.tasks import issue_part

    student_ids = [student.pk for student in (school_students(school) if students is None else students)]
    pieces = parts(student_ids)
    result = {"school_id": school.pk, "students": len(student_ids), "issued": 0, "parts": len(pieces), "done": []}
    with transaction.atomic():
        job = job_services.create(kind=KIND, user=user, result=result)
        ReportBatch.objects.create(
            token=job.token, school=school, term=term, kind=kind, requested_by=user, student_ids=student_ids
        )
    if not pieces:
        job_services.finish(job.token, result=result)
    for number, piece in enumerate(pieces):
        job_services.send(job, issue_part, number, piece)
    job.refresh_from_db()
    return job


def find(token: str, user: User) -> Job | None:
    """The batch's job, only for the user who started it."""
    job = job_services.find(token, user)
    return job if job is not None and job.kind == KIND else None
