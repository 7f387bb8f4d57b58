"""What became of each student of a past cohort: graduated, still enrolled, dropped out or transferred, and
whether they went on to postsecondary education — recorded by a leader or admin (a page, or a CSV import)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from proficio.accounts.scoping import ScopedQuerySet
from proficio.roster.models import Student


class Outcome(models.TextChoices):
    GRADUATED = "graduated", "Graduated"
    STILL_ENROLLED = "still_enrolled", "Still enrolled"
    DROPPED_OUT = "dropped_out", "Dropped out"
    TRANSFERRED = "transferred", "Transferred out"


class CohortOutcome(models.Model):
    """One student's recorded outcome with their class (``cohort``: the year they were to graduate)."""

    student = models.OneToOneField(Student, on_delete=models.PROTECT, related_name="cohort_outcome")
    cohort = models.PositiveSmallIntegerField(help_text="The class of: the year the student was to graduate.")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    postsecondary = models.BooleanField(null=True, blank=True, help_text="Enrolled in postsecondary education.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "student"]

    def __str__(self) -> str:
        return f"{self.student} — class of {self.cohort}: {self.get_outcome_display()}"
