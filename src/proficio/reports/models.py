"""Formal reports: teachers' term comments, a school's optional GPA conversion, and the archive of issued PDFs.

Issued documents are kept as the PDF bytes in the database (a ``BinaryField``), not as files under the data
directory's media: the row and its bytes are written in one transaction (no orphan file, no row without its
file), they are backed up, copied and restored with the database, and nothing outside the application can swap
the file behind the SHA-256 that the row records. A report card is 30–60 kB, so a school of 1,000 students
adds a few tens of megabytes a term. Lists defer the column (``IssuedReport.objects.listing()``).

An issued document is immutable: ``save()`` refuses updates, ``delete()`` refuses deletes, and the queryset
refuses bulk ``update()``/``delete()``, like ``evidence.Score``; database triggers (migration 0002) refuse raw
``UPDATE``/``DELETE`` too. Re-issuing creates version n + 1.

A school's term issued at once is a ``ReportBatch``, run by background workers in parts; the archive holds at
most one document per student per batch (a unique constraint), so a part delivered twice, after its worker
died, can never issue a student's document twice.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proficio.accounts.scoping import ScopedQuerySet
from proficio.roster.models import AcademicSession, School, Section, Student
from proficio.standards.models import ScaleLevel


class ReportKind(models.TextChoices):
    PROGRESS_REPORT = "progress_report", _("Progress report")
    REPORT_CARD = "report_card", _("Report card")
    TRANSCRIPT = "transcript", _("Transcript")


class TermComment(models.Model):
    """A section teacher's comment on one student for one term, printed on the report card."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="term_comments")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="term_comments")
    term = models.ForeignKey(AcademicSession, on_delete=models.PROTECT, related_name="term_comments")
    text = models.TextField(max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["section", "student"]
        constraints = [
            models.UniqueConstraint(fields=["student", "section", "term"], name="term_comment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.section}, {self.term}"


class GradePointConversion(models.Model):
    """A school's table from proficiency level to grade points: only when it exists does a transcript show a GPA."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="grade_point_conversions")
    level = models.ForeignKey(ScaleLevel, on_delete=models.CASCADE, related_name="+")
    points = models.DecimalField(max_digits=4, decimal_places=2)

    class Meta:
        ordering = ["school", "-points"]
        constraints = [models.UniqueConstraint(fields=["school", "level"], name="grade_point_conversion_unique")]

    def __str__(self) -> str:
        return f"{self.school}: {self.level.label} = {self.points}"


class ImmutableError(Exception):
    """Raised when code tries to change or delete an issued document."""


class IssuedReportQuerySet(ScopedQuerySet["IssuedReport"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError("Issued documents are immutable; issue a new version instead.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Issued documents are never deleted.")

    def listing(self) -> IssuedReportQuerySet:
        """Without the PDF bytes, newest first."""
        return self.defer("pdf").select_related("term", "issued_by").order_by("kind", "-issued_at", "-version")


class ReportBatch(models.Model):
    """A school's term of documents issued at once, by the background job ``token``.

    ``student_ids`` are the students it issues to, fixed when it starts (a student enrolled later is not half
    in it); it is complete when the archive holds a document of the batch for each of them."""

    token = models.CharField(max_length=64, unique=True, help_text="Its job's token (jobs.Job).")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey(AcademicSession, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    student_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} batch for {self.school}, {self.term} ({len(self.student_ids)} students)"


class IssuedReport(models.Model):
    """One issued version of a progress report, report card or transcript, with its PDF."""

    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="issued_reports")
    term = models.ForeignKey(
        AcademicSession, on_delete=models.PROTECT, null=True, blank=True, related_name="issued_reports"
    )
    version = models.PositiveIntegerField()
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    batch = models.ForeignKey(ReportBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")

    objects = IssuedReportQuerySet.as_manager()

    class Meta:
        ordering = ["student", "kind", "term", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "student", "term", "version"],
                condition=Q(term__isnull=False),
                name="issued_report_version_unique",
            ),
            models.UniqueConstraint(
                fields=["kind", "student", "version"],
                condition=Q(term__isnull=True),
                name="issued_report_version_unique_without_term",
            ),
            models.UniqueConstraint(
                fields=["batch", "student"],
                condition=Q(batch__isnull=False),
                name="issued_report_once_per_batch",
                violation_error_message="A batch issues one document per student.",
            ),
            models.CheckConstraint(
                name="issued_report_term_unless_transcript",
                condition=Q(kind="transcript") | Q(term__isnull=False),
                violation_error_message="Progress reports and report cards are issued for a term.",
            ),
        ]

    def __str__(self) -> str:
        term = f", {self.term}" if self.term_id else ""
        return f"{self.get_kind_display()} for {self.student}{term} (version {self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ImmutableError("Issued documents are immutable; issue a new version instead.")
        data = bytes(self.pdf)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.size = len(data)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("Issued documents are never deleted.")

    @property
    def filename(self) -> str:
        term = f"-{self.term.title}" if self.term_id else ""
        slug = f"{self.kind.replace('_', '-')}-{self.student.student_number}{term}-v{self.version}"
        return "".join(c if c.isalnum() or c in "-_." else "-" for c in slug) + ".pdf"
