"""Issuing reports: render, archive (version n + 1) and audit — for one student or a whole school's term."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from proficio.accounts.models import User
from proficio.audit.services import record_export
from proficio.reports import documents
from proficio.reports.models import IssuedReport, ReportBatch, ReportKind, TermComment
from proficio.reports.render import BATCH_SIZE, render_batches, render_one
from proficio.roster.models import AcademicSession, School, Section, Student

Progress = Callable[[str, int, int], None]


def terms_for(school: School) -> list[AcademicSession]:
    """The sessions a school reports on: its district's terms, semesters and grading periods."""
    sessions = list(AcademicSession.objects.filter(district_id=school.district_id).order_by("-start_date", "title"))
    terms = [s for s in sessions if s.kind != AcademicSession.Kind.SCHOOL_YEAR]
    return terms or sessions  # a district without terms reports on whole years


def _archive(
    kind: str,
    student: Student,
    term: AcademicSession | None,
    pdf: bytes,
    user: User | None,
    batch: ReportBatch | None = None,
) -> IssuedReport | None:
    """Store ``pdf`` as the next version; retried once if another issuer took the same version number. None
    when ``batch`` has issued this student's document already (a copy of the same part got there first)."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                latest = IssuedReport.objects.filter(kind=kind, student=student, term=term).aggregate(v=Max("version"))
                return IssuedReport.objects.create(
                    kind=kind,
                    student=student,
                    term=term,
                    version=(latest["v"] or 0) + 1,
                    pdf=pdf,
                    issued_by=user,
                    batch=batch,
                )
        except IntegrityError:
            if batch is not None and IssuedReport.objects.filter(batch=batch, student=student).exists():
                return None
            if attempt:
                raise
    raise AssertionError("unreachable")


def _audit(report: IssuedReport, user: User | None, request: HttpRequest | None, *, batch: bool = False) -> None:
    record_export(
        f"{report.get_kind_display().lower()} issued",
        actor=user,
        obj=report.student,
        student=report.student,
        request=request,
        details={
            "report_id": report.pk,
            "kind": report.kind,
            "term": report.term.title if report.term_id else "",
            "version": report.version,
            "sha256": report.sha256,
            **({"batch": True} if batch else {}),
        },
    )


def issue(
    kind: str,
    student: Student,
    term: AcademicSession | None,
    *,
    user: User | None,
    request: HttpRequest | None = None,
) -> IssuedReport:
    """Render ``kind`` for one student and archive it as a new version (audited)."""
    if kind == ReportKind.TRANSCRIPT:
        term = None
    (data,) = documents.build(kind, [student], term)
    report = _archive(kind, student, term, render_one(data), user)
    assert report is not None  # only a batch's document can have been issued already
    _audit(report, user, request)
    return report


@dataclass
class BatchOutcome:
    issued: int
    students: int


def school_students(school: School) -> list[Student]:
    return list(
        Student.objects.filter(school=school, is_active=True)
        .select_related("user", "school__district")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def issue_batch(
    school: School,
    term: AcademicSession,
    *,
    user: User | None,
    kind: str = ReportKind.REPORT_CARD,
    students: Sequence[Student] | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    batch: ReportBatch | None = None,
) -> BatchOutcome:
    """Issue ``kind`` (report cards by default) to every active student of ``school`` for ``term``.

    Students go in batches: the next batch's levels, comments and evidence are gathered (a handful of queries
    per batch) while worker processes lay out the earlier ones, and each batch's PDFs are archived and audited
    in one transaction. With ``batch`` (a background batch's part), a student it has issued already is passed
    over."""
    students = list(students) if students is not None else school_students(school)
    total = len(students)
    report = progress or (lambda stage, done, total: None)
    report("Gathering levels, comments and evidence", 0, total)

    def batches() -> Iterator[list[documents.ReportData]]:
        for start in range(0, total, BATCH_SIZE):
            yield documents.build(kind, students[start : start + BATCH_SIZE], term)

    issued = 0
    archived_term = None if kind == ReportKind.TRANSCRIPT else term
    finished: list[tuple[documents.ReportData, bytes]] = []

    def archive(items: list[tuple[documents.ReportData, bytes]]) -> None:
        with transaction.atomic():
            for item, pdf in items:
                document = _archive(kind, item.student, archived_term, pdf, user, batch)
                if document is not None:
                    _audit(document, user, None, batch=True)

    one_batch = total <= BATCH_SIZE  # no worker processes for a single batch
    for item, pdf in render_batches(batches(), workers=1 if one_batch else workers):
        if not finished:
            report("Rendering and archiving", issued, total)
        finished.append((item, pdf))
        if len(finished) == BATCH_SIZE:
            archive(finished)
            issued += len(finished)
            finished = []
            report("Rendering and archiving", issued, total)
    if finished:
        archive(finished)
        issued += len(finished)
        report("Rendering and archiving", issued, total)
    return BatchOutcome(issued=issued, students=total)


def current_term(terms: Sequence[AcademicSession], today: date | None = None) -> AcademicSession | None:
    """The shortest term running today, else the one that ended last, else the first."""
    today = today or timezone.localdate()
    running = [t for t in terms if t.start_date <= today <= t.end_date]
    if running:
        return min(running, key=lambda t: (t.end_date - t.start_date, t.pk))
    ended = [t for t in terms if t.end_date < today]
    if ended:
        return max(ended, key=lambda t: (t.end_date, -(t.end_date - t.start_date).days))
    return terms[-1] if terms else None


def section_terms(section: Section) -> list[AcademicSession]:
    """The terms a section's teacher comments on: its own session's terms inside it, or the session itself."""
    session = section.session
    inside = list(
        AcademicSession.objects.filter(
            district_id=session.district_id, start_date__gte=session.start_date, end_date__lte=session.end_date
        )
        .exclude(kind=AcademicSession.Kind.SCHOOL_YEAR)
        .order_by("start_date", "end_date", "title")
    )
    return inside or [session]


def save_comments(
    section: Section, term: AcademicSession, author: User, texts: dict[int, str], students: Sequence[Student]
) -> int:
    """Save the section teacher's term comments (``texts``: student pk → text; blank removes one). Returns the
    number of comments changed. Only students of the section are written."""
    changed = 0
    allowed = {s.pk for s in students}
    existing = {c.student_id: c for c in TermComment.objects.filter(section=section, term=term)}
    with transaction.atomic():
        for student_id, text in texts.items():
            if student_id not in allowed:
                continue
            text = text.strip()
            comment = existing.get(student_id)
            if comment is None and text:
                TermComment.objects.create(student_id=student_id, section=section, term=term, text=text, author=author)
                changed += 1
            elif comment is not None and not text:
                comment.delete()
                changed += 1
            elif comment is not None and comment.text != text:
                comment.text, comment.author, comment.updated_at = text, author, timezone.now()
                comment.save(update_fields=["text", "author", "updated_at"])
                changed += 1
    return changed
