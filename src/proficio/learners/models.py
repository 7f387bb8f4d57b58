"""The learner's side of personalised learning: a profile, SMART goals, a learning path per section (a choice
board of activities per indicator) and "show what I know" requests for an on-demand or retake assessment."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from proficio.accounts.scoping import ScopedQuerySet
from proficio.roster.models import Section, Student
from proficio.standards.models import LearningObjective, PerformanceIndicator, Standard


class LearnerProfile(models.Model):
    """What the student says about themselves, plus the accommodations only staff see and edit.

    Strengths and areas to grow are not stored: they are computed from the student's results.
    """

    student = models.OneToOneField(Student, on_delete=models.CASCADE, related_name="learner_profile")
    interests = models.TextField(blank=True, help_text="What you enjoy, in school and out of it.")
    college_aspirations = models.TextField(
        blank=True, help_text="Colleges, programs or training you are thinking about."
    )
    career_aspirations = models.TextField(blank=True, help_text="Work you would like to do.")
    learning_preferences = models.TextField(
        blank=True, help_text="How you like to learn: alone or in a group, reading, making, talking it through…"
    )
    accommodations = models.TextField(blank=True, help_text="Supports staff provide (IEP, 504, language).")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Learner profile of {self.student}"


class ProfileComment(models.Model):
    """A dated note from the student's advisor on their profile."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="profile_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.author} on {self.student} ({self.created_at:%Y-%m-%d})"


class Goal(models.Model):
    """A SMART goal: specific (the statement, tied to an indicator or a standard), measurable (the measure),
    time-bound (the target date); checkpoints and reflections show the way there."""

    class Status(models.TextChoices):
        ACTIVE = "active", "In progress"
        MET = "met", "Met"
        SET_ASIDE = "set_aside", "Set aside"

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="goals")
    statement = models.CharField(max_length=300, help_text="What you will be able to do.")
    indicator = models.ForeignKey(
        PerformanceIndicator, on_delete=models.PROTECT, null=True, blank=True, related_name="goals"
    )
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, null=True, blank=True, related_name="goals")
    measure = models.CharField(max_length=300, help_text="How you will know you got there.")
    target_date = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["target_date", "id"]
        constraints = [
            models.CheckConstraint(
                name="goal_tied_to_indicator_or_standard",
                condition=models.Q(indicator__isnull=False) | models.Q(standard__isnull=False),
                violation_error_message="A goal is tied to a performance indicator or a graduation standard.",
            )
        ]

    def __str__(self) -> str:
        return self.statement

    def clean(self) -> None:
        if self.indicator_id is None and self.standard_id is None:
            raise ValidationError("Tie the goal to a performance indicator or a graduation standard.")

    @property
    def target(self) -> PerformanceIndicator | Standard | None:
        return self.indicator or self.standard

    def is_overdue(self, today: object = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.ACTIVE and self.target_date < today  # type: ignore[operator]


class GoalCheckpoint(models.Model):
    """A dated step toward a goal, done or not yet."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="checkpoints")
    description = models.CharField(max_length=300)
    due_on = models.DateField()
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description


class GoalReflection(models.Model):
    """The student's own words on how a goal is going."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reflections")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class PathStep(models.Model):
    """One indicator (optionally one of its learning objectives) in a section's learning path, in order."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="path_steps")
    indicator = models.ForeignKey(PerformanceIndicator, on_delete=models.PROTECT, related_name="path_steps")
    objective = models.ForeignKey(
        LearningObjective, on_delete=models.PROTECT, null=True, blank=True, related_name="path_steps"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["section", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["section", "indicator", "objective"], name="path_step_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.indicator.code}"


class PathOption(models.Model):
    """One choice on a step's choice board: something to read, watch, practise or make."""

    class Kind(models.TextChoices):
        READ = "read", "Read"
        WATCH = "watch", "Watch"
        PRACTICE = "practice", "Practise"
        MAKE = "make", "Make or build"
        DISCUSS = "discuss", "Discuss"
        OTHER = "other", "Other"

    step = models.ForeignKey(PathStep, on_delete=models.CASCADE, related_name="options")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PRACTICE)
    link = models.URLField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["step", "id"]

    def __str__(self) -> str:
        return self.title


class AssessmentRequest(models.Model):
    """A student's "show what I know" request: assess me on this indicator (for the first time, or again)."""

    class Kind(models.TextChoices):
        ON_DEMAND = "on_demand", "Assess me now (on demand)"
        RETAKE = "retake", "Let me retake it"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the teacher"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="assessment_requests")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="assessment_requests")
    indicator = models.ForeignKey(PerformanceIndicator, on_delete=models.PROTECT, related_name="assessment_requests")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ON_DEMAND)
    note = models.TextField(blank=True, help_text="What you did to get ready, and what you want to show.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True, help_text="Why it was declined.")
    assessment = models.ForeignKey(
        "evidence.Assessment", on_delete=models.SET_NULL, null=True, blank=True, related_name="requests"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "section", "indicator"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_indicator",
            ),
            models.CheckConstraint(
                name="declined_request_has_reason",
                condition=~models.Q(status="declined") | ~models.Q(reason=""),
                violation_error_message="Say why the request is declined.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} asks to show {self.indicator.code}"
