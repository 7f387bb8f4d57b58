"""Assessments, append-only scores, and evidence of learning from outside school."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from proficio.accounts.scoping import ScopedQuerySet
from proficio.roster.enrolled import section_students
from proficio.roster.models import Section, Student
from proficio.standards.models import LearningObjective, PerformanceIndicator

if TYPE_CHECKING:
    from proficio.accounts.models import User


class AssessmentQuerySet(ScopedQuerySet["Assessment"]):
    def taught_by(self, user: User) -> AssessmentQuerySet:
        """Assessments of the sections the user teaches or assists in: the ones they score and edit."""
        return self.filter(section__in=Section.objects.taught_by(user).values("pk"))


class Assessment(models.Model):
    """A task students do in a section, aligned to the indicators (and optionally objectives) it evidences.

    Only summative assessments count toward proficiency; formative ones are shown to guide learning.
    """

    class Kind(models.TextChoices):
        FORMATIVE = "formative", "Formative"
        SUMMATIVE = "summative", "Summative"

    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    assessed_on = models.DateField(default=date.today)
    description = models.TextField(blank=True)
    indicators = models.ManyToManyField(PerformanceIndicator, related_name="assessments")
    objectives = models.ManyToManyField(LearningObjective, related_name="assessments", blank=True)
    retake_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="retakes",
        help_text="The earlier assessment this one re-assesses, for students who retake it.",
    )
    retakers = models.ManyToManyField(
        Student,
        blank=True,
        related_name="retakes_taken",
        help_text="For a re-assessment: the students who retake it. Empty means the whole section.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(m2m_fields=[indicators])

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["section", "assessed_on", "id"]
        indexes = [models.Index(fields=["section", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.assessed_on:%b %-d})"

    @property
    def counts_toward_proficiency(self) -> bool:
        return self.kind == self.Kind.SUMMATIVE

    def students(self) -> list[Student]:
        """Who takes this assessment: the retaking students of a re-assessment, else the whole section."""
        chosen = {s.pk for s in self.retakers.all()} if self.pk else set()
        everyone = section_students(self.section)
        return [s for s in everyone if s.pk in chosen] if chosen else everyone

    def takes_it(self, student: Student) -> bool:
        return not self.retakers.exists() or self.retakers.filter(pk=student.pk).exists()

    def clean(self) -> None:
        if self.retake_of_id and self.retake_of is not None:
            if self.retake_of.section.course_id != self.section.course_id:
                raise ValidationError({"retake_of": "A retake re-assesses work from the same course."})
            if self.assessed_on and self.assessed_on < self.retake_of.assessed_on:
                raise ValidationError({"assessed_on": "A retake cannot happen before the original assessment."})


class OutsideEvidence(models.Model):
    """Learning that happened outside the classroom, verified by a teacher and aligned to indicators.

    Once verified, the teacher scores it on the aligned indicators; those scores count like any other
    summative evidence (multiple pathways: credit for learning wherever it happens).
    """

    class Kind(models.TextChoices):
        INTERNSHIP = "internship", "Internship"
        ONLINE_COURSE = "online_course", "Online course"
        DUAL_ENROLLMENT = "dual_enrollment", "Dual enrollment"
        COMMUNITY_PROJECT = "community_project", "Community project"
        JOB = "job", "Job"
        SCOUTING = "scouting", "Scouting"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted, awaiting verification"
        VERIFIED = "verified", "Verified"
        REJECTED = "rejected", "Not accepted"

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="outside_evidence")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    title = models.CharField(max_length=200)
    organization = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    started_on = models.DateField()
    completed_on = models.DateField()
    hours = models.PositiveIntegerField(null=True, blank=True)
    attachment = models.FileField(upload_to="outside-evidence/%Y/", blank=True)
    indicators = models.ManyToManyField(PerformanceIndicator, related_name="outside_evidence", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[indicators])

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["student", "completed_on"]
        verbose_name_plural = "outside-school evidence"
        constraints = [
            models.CheckConstraint(
                name="outside_evidence_dates_ordered",
                condition=Q(started_on__lte=models.F("completed_on")),
                violation_error_message="Evidence cannot end before it starts.",
            ),
            models.CheckConstraint(
                name="outside_evidence_verified_has_verifier",
                condition=~Q(status="verified") | (Q(verified_by__isnull=False) & Q(verified_at__isnull=False)),
                violation_error_message="Verified evidence records who verified it and when.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()})"


class ScoreQuerySet(ScopedQuerySet["Score"]):
    def current(self) -> ScoreQuerySet:
        """Scores not superseded by a correction."""
        return self.filter(~Exists(Score.objects.filter(supersedes=OuterRef("pk"))))

    def summative(self) -> ScoreQuerySet:
        return self.filter(
            Q(assessment__kind=Assessment.Kind.SUMMATIVE) | Q(outside_evidence__status=OutsideEvidence.Status.VERIFIED)
        )


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a recorded score."""


