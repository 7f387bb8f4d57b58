"""The result cache: what the engine derived from evidence + policy, per student.

Results are never the source of truth — evidence and policy are. Every row can be rebuilt (``proficio
recompute``), records the policy version it was computed under (an older version means stale), and is
replaced, not edited by hand.

``ResultSnapshot`` is the exception that proves the rule: a copy of the standard results as they stood when a
term closed (``proficiency.snapshots``). The cache moves on with every score; a snapshot does not, so growth
from one term to the next can be read back later. A term's snapshot is replaced whole, never edited.
"""

from __future__ import annotations

from django.db import models

from proficio.accounts.scoping import ScopedQuerySet
from proficio.roster.models import AcademicSession, School, Student
from proficio.standards.models import Framework, PerformanceIndicator, ScaleLevel, Standard


class IndicatorResult(models.Model):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="indicator_results")
    indicator = models.ForeignKey(PerformanceIndicator, on_delete=models.CASCADE, related_name="results")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicator_results")
    value = models.FloatField(null=True, blank=True, help_text="The method's decimal result; empty when insufficient.")
    level = models.ForeignKey(ScaleLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    is_proficient = models.BooleanField(default=False)
    evidence_count = models.PositiveIntegerField(default=0)
    policy_version = models.PositiveIntegerField()
    computed_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["student_id", "indicator_id"]
        constraints = [models.UniqueConstraint(fields=["student", "indicator"], name="indicator_result_unique")]
        indexes = [models.Index(fields=["framework", "policy_version"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.indicator.code}: {self.level or 'insufficient evidence'}"

    @property
    def sufficient(self) -> bool:
        return self.level_id is not None


class StandardResult(models.Model):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="standard_results")
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="results")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standard_results")
    value = models.FloatField(null=True, blank=True)
    level = models.ForeignKey(ScaleLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    is_proficient = models.BooleanField(default=False)
    indicators_assessed = models.PositiveIntegerField(default=0)
    indicators_total = models.PositiveIntegerField(default=0)
    indicators_proficient = models.PositiveIntegerField(default=0)
    policy_version = models.PositiveIntegerField()
    computed_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["student_id", "standard_id"]
        constraints = [models.UniqueConstraint(fields=["student", "standard"], name="standard_result_unique")]
        indexes = [models.Index(fields=["framework", "policy_version"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.standard.code}: {self.level or 'insufficient evidence'}"


class GraduationStatus(models.Model):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="graduation_statuses")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="graduation_statuses")
    met = models.BooleanField(default=False)
    standards_required = models.PositiveIntegerField(default=0)
    standards_met = models.PositiveIntegerField(default=0)
    missing = models.JSONField(default=list, blank=True, help_text="Codes of required standards not yet met.")
    policy_version = models.PositiveIntegerField()
    computed_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["student_id"]
        verbose_name_plural = "graduation statuses"
        constraints = [models.UniqueConstraint(fields=["student", "framework"], name="graduation_status_unique")]

    def __str__(self) -> str:
        return f"{self.student}: {'met' if self.met else f'{len(self.missing)} standards to go'}"


class ResultSnapshot(models.Model):
    """One student's result on one standard as it stood when a term's snapshot was taken.

    The student's school and grade are copied too: they are the school and grade of that term, and figures
    about a past term must not follow a student who has since moved.

    A whole term is written at once (4 million rows for 100,000 students), so the table carries only what
    reads need, measured on PostgreSQL: foreign keys without database constraints (the rows are copied from
    tables whose own constraints already hold, and Django still applies ``on_delete``; the constraint checks
    took two thirds of the copy's time), one index that is both the key and the way in — (term, school,
    student, standard), unique because a student has one school at a time — and one on (student, term), for a
    student's earlier levels and for deletes. Which terms and schools have a snapshot is ``TermSnapshot``'s to say.
    """

    term = models.ForeignKey(
        AcademicSession, on_delete=models.PROTECT, related_name="result_snapshots", db_index=False, db_constraint=False
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="result_snapshots", db_index=False, db_constraint=False
    )
    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="snapshots", db_index=False, db_constraint=False
    )
    grade = models.SmallIntegerField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    level = models.ForeignKey(
        ScaleLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    is_proficient = models.BooleanField(default=False)
    taken_at = models.DateTimeField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            # term first: the index finds (and replaces) a whole term, and a school's rows within it
            models.UniqueConstraint(fields=["term", "school", "student", "standard"], name="result_snapshot_unique")
        ]
        # a student's rows of one term, wherever the student was: growth reads the earlier term this way
        indexes = [models.Index(fields=["student", "term"], name="result_snapshot_student_term")]

    def __str__(self) -> str:
        return f"{self.term} · {self.student} · {self.standard.code}: {self.level or 'insufficient evidence'}"


class TermSnapshot(models.Model):
    """That a term's snapshot was taken, school by school: when, and of how many students.

    Written with the rows, in the same transaction; read to learn which terms have a snapshot without touching
    the rows (millions of them). A school whose students had no result yet has one too, with no students.
    """

    term = models.ForeignKey(AcademicSession, on_delete=models.PROTECT, related_name="snapshots")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="term_snapshots")
    taken_at = models.DateTimeField()
    students = models.PositiveIntegerField(help_text="Active students with at least one standard result.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "school"], name="term_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.term} · {self.school}: {self.students} students, taken {self.taken_at:%Y-%m-%d %H:%M}"
