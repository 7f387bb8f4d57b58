"""Frameworks of graduation standards, performance indicators and learning objectives; proficiency
scales; scoring criteria and exemplars; and each framework's calculation policy."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from proficio.accounts.scoping import ScopedQuerySet
from proficio.engine.catalogue import METHODS, ROLLUPS, validate_parameters
from proficio.roster.models import ContentArea, District


class ProficiencyScale(models.Model):
    """An ordered set of levels (commonly 1–4 with 3 = proficient). Never hard-coded: each district sets its own."""

    class Purpose(models.TextChoices):
        ACADEMIC = "academic", "Academic proficiency"
        WORK_HABIT = "work_habit", "Work habits"

    name = models.CharField(max_length=120)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="scales")
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.ACADEMIC)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="scale_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def threshold(self) -> ScaleLevel | None:
        return self.levels.filter(is_threshold=True).first()

    def level_for(self, value: Decimal | float | int) -> ScaleLevel | None:
        return self.levels.filter(value=Decimal(str(value))).first()


class ScaleLevel(models.Model):
    scale = models.ForeignKey(ProficiencyScale, on_delete=models.CASCADE, related_name="levels")
    value = models.DecimalField(max_digits=5, decimal_places=2)
    label = models.CharField(max_length=60)
    description = models.TextField(blank=True)
    is_threshold = models.BooleanField(
        default=False, help_text="The lowest level that counts as proficient. Exactly one per scale."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["scale", "value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="scale_level_unique_value"),
            models.UniqueConstraint(fields=["scale", "label"], name="scale_level_unique_label"),
            models.UniqueConstraint(
                fields=["scale"],
                condition=Q(is_threshold=True),
                name="scale_level_one_threshold",
                violation_error_message="A scale has exactly one proficiency threshold.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value.normalize():f} – {self.label}"

    @property
    def number(self) -> str:
        return f"{self.value.normalize():f}"


class Framework(models.Model):
    """One version of a district's graduation framework. Versions of the same framework share a lineage."""

    lineage = models.UUIDField(default=uuid.uuid4, help_text="Shared by every version of this framework.")
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=200)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="frameworks")
    identifier = models.CharField(max_length=255, blank=True, help_text="CASE CFDocument identifier, when imported.")
    scale = models.ForeignKey(ProficiencyScale, on_delete=models.PROTECT, related_name="frameworks")
    work_habit_scale = models.ForeignKey(
        ProficiencyScale,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_habit_frameworks",
    )
    is_current = models.BooleanField(default=True, help_text="The version schools use now.")
    revision = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        help_text="Renewed whenever its standards, indicators, scales or policy change (see standards/signals.py).",
    )
    adopted_on = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["lineage", "version"], name="framework_unique_version"),
            models.UniqueConstraint(
                fields=["lineage"], condition=Q(is_current=True), name="framework_one_current_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def clean(self) -> None:
        if self.scale_id and self.scale.purpose != ProficiencyScale.Purpose.ACADEMIC:
            raise ValidationError({"scale": "The framework's scale must be an academic proficiency scale."})
        if self.work_habit_scale_id and self.work_habit_scale.purpose != ProficiencyScale.Purpose.WORK_HABIT:
            raise ValidationError({"work_habit_scale": "Choose a scale meant for work habits."})


class Standard(models.Model):
    """A graduation standard (cross-curricular or content-area), or a work-habit standard.

    Work-habit standards are scored on the framework's work-habit scale and are reported apart from
    academic proficiency; they never count toward graduation.
    """

    class Kind(models.TextChoices):
        CROSS_CURRICULAR = "cross_curricular", "Cross-curricular"
        CONTENT_AREA = "content_area", "Content-area"
        WORK_HABIT = "work_habit", "Work habit"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standards")
    code = models.CharField(max_length=32)
    title = models.CharField(max_length=200)
    statement = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    content_area = models.CharField(max_length=32, choices=ContentArea.choices, blank=True)
    required_for_graduation = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    identifier = models.CharField(max_length=255, blank=True, help_text="CASE CFItem identifier, when imported.")
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="standard_unique_code"),
            models.CheckConstraint(
                name="standard_content_area_matches_kind",
                condition=(Q(kind="content_area") & ~Q(content_area=""))
                | (~Q(kind="content_area") & Q(content_area="")),
                violation_error_message="Content-area standards name their content area; other kinds do not.",
            ),
            models.CheckConstraint(
                name="standard_work_habit_not_required",
                condition=~Q(kind="work_habit") | Q(required_for_graduation=False),
                violation_error_message="Work habits are reported separately and never required for graduation.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_work_habit(self) -> bool:
        return self.kind == self.Kind.WORK_HABIT

    def scale_for(self) -> ProficiencyScale:
        """The scale this standard's indicators are scored on."""
        if self.is_work_habit:
            if self.framework.work_habit_scale is None:
                raise ValidationError(f"{self.framework} has no work-habit scale.")
            return self.framework.work_habit_scale
        return self.framework.scale


class PerformanceIndicator(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=32)
    statement = models.TextField()
    position = models.PositiveIntegerField(default=0)
    identifier = models.CharField(max_length=255, blank=True, help_text="CASE CFItem identifier, when imported.")
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["standard", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["standard", "code"], name="indicator_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.statement}"

    @property
    def scale(self) -> ProficiencyScale:
        return self.standard.scale_for()


class LearningObjective(models.Model):
    indicator = models.ForeignKey(PerformanceIndicator, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(max_length=32)
    statement = models.TextField()
    position = models.PositiveIntegerField(default=0)
    identifier = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["indicator", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["indicator", "code"], name="objective_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.statement}"


def _check_level_on_indicator_scale(indicator: PerformanceIndicator, level: ScaleLevel) -> None:
    if level.scale_id != indicator.scale.pk:
        raise ValidationError({"level": f"Level '{level}' is not on {indicator.code}'s scale ({indicator.scale})."})


class ScoringCriterion(models.Model):
    """What work at one level of the scale looks like for one indicator (a rubric row)."""

    indicator = models.ForeignKey(PerformanceIndicator, on_delete=models.CASCADE, related_name="criteria")
    level = models.ForeignKey(ScaleLevel, on_delete=models.PROTECT, related_name="criteria")
    description = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "level__value"]
        verbose_name_plural = "scoring criteria"
        constraints = [models.UniqueConstraint(fields=["indicator", "level"], name="criterion_unique_level")]

    def __str__(self) -> str:
        return f"{self.indicator.code} at {self.level}"

    def clean(self) -> None:
        if self.indicator_id and self.level_id:
            _check_level_on_indicator_scale(self.indicator, self.level)


class Exemplar(models.Model):
    """A sample of student work at one level of one indicator, as text, a file, or both."""

    indicator = models.ForeignKey(PerformanceIndicator, on_delete=models.CASCADE, related_name="exemplars")
    level = models.ForeignKey(ScaleLevel, on_delete=models.PROTECT, related_name="exemplars")
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    file = models.FileField(upload_to="exemplars/%Y/", blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["indicator", "level__value", "title"]
        constraints = [
            models.CheckConstraint(
                name="exemplar_has_content",
                condition=~Q(text="") | ~Q(file=""),
                violation_error_message="An exemplar needs text, a file, or both.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.text and not self.file:
            raise ValidationError("An exemplar needs text, a file, or both.")
        if self.indicator_id and self.level_id:
            _check_level_on_indicator_scale(self.indicator, self.level)


class CalculationPolicy(models.Model):
    """How a framework turns evidence into levels: method, roll-up, minimum evidence, rounding."""

    class Rounding(models.TextChoices):
        HALF_UP = "half_up", "Half up to the nearest level"
        HALF_DOWN = "half_down", "Half down to the nearest level"
        FLOOR = "floor", "Down to the level reached"

    framework = models.OneToOneField(Framework, on_delete=models.CASCADE, related_name="policy")
    method = models.CharField(max_length=32, choices=[(name, name) for name in METHODS], default="decaying_average")
    parameters = models.JSONField(default=dict, blank=True)
    minimum_evidence = models.PositiveSmallIntegerField(
        default=1, help_text="Fewer summative scores than this gives “insufficient evidence”."
    )
    rounding = models.CharField(max_length=16, choices=Rounding.choices, default=Rounding.HALF_UP)
    rollup = models.CharField(max_length=32, choices=[(name, name) for name in ROLLUPS], default="mean")
    rollup_parameters = models.JSONField(default=dict, blank=True)
    minimum_share_assessed = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        help_text="Share of a standard's indicators (0–1) that need a level before the standard gets one.",
    )
    version = models.PositiveIntegerField(default=1, help_text="Raised on every change; results record it.")
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "calculation policies"
        constraints = [
            models.CheckConstraint(
                name="policy_share_between_0_and_1",
                condition=Q(minimum_share_assessed__gt=0) & Q(minimum_share_assessed__lte=1),
                violation_error_message="The minimum share assessed must be above 0 and at most 1.",
            ),
            models.CheckConstraint(
                name="policy_minimum_evidence_positive",
                condition=Q(minimum_evidence__gte=1),
                violation_error_message="At least one piece of evidence is needed.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework}: {self.method}, roll-up {self.rollup}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Validated on every save, not only in forms: a bad policy would otherwise surface at recompute time.
        self.clean()
        if self.pk is not None:
            self.version = (
                CalculationPolicy.objects.filter(pk=self.pk).values_list("version", flat=True).first() or 0
            ) + 1
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        method_problems = validate_parameters(METHODS, self.method, self.parameters or {})
        if method_problems:
            errors["parameters"] = method_problems
        rollup_problems = validate_parameters(ROLLUPS, self.rollup, self.rollup_parameters or {})
        if rollup_problems:
            errors["rollup_parameters"] = rollup_problems
        if self.method == "power_law" and self.framework_id:
            scales = [self.framework.scale, self.framework.work_habit_scale]
            if any(scale is not None and scale.levels.filter(value__lte=0).exists() for scale in scales):
                errors["method"] = ["power_law fits logarithms, so it needs every level of the scale above 0."]
        if errors:
            raise ValidationError(errors)
