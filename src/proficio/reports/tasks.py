"""The report-batch task a worker runs: one part of a batch's students, rendered, archived and audited.

Idempotent, as a task delivered again after its worker died must be: students who already have a document of
this batch are skipped, and the archive's unique constraint (one document per student per batch) refuses a
second one issued by a copy of the part running at the same moment. A part archives in one transaction, so a
worker killed mid-part leaves none of it behind. The part that completes the batch finishes its job.
"""

from __future__ import annotations

from functools import partial

from proficio.jobs import progress
from proficio.jobs import services as job_services
from proficio.jobs.models import Job
from proficio.jobs.progress import ProgressCallback
from proficio.jobs.queue import app
from proficio.jobs.runner import run_as_job
from proficio.reports.models import ReportBatch
from proficio.reports.services import issue_batch
from proficio.roster.models import Student

FAILURE = "Issuing stopped unexpectedly ({error}); documents issued so far are kept."
STAGE = "Rendering and archiving"


@app.task(name="proficio.reports.issue_part", acks_late=True)
def issue_part(token: str, number: int, student_ids: list[int]) -> None:
    """Issue the batch ``token``'s part ``number``: the documents of ``student_ids``."""
    run_as_job(token, partial(_issue_part, number, student_ids), failure=FAILURE, ends_job=False)


def _issue_part(number: int, student_ids: list[int], job: Job, report: ProgressCallback) -> None:
    batch = ReportBatch.objects.select_related("school__district", "term", "requested_by").get(token=job.token)
    total = len(batch.student_ids)
    issued_already = set(batch.documents.filter(student_id__in=student_ids).values_list("student_id", flat=True))
    waiting = Student.objects.select_related("user", "school__district").in_bulk(
        [pk for pk in student_ids if pk not in issued_already]
    )
    students = [waiting[pk] for pk in student_ids if pk in waiting]  # a student deleted since is passed over
    if students:
        issue_batch(
            batch.school,
            batch.term,
            user=batch.requested_by,
            kind=batch.kind,
            students=students,
            workers=1,
            batch=batch,
        )
    report(STAGE, batch.documents.count(), total)
    job = job_services.part_done(job.token, number)
    if len(job.result["done"]) >= job.result["parts"]:  # every part has committed: the count is final
        job_services.finish(job.token, result={**job.result, "issued": batch.documents.count()})
        progress.forget(job.token)
