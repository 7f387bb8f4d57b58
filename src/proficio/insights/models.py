"""What leaders record and act on: the outcomes of past cohorts, flags raised on students, intervention plans
with their check-ins, the district's library of strategies, and improvement (PDSA) cycles.

- ``CohortOutcome``: what became of each student of a past cohort (graduated, still enrolled, dropped out or
  transferred) and whether they went on to postsecondary education.
- ``StudentFlag``: a flag a rule raised; at most one open per student and rule; closed with a reason.
- ``InterventionPlan`` and ``ProgressNote``: a tier 2 or 3 plan, its goal tied to performance indicators, and
  its monitoring; whether the goal was met is read from the student's evidence when the plan ends.
- ``Strategy``: the district's library, offered by kind and tier.
- ``ImprovementCycle``: Plan–Do–Study–Act on one dashboard figure, with its value before and after.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from proficio.accounts.scoping import ScopedQuerySet
from proficio.roster.models import District, School, Student
from proficio.standards.models import PerformanceIndicator


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


class InterventionKind(models.TextChoices):
    LITERACY = "literacy", "Literacy"
    MATHEMATICS = "mathematics", "Mathematics"
    ACADEMIC = "academic", "Other academic"
    WORK_HABITS = "work_habits", "Work habits"
    ATTENDANCE = "attendance", "Attendance"
    BEHAVIOUR = "behaviour", "Behaviour"
    SOCIAL_EMOTIONAL = "social_emotional", "Social and emotional"


class Strategy(models.Model):
    """One entry of a district's library of intervention strategies, offered to plans of its kind and tiers."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="intervention_strategies")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=InterventionKind.choices)
    for_tier_2 = models.BooleanField(default=True)
    for_tier_3 = models.BooleanField(default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["district", "kind", "name"]
        verbose_name_plural = "strategies"
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="strategy_unique_name")]

    def __str__(self) -> str:
        return self.name


class StudentFlag(models.Model):
    """A flag a rule raised on a student, kept so that it can be acted on and closed with a reason.

    Invariant: a student has at most one open flag per rule (``closed_at`` empty)."""

    class ClosedBecause(models.TextChoices):
        NO_LONGER_FLAGGED = "no_longer_flagged", "The student no longer meets the rule"
        PLAN_ENDED = "plan_ended", "The intervention plan ended"

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="flags")
    rule = models.CharField(max_length=40)
    why = models.CharField(max_length=500)
    raised_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_because = models.CharField(max_length=20, choices=ClosedBecause.choices, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["student", "rule", "raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "rule"], condition=Q(closed_at__isnull=True), name="flag_one_open_per_rule"
            )
        ]

    def __str__(self) -> str:
        return f"{self.student}: {self.rule} ({'open' if self.closed_at is None else 'closed'})"


class InterventionPlan(models.Model):
    """A tier 2 or 3 intervention for one student: who, when, where in the week, towards which indicators."""

    class Tier(models.IntegerChoices):
        TWO = 2, "Tier 2 (targeted)"
        THREE = 3, "Tier 3 (intensive)"

    class Ending(models.TextChoices):
        COMPLETED = "completed", "Completed its planned duration"
        GOAL_REACHED = "goal_reached", "Ended early: goal reached"
        DISCONTINUED = "discontinued", "Discontinued"
        STUDENT_LEFT = "student_left", "The student left the school"

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="intervention_plans")
    flag = models.ForeignKey(StudentFlag, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans")
    tier = models.PositiveSmallIntegerField(choices=Tier.choices)
    kind = models.CharField(max_length=20, choices=InterventionKind.choices)
    block = models.CharField(max_length=120, help_text="When it happens, e.g. 'WIN block, Tue and Thu 10:15'.")
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField()
    weeks = models.PositiveSmallIntegerField()
    goal = models.TextField()
    goal_indicators = models.ManyToManyField(PerformanceIndicator, related_name="+")
    strategies = models.ManyToManyField(Strategy, blank=True, related_name="plans")
    check_every_days = models.PositiveSmallIntegerField(help_text="How often progress is monitored, in days.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    ended_on = models.DateField(null=True, blank=True)
    ending = models.CharField(max_length=20, choices=Ending.choices, blank=True)
    goal_met = models.BooleanField(null=True, blank=True, help_text="At the end: proficient on every goal indicator.")
    goal_evidence = models.TextField(blank=True, help_text="The goal indicators' levels at the end, in words.")
    reminded_on = models.DateField(null=True, blank=True, help_text="When the last overdue reminder was sent.")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(name="plan_tier_2_or_3", condition=Q(tier__in=[2, 3])),
            models.CheckConstraint(name="plan_has_weeks", condition=Q(weeks__gte=1)),
            models.CheckConstraint(name="plan_checks_at_least_daily", condition=Q(check_every_days__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.student}: tier {self.tier} {self.get_kind_display().lower()} from {self.start_date}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class ProgressNote(models.Model):
    """A monitoring check-in on a plan: what was seen, by whom, on which day."""

    plan = models.ForeignKey(InterventionPlan, on_delete=models.CASCADE, related_name="notes")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_on = models.DateField(default=timezone.localdate)
    note = models.TextField()
    goal_status = models.CharField(max_length=500, blank=True, help_text="The goal indicators' levels that day.")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "written_on", "pk"]

    def __str__(self) -> str:
        return f"{self.plan} — note of {self.written_on}"


class ImprovementCycle(models.Model):
    """A Plan–Do–Study–Act cycle a school or team runs on one dashboard metric, measured before and after."""

    class Decision(models.TextChoices):
        ADOPT = "adopt", "Adopt: keep the change"
        ADAPT = "adapt", "Adapt: change it and run another cycle"
        ABANDON = "abandon", "Abandon: stop the change"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="improvement_cycles")
    title = models.CharField(max_length=200)
    metric = models.CharField(max_length=80, help_text="Which dashboard figure, e.g. 'on_track' or 'proficient:12'.")
    metric_label = models.CharField(max_length=300)
    plan = models.TextField(help_text="The change to try and the prediction.")
    do = models.TextField(blank=True, help_text="What was done, and what happened.")
    study = models.TextField(blank=True, help_text="What the results show against the prediction.")
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    act = models.TextField(blank=True, help_text="What comes next.")
    value_before = models.FloatField(null=True, blank=True)
    measured_before_at = models.DateTimeField()
    value_after = models.FloatField(null=True, blank=True)
    measured_after_at = models.DateTimeField(null=True, blank=True)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["school", "-started_on", "pk"]

    def __str__(self) -> str:
        return self.title
