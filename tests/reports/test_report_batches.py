"""A school's batch runs as parts on background workers: each student gets one document of the batch, however
often a part is delivered, and the job ends once every part has (tests run the tasks in the request)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from proficio.accounts.models import Membership, Role, User
from proficio.audit.models import AuditEvent
from proficio.jobs.models import Job
from proficio.reports import jobs, tasks
from proficio.reports.models import IssuedReport, ReportBatch, ReportKind
from proficio.roster.models import AcademicSession, Enrollment, Student
from tests.factories import World, make_user, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    world = make_world("b")
    for number in (2, 3):
        user = make_user(f"b.student{number}", first_name=f"Student {number}", last_name="Batch")
        Student.objects.create(user=user, school=world.school, student_number=f"b-{number}", grade=9)
        Enrollment.objects.create(section=world.section, user=user, role=Enrollment.Role.STUDENT)
    return world


def _leader(w: World) -> User:
    user = make_user("b.leader")
    Membership.objects.create(user=user, role=Role.SCHOOL_LEADER, school=w.school)
    return user


def _documents(batch: ReportBatch) -> list[int]:
    return sorted(batch.documents.values_list("student_id", flat=True))


def test_a_batch_in_parts_issues_one_document_per_student_and_ends_its_job_once(
    w: World, term: AcademicSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "PART_SIZE", 2)  # three students: two parts
    job = jobs.start(_leader(w), w.school, term, ReportKind.REPORT_CARD)
    batch = ReportBatch.objects.get(token=job.token)
    assert job.state == Job.State.FINISHED and not job.error
    assert job.result["parts"] == 2 and job.result["done"] == [0, 1] and job.result["issued"] == 3
    assert _documents(batch) == sorted(Student.objects.filter(school=w.school).values_list("pk", flat=True))
    assert job.attempts == 2  # one run per part


def test_a_part_delivered_again_issues_nothing_more(
    w: World, term: AcademicSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "PART_SIZE", 2)
    job = jobs.start(_leader(w), w.school, term, ReportKind.REPORT_CARD)
    batch = ReportBatch.objects.get(token=job.token)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)  # as if its worker died before the end
    tasks.issue_part(job.token, 0, batch.student_ids[:2])
    assert IssuedReport.objects.filter(batch=batch).count() == 3
    assert AuditEvent.objects.filter(student__in=batch.student_ids, details__batch=True).count() == 3
    job.refresh_from_db()
    assert job.state == Job.State.FINISHED and job.result["done"] == [0, 1]


def test_the_archive_refuses_a_second_document_of_a_student_in_one_batch(w: World, term: AcademicSession) -> None:
    job = jobs.start(_leader(w), w.school, term, ReportKind.REPORT_CARD)
    batch = ReportBatch.objects.get(token=job.token)
    first = batch.documents.get(student=w.student)
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedReport.objects.create(
            kind=first.kind, student=w.student, term=term, version=first.version + 1, pdf=b"%PDF", batch=batch
        )


def test_a_part_that_fails_fails_the_job_with_words_and_the_next_parts_stop(
    w: World, term: AcademicSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "PART_SIZE", 1)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("typesetter crashed")

    monkeypatch.setattr(tasks, "issue_batch", broken)
    job = jobs.start(_leader(w), w.school, term, ReportKind.REPORT_CARD)
    assert job.state == Job.State.FAILED and job.attempts == 1  # parts 2 and 3 found it ended and did nothing
    assert job.error == "Issuing stopped unexpectedly (RuntimeError); documents issued so far are kept."
    assert "typesetter" not in job.error  # the exception's text stays in the log


def test_a_batch_of_a_school_without_students_ends_at_once(w: World, term: AcademicSession) -> None:
    job = jobs.start(_leader(w), w.school, term, ReportKind.REPORT_CARD, students=[])
    assert job.state == Job.State.FINISHED and job.result["issued"] == 0 and job.result["parts"] == 0
