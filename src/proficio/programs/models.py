"""The Implementation Grid: the activities a network defines for its schools, and each school's status on each.

A network's initiative defines activities (seed 000 names 21; the report quotes 10 of them verbatim, which are
seeded, the rest are configured by the network). Each activity has its number, its criterion, whether it is a
technical or an adaptive change, and whether it applies to middle schools. A school's status on an activity is
complete, in progress, not started or not applicable, with the benchmark it is held to and the evidence in words;
every change is kept (history), so the grid tells how a school got there, not only where it is.

Invariant: one status per school and activity; its history holds every earlier one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from proficio.roster.models import Network, School


class ChangeKind(models.TextChoices):
    TECHNICAL = "technical", "Technical: a known solution, implemented"
    ADAPTIVE = "adaptive", "Adaptive: new behaviour from many people"


class GridActivity(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="grid_activities")
    number = models.PositiveSmallIntegerField()
    criterion = models.TextField()
    change = models.CharField(max_length=12, choices=ChangeKind.choices)
    applies_to_middle_schools = models.BooleanField(default=True)
    aligned_dimensions = models.CharField(
        max_length=200, blank=True, help_text="The Global Best Practices dimensions it serves, e.g. '1.2, 3.4'."
    )

    class Meta:
        ordering = ["network", "number"]
        verbose_name_plural = "grid activities"
        constraints = [models.UniqueConstraint(fields=["network", "number"], name="grid_activity_unique_number")]

    def __str__(self) -> str:
        return f"({self.number}) {self.criterion[:60]}"


class GridStatus(models.Model):
    class Status(models.TextChoices):
        COMPLETE = "complete", "Complete"
        IN_PROGRESS = "in_progress", "In progress"
        NOT_STARTED = "not_started", "Not started"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="grid_statuses")
    activity = models.ForeignKey(GridActivity, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    benchmark = models.TextField(blank=True, help_text="What 'complete' means here, for this school.")
    evidence = models.TextField(blank=True, help_text="The evidence for the status, in words.")
    is_priority = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["school", "activity"]
        verbose_name_plural = "grid statuses"
        constraints = [models.UniqueConstraint(fields=["school", "activity"], name="grid_status_unique")]

    def __str__(self) -> str:
        return f"{self.school} · {self.activity.number}: {self.get_status_display()}"


class GbpEdition(models.Model):
    """One edition of the Global Best Practices self-assessment: its strands and dimensions are data, so that an
    edition that adds dimensions (the 2nd adds two district ones) sits beside the first."""

    name = models.CharField(max_length=120, unique=True)
    levels = models.PositiveSmallIntegerField(default=4, help_text="The points of its continuum, 1 to this.")

    def __str__(self) -> str:
        return self.name


class GbpStrand(models.Model):
    edition = models.ForeignKey(GbpEdition, on_delete=models.CASCADE, related_name="strands")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)

    class Meta:
        ordering = ["edition", "position"]
        constraints = [models.UniqueConstraint(fields=["edition", "position"], name="gbp_strand_unique_position")]

    def __str__(self) -> str:
        return self.title


class GbpDimension(models.Model):
    strand = models.ForeignKey(GbpStrand, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(max_length=12, help_text="e.g. '1.3'")
    title = models.CharField(max_length=200)
    descriptors = models.JSONField(default=list, help_text="What practice looks like at each level, lowest first.")

    class Meta:
        ordering = ["strand", "code"]
        constraints = [models.UniqueConstraint(fields=["strand", "code"], name="gbp_dimension_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class GbpAdministration(models.Model):
    """A school's leadership team rating the school against an edition, at a named point (baseline, end-point…)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="gbp_administrations")
    edition = models.ForeignKey(GbpEdition, on_delete=models.PROTECT, related_name="administrations")
    label = models.CharField(max_length=60, help_text="e.g. 'Baseline' or 'End-point'.")
    taken_on = models.DateField()

    class Meta:
        ordering = ["school", "taken_on"]

    def __str__(self) -> str:
        return f"{self.school}: {self.label} ({self.taken_on})"


class GbpScore(models.Model):
    administration = models.ForeignKey(GbpAdministration, on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey(GbpDimension, on_delete=models.PROTECT, related_name="scores")
    level = models.PositiveSmallIntegerField()
    evidence = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["administration", "dimension"], name="gbp_score_unique")]

    def __str__(self) -> str:
        return f"{self.administration} · {self.dimension.code}: {self.level}"
