"""A framework as the engine needs it: scales, policy, and standards with their indicators in order.

Loaded once per recompute (a handful of queries), so neither path queries the framework per student.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proficio.engine.policy import Policy
from proficio.engine.scales import Scale
from proficio.standards.models import (
    CalculationPolicy,
    Framework,
    PerformanceIndicator,
    ProficiencyScale,
    ScaleLevel,
    Standard,
)


def engine_scale(scale: ProficiencyScale) -> Scale:
    levels = list(scale.levels.order_by("value"))
    threshold = next((level.value for level in levels if level.is_threshold), None)
    if threshold is None:
        raise ValueError(f"The scale '{scale}' has no proficiency threshold level.")
    return Scale.of([(float(level.value), level.label) for level in levels], float(threshold))


def engine_policy(policy: CalculationPolicy) -> Policy:
    return Policy(
        method=policy.method,
        params=dict(policy.parameters or {}),
        minimum_evidence=int(policy.minimum_evidence),
        rounding=policy.rounding,
        rollup=policy.rollup,
        rollup_params=dict(policy.rollup_parameters or {}),
        minimum_share=float(policy.minimum_share_assessed),
    )


@dataclass(frozen=True)
class StandardShape:
    id: int
    code: str
    title: str
    required: bool
    indicator_ids: tuple[int, ...]  # in reporting order — the order roll-ups add them up


@dataclass(frozen=True)
class Part:
    """The standards scored on one scale: academic, or work habits."""

    scale: Scale
    level_ids: tuple[int, ...]  # ScaleLevel pk per engine level index
    standards: tuple[StandardShape, ...]

    @property
    def indicator_ids(self) -> tuple[int, ...]:
        return tuple(i for standard in self.standards for i in standard.indicator_ids)

    def level_id(self, index: int) -> int | None:
        return self.level_ids[index] if index >= 0 else None


@dataclass(frozen=True)
class FrameworkShape:
    framework_id: int
    policy: Policy
    version: int
    academic: Part
    work_habits: Part | None
    part_of_indicator: dict[int, Part] = field(default_factory=dict)
    standard_of_indicator: dict[int, StandardShape] = field(default_factory=dict)

    @property
    def parts(self) -> tuple[Part, ...]:
        return (self.academic,) if self.work_habits is None else (self.academic, self.work_habits)

    @property
    def required(self) -> tuple[StandardShape, ...]:
        return tuple(s for s in self.academic.standards if s.required)


def _part(scale: ProficiencyScale, standards: list[Standard]) -> Part:
    shapes = tuple(
        StandardShape(
            s.pk,
            s.code,
            s.title,
            s.required_for_graduation,
            tuple(i.pk for i in s.indicators.all()),  # Meta ordering: position, code
        )
        for s in standards
    )
    level_ids = tuple(scale.levels.order_by("value").values_list("pk", flat=True))
    return Part(engine_scale(scale), level_ids, shapes)


def load_shape(framework: Framework) -> FrameworkShape:
    policy = CalculationPolicy.objects.filter(framework=framework).first()
    if policy is None:
        raise ValueError(f"The framework '{framework}' has no calculation policy.")
    standards = list(framework.standards.prefetch_related("indicators").order_by("position", "code"))
    academic = _part(framework.scale, [s for s in standards if not s.is_work_habit])
    habits_standards = [s for s in standards if s.is_work_habit]
    habits = None
    if habits_standards:
        if framework.work_habit_scale is None:
            raise ValueError(f"The framework '{framework}' has work-habit standards but no work-habit scale.")
        habits = _part(framework.work_habit_scale, habits_standards)
    return _index(FrameworkShape(framework.pk, engine_policy(policy), policy.version, academic, habits))


def _index(shape: FrameworkShape) -> FrameworkShape:
    for part in shape.parts:
        for standard in part.standards:
            for indicator_id in standard.indicator_ids:
                shape.part_of_indicator[indicator_id] = part
                shape.standard_of_indicator[indicator_id] = standard
    return shape


def load_partial_shapes(indicator_ids: list[int]) -> list[FrameworkShape]:
    """Shapes holding only the standards of ``indicator_ids`` — four queries, whatever the framework's size.

    For the incremental path; ``required`` of a partial shape is incomplete, so graduation is read elsewhere.
    """
    touched = list(
        PerformanceIndicator.objects.filter(pk__in=indicator_ids).values_list(
            "standard_id",
            "standard__code",
            "standard__title",
            "standard__required_for_graduation",
            "standard__kind",
            "standard__framework_id",
        )
    )
    standards = {row[0]: row for row in touched}
    members: dict[int, list[int]] = {}
    for standard_id, indicator_id in (
        PerformanceIndicator.objects.filter(standard_id__in=standards)
        .order_by("standard_id", "position", "code")
        .values_list("standard_id", "pk")
    ):
        members.setdefault(standard_id, []).append(indicator_id)
    policies = {p.framework_id: p for p in CalculationPolicy.objects.filter(
        framework_id__in={row[5] for row in touched}
    ).select_related("framework")}
    scale_ids = {p.framework.scale_id for p in policies.values()} | {
        p.framework.work_habit_scale_id for p in policies.values() if p.framework.work_habit_scale_id
    }
    levels: dict[int, list[tuple[int, float, str, bool]]] = {}
    for scale_id, pk, value, label, is_threshold in (
        ScaleLevel.objects.filter(scale_id__in=scale_ids)
        .order_by("scale_id", "value")
        .values_list("scale_id", "pk", "value", "label", "is_threshold")
    ):
        levels.setdefault(scale_id, []).append((pk, float(value), label, is_threshold))

    def part(scale_id: int, rows: list[tuple[object, ...]]) -> Part:
        scale_levels = levels[scale_id]
        threshold = next((value for _, value, _, flag in scale_levels if flag), None)
        if threshold is None:
            raise ValueError("The scale has no proficiency threshold level.")
        scale = Scale.of([(value, label) for _, value, label, _ in scale_levels], threshold)
        shapes = tuple(
            StandardShape(int(r[0]), str(r[1]), str(r[2]), bool(r[3]), tuple(members[int(r[0])]))  # type: ignore[call-overload]
            for r in rows
        )
        return Part(scale, tuple(pk for pk, _, _, _ in scale_levels), shapes)

    shapes = []
    for framework_id, policy in policies.items():
        rows = [r for r in standards.values() if r[5] == framework_id]
        academic = [r for r in rows if r[4] != Standard.Kind.WORK_HABIT]
        habits = [r for r in rows if r[4] == Standard.Kind.WORK_HABIT]
        framework = policy.framework
        if habits and framework.work_habit_scale_id is None:
            raise ValueError(f"The framework '{framework}' has work-habit standards but no work-habit scale.")
        shapes.append(
            _index(
                FrameworkShape(
                    framework_id,
                    engine_policy(policy),
                    policy.version,
                    part(framework.scale_id, academic),
                    part(framework.work_habit_scale_id, habits) if habits else None,
                )
            )
        )
    return shapes