class Score(models.Model):
    """One level given to one student on one indicator for one piece of evidence.

    Append-only: a score is never updated or deleted (the database refuses both). A correction is a new
    score that ``supersedes`` the old one and says why. The chain per student × evidence × indicator is
    linear: one original, each score superseded at most once, so exactly one is current.
    """

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="scores")
    indicator = models.ForeignKey(PerformanceIndicator, on_delete=models.PROTECT, related_name="scores")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="scores")
    outside_evidence = models.ForeignKey(
        OutsideEvidence, on_delete=models.PROTECT, null=True, blank=True, related_name="scores"
    )
    value = models.DecimalField(max_digits=5, decimal_places=2)
    feedback = models.TextField(blank=True)
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scores_given")
    scored_at = models.DateTimeField(default=timezone.now)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    reason = models.TextField(blank=True, help_text="Why this score corrects the one it supersedes.")
    history = HistoricalRecords()

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["student", "indicator", "scored_at", "id"]
        indexes = [
            models.Index(fields=["student", "indicator"]),
            models.Index(fields=["assessment", "indicator"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="score_has_one_evidence_source",
                condition=(Q(assessment__isnull=False) & Q(outside_evidence__isnull=True))
                | (Q(assessment__isnull=True) & Q(outside_evidence__isnull=False)),
                violation_error_message="A score belongs to an assessment or to outside evidence, not both.",
            ),
            models.CheckConstraint(
                name="score_correction_has_reason",
                condition=Q(supersedes__isnull=True) | ~Q(reason=""),
                violation_error_message="A correction must say why the earlier score was wrong.",
            ),
            models.UniqueConstraint(
                fields=["student", "assessment", "indicator"],
                condition=Q(supersedes__isnull=True, assessment__isnull=False),
                name="score_one_original_per_assessment",
                violation_error_message=(
                    "This student already has a score for this indicator on this assessment; "
                    "correct it instead of scoring again."
                ),
            ),
            models.UniqueConstraint(
                fields=["student", "outside_evidence", "indicator"],
                condition=Q(supersedes__isnull=True, outside_evidence__isnull=False),
                name="score_one_original_per_outside_evidence",
                violation_error_message=(
                    "This evidence already has a score for this indicator; correct it instead of scoring again."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.indicator.code} = {self.value.normalize():f}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Scores are append-only: record a correction that supersedes this score.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def evidence_date(self) -> date:
        if self.assessment_id:
            return self.assessment.assessed_on
        return self.outside_evidence.completed_on

    @property
    def is_correction(self) -> bool:
        return self.supersedes_id is not None

    def clean(self) -> None:
        from proficio.evidence.validation import score_problems

        problems = score_problems(self)
        if problems:
            raise ValidationError(problems)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Scores are never deleted; a correction supersedes a score instead.")


def current_scores_for(student: Student, indicators: Iterable[PerformanceIndicator]) -> ScoreQuerySet:
    return Score.objects.current().filter(student=student, indicator__in=list(indicators))


class CommentSnippet(models.Model):
    """Feedback a teacher gives often on one indicator, kept to reuse with one keystroke while scoring."""

    indicator = models.ForeignKey(PerformanceIndicator, on_delete=models.CASCADE, related_name="comment_snippets")
    text = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_snippets")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "created_by", "text"], name="snippet_unique_text"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.text[:60]}"


class NotAssessed(models.Model):
    """A student who did not take an assessment (absent, excused, not yet): no evidence, and nothing to score.

    Not evidence itself: it never enters proficiency, it only tells the gradebook and the teacher's home that
    the missing scores are expected. Removing the mark is allowed.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="not_assessed")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="not_assessed")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "student"]
        verbose_name_plural = "not assessed"
        constraints = [models.UniqueConstraint(fields=["assessment", "student"], name="not_assessed_unique")]

    def __str__(self) -> str:
        return f"{self.student} did not take {self.assessment}"
