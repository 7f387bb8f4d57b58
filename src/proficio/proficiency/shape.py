"""A framework as the engine needs it: scales, policy, and standards with their indicators in order.

Loaded once per recompute (a handful of queries), so neither path queries the framework per student.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable
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


def engine_scale(scale: ProficiencyScale, levels: list[ScaleLevel] | None = None) -> Scale:
    levels = levels if levels is not None else list(scale.levels.order_by("value"))
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
    levels = list(scale.levels.order_by("value"))
    return Part(engine_scale(scale, levels), tuple(level.pk for level in levels), shapes)


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


# framework id → (revision, shape). Checked against the database's revision on every use; see standards/signals.py.
_CACHE: dict[int, tuple[uuid.UUID, FrameworkShape]] = {}
_CACHE_LOCK = threading.Lock()


def shapes_for_indicators(indicator_ids: Iterable[int]) -> list[FrameworkShape]:
    """The shapes of the frameworks these indicators belong to: one query while the cache is current."""
    stamps = set(
        PerformanceIndicator.objects.filter(pk__in=list(indicator_ids))
        .filter(standard__framework__policy__isnull=False)
        .values_list("standard__framework_id", "standard__framework__revision")
    )
    shapes = []
    for framework_id, revision in sorted(stamps):
        with _CACHE_LOCK:
            cached = _CACHE.get(framework_id)
        if cached is None or cached[0] != revision:
            cached = (revision, load_shape(Framework.objects.get(pk=framework_id)))
            with _CACHE_LOCK:
                _CACHE[framework_id] = cached
        shapes.append(cached[1])
    return shapes


def cached_shape_holding(indicator_ids: Iterable[int]) -> tuple[uuid.UUID, FrameworkShape] | None:
    """A cached shape (with the revision it was loaded at) that holds every one of these indicators, if any.

    Only a guess, made without a query: the caller must confirm in the database that the indicators still
    belong to that framework at that revision before using it (``shapes_for_indicators`` is the sure way).
    """
    wanted = list(indicator_ids)
    with _CACHE_LOCK:
        cached = list(_CACHE.values())
    for revision, shape in cached:
        if all(i in shape.part_of_indicator for i in wanted):
            return revision, shape
    return None
