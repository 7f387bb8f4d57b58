"""The result cache: what the engine derived from evidence + policy, per student.

Results are never the source of truth — evidence and policy are. Every row can be rebuilt (``proficio
recompute``), records the policy version it was computed under (an older version means stale), and is
replaced, not edited by hand.
"""

from __future__ import annotations

from django.db import models

from proficio.accounts.scoping import ScopedQuerySet
from proficio.roster.models import Student
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
