"""Keeping the result cache in step with evidence and policy.

- ``recompute_student``: after a score is recorded or corrected, the affected student × indicators, their
  standards and the student's graduation status — with the scalar engine, inside the caller's transaction.
- ``recompute_framework``: everything for a framework with the columnar engine; writes only rows that
  changed, so running it twice changes nothing.

Both paths produce the same rows (the engines agree bit for bit; a test recomputes both ways and compares).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from proficio.engine import batch
from proficio.engine.indicator import evaluate_indicator
from proficio.engine.rollup import StandardResult as EngineStandardResult
from proficio.engine.rollup import rollup_standard
from proficio.proficiency.evidence import counted_scores, evidence_rows, rows_for
from proficio.proficiency.models import GraduationStatus, IndicatorResult, StandardResult
from proficio.proficiency.shape import FrameworkShape, Part, StandardShape, load_shape, shapes_for_indicators
from proficio.roster.models import Student
from proficio.standards.models import Framework, PerformanceIndicator, Standard

Progress = Callable[[str, int, int], None]  # (stage, done, total)

# Row contents compared to decide whether a cached row changed (keys: the row's natural key).
IndicatorRow = tuple[float | None, int | None, bool, int]  # value, level id, proficient, evidence count
StandardRow = tuple[float | None, int | None, bool, int, int, int]  # value, level, proficient, assessed, total, prof.
GraduationRow = tuple[bool, int, int, tuple[str, ...]]  # met, required, met count, missing codes


STANDARD_FIELDS = (
    "value",
    "level_id",
    "is_proficient",
    "indicators_assessed",
    "indicators_total",
    "indicators_proficient",
)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass
class RecomputeReport:
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    by_table: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.removed

    def add(self, table: str, created: int, updated: int, removed: int, unchanged: int) -> None:
        self.created += created
        self.updated += updated
        self.removed += removed
        self.unchanged += unchanged
        self.by_table[table] = (created, updated, removed, unchanged)


# --- incremental: one student ------------------------------------------------------------------------------
#
# The incremental path finds the framework's shape in a per-process cache (one query checks its revision),
# recomputes only the touched indicators and standards, and takes the other standards' results from the
# result cache, so recording a score costs a dozen small queries whatever the size of the framework.


def _value(v: float | None) -> float | None:
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)


def _upsert(model: type[models.Model], key: dict[str, int], values: dict[str, Any]) -> None:
    """UPDATE the cached row, or INSERT it when there is none: no savepoint, no read first."""
    manager = model.objects  # type: ignore[attr-defined]
    if not manager.filter(**key).update(**values, computed_at=timezone.now()):
        manager.create(**key, **values)


def _level_id(part: Part, level: Any) -> int | None:
    return part.level_ids[part.scale.levels.index(level)] if level is not None else None


def _standard_values(part: Part, result: EngineStandardResult, version: int) -> dict[str, Any]:
    return {
        "value": _value(result.value),
        "level_id": _level_id(part, result.level),
        "is_proficient": result.proficient,
        "indicators_assessed": result.assessed,
        "indicators_total": result.total,
        "indicators_proficient": result.proficient_count,
        "policy_version": version,
    }


def recompute_student(student: Student | int, indicators: Iterable[PerformanceIndicator | int]) -> None:
    """Recompute ``indicators`` for one student, then their standards and the student's graduation status.

    Runs inside the caller's transaction (a recorded score triggers it before the transaction commits), so
    the cache never disagrees with committed evidence.
    """
    student_id = student if isinstance(student, int) else student.pk
    indicator_ids = sorted({i if isinstance(i, int) else i.pk for i in indicators})
    with transaction.atomic(savepoint=False):  # inside the scoring transaction: no savepoint round trips
        for shape in shapes_for_indicators(indicator_ids):
            _recompute_student_in(shape, student_id, [i for i in indicator_ids if i in shape.part_of_indicator])


def _recompute_student_in(shape: FrameworkShape, student_id: int, indicator_ids: Sequence[int]) -> None:
    evidence = rows_for(student_id, indicator_ids)
    for indicator_id in indicator_ids:
        part = shape.part_of_indicator[indicator_id]
        rows = evidence[indicator_id]
        key = {"student_id": student_id, "indicator_id": indicator_id}
        if not rows:
            IndicatorResult.objects.filter(**key).delete()
            continue
        result = evaluate_indicator([r.value for r in rows], part.scale, shape.policy)
        _upsert(
            IndicatorResult,
            key,
            {
                "framework_id": shape.framework_id,
                "value": _value(result.value),
                "level_id": _level_id(part, result.level),
                "is_proficient": result.proficient,
                "evidence_count": result.evidence_count,
                "policy_version": shape.version,
            },
        )

    for part in shape.parts:
        touched = [s for s in part.standards if any(i in indicator_ids for i in s.indicator_ids)]
        for standard, result in _rollup_from_cache(student_id, shape, part, touched).items():
            key = {"student_id": student_id, "standard_id": standard.id}
            if result.assessed == 0:
                StandardResult.objects.filter(**key).delete()
            else:
                values = _standard_values(part, result, shape.version)
                _upsert(StandardResult, key, {"framework_id": shape.framework_id, **values})
    _save_graduation_from_cache(student_id, shape)


def _rollup_from_cache(
    student_id: int, shape: FrameworkShape, part: Part, standards: Sequence[StandardShape]
) -> dict[StandardShape, EngineStandardResult]:
    """Roll the student's cached indicator levels up into ``standards`` (all scored on ``part``'s scale)."""
    if not standards:
        return {}
    level_of_id = {level_id: part.scale.levels[index] for index, level_id in enumerate(part.level_ids)}
    wanted = [i for s in standards for i in s.indicator_ids]
    cached = IndicatorResult.objects.filter(student_id=student_id, indicator_id__in=wanted)
    levels = {i: level_of_id.get(level_id) for i, level_id in cached.values_list("indicator_id", "level_id")}
    # Indicators with no evidence and with insufficient evidence both have no level.
    return {s: rollup_standard([levels.get(i) for i in s.indicator_ids], part.scale, shape.policy) for s in standards}


def _save_graduation_from_cache(student_id: int, shape: FrameworkShape) -> None:
    """Graduation from the cached standard results (the touched ones were just brought up to date)."""
    proficient = StandardResult.objects.filter(student_id=student_id, standard=OuterRef("pk"), is_proficient=True)
    met = dict(
        Standard.objects.filter(framework_id=shape.framework_id, required_for_graduation=True)
        .exclude(kind=Standard.Kind.WORK_HABIT)
        .order_by("position", "code")
        .values_list("code", Exists(proficient))
    )
    missing = [code for code, ok in met.items() if not ok]
    _upsert(
        GraduationStatus,
        {"student_id": student_id, "framework_id": shape.framework_id},
        {
            "met": bool(met) and not missing,
            "standards_required": len(met),
            "standards_met": len(met) - len(missing),
            "missing": missing,
            "policy_version": shape.version,
        },
    )


# --- full: a whole framework with the columnar engine -----------------------------------------------------


@dataclass
class _Desired:
    indicators: dict[tuple[int, int], IndicatorRow] = field(default_factory=dict)
    standards: dict[tuple[int, int], StandardRow] = field(default_factory=dict)
    graduation: dict[tuple[int, int], GraduationRow] = field(default_factory=dict)


def _student_ids(framework: Framework, evidence_students: set[int]) -> list[int]:
    enrolled: set[int] = set()
    if framework.district_id is not None:
        enrolled = set(Student.objects.filter(school__district_id=framework.district_id).values_list("pk", flat=True))
    return sorted(enrolled | evidence_students)


def _compute_part(
    shape: FrameworkShape, part: Part, rows: list[Any], student_ids: list[int], desired: _Desired
) -> None:
    indicator_ids = part.indicator_ids
    indicator_code = {indicator_id: k for k, indicator_id in enumerate(indicator_ids)}
    student_code = {student_id: k for k, student_id in enumerate(student_ids)}
    mine = [r for r in rows if r.indicator_id in indicator_code]
    columns = batch.indicator_results(
        np.fromiter((student_code[r.student_id] for r in mine), dtype=np.int64, count=len(mine)),
        np.fromiter((indicator_code[r.indicator_id] for r in mine), dtype=np.int64, count=len(mine)),
        np.fromiter((r.order_number for r in mine), dtype=np.int64, count=len(mine)),
        np.fromiter((r.value for r in mine), dtype=np.float64, count=len(mine)),
        scale=part.scale,
        policy=shape.policy,
        n_students=len(student_ids),
        n_indicators=len(indicator_ids),
    )
    threshold = part.scale.values.index(part.scale.threshold)
    for s, i, value, level, count in zip(
        columns.student.tolist(),
        columns.indicator.tolist(),
        columns.value.tolist(),
        columns.level.tolist(),
        columns.count.tolist(),
        strict=True,
    ):
        desired.indicators[(student_ids[s], indicator_ids[i])] = (
            _value(value),
            part.level_id(level),
            level >= threshold,
            count,
        )

    matrix = batch.level_matrix(columns, len(student_ids), len(indicator_ids))
    standard_of = [j for j, standard in enumerate(part.standards) for _ in standard.indicator_ids]
    standards = batch.standard_results(matrix, standard_of, len(part.standards), part.scale, shape.policy)
    assessed_s, assessed_j = np.nonzero(standards.assessed)
    for s, j in zip(assessed_s.tolist(), assessed_j.tolist(), strict=True):
        level = int(standards.level[s, j])
        desired.standards[(student_ids[s], part.standards[j].id)] = (
            _value(float(standards.value[s, j])),
            part.level_id(level),
            level >= threshold,
            int(standards.assessed[s, j]),
            len(part.standards[j].indicator_ids),
            int(standards.proficient_count[s, j]),
        )

    if part is shape.academic:
        required = [standard.required for standard in part.standards]
        verdict = batch.graduation_results(standards, required, part.scale)
        required_codes = [standard.code for standard in part.standards if standard.required]
        required_columns = [j for j, standard in enumerate(part.standards) if standard.required]
        below = standards.level[:, required_columns] < threshold
        for s, student_id in enumerate(student_ids):
            missing = tuple(code for code, short in zip(required_codes, below[s].tolist(), strict=True) if short)
            desired.graduation[(student_id, shape.framework_id)] = (
                bool(verdict.met[s]),
                len(required_codes),
                len(required_codes) - len(missing),
                missing,
            )


def _chunks(items: Sequence[Any], size: int = 900) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class _Table:
    label: str
    model: type[models.Model]
    key_fields: tuple[str, str]
    row_fields: tuple[str, ...]


_TABLES = (
    _Table(
        "indicator results",
        IndicatorResult,
        ("student_id", "indicator_id"),
        ("value", "level_id", "is_proficient", "evidence_count"),
    ),
    _Table("standard results", StandardResult, ("student_id", "standard_id"), STANDARD_FIELDS),
    _Table(
        "graduation statuses",
        GraduationStatus,
        ("student_id", "framework_id"),
        ("met", "standards_required", "standards_met", "missing"),
    ),
)


def _sync(
    table: _Table, desired: dict[tuple[int, int], tuple[Any, ...]], framework_id: int, version: int
) -> tuple[int, int, int, int]:
    """Make the cached rows equal ``desired``; only rows that differ are touched. (created, updated, removed, same)"""
    manager = table.model.objects  # type: ignore[attr-defined]
    existing: dict[tuple[int, int], tuple[int, tuple[Any, ...], int]] = {}
    rows = manager.filter(framework_id=framework_id).values_list(
        "pk", *table.key_fields, "policy_version", *table.row_fields
    )
    for pk, k1, k2, version_seen, *fields in rows:
        if table.model is GraduationStatus:
            fields[-1] = tuple(fields[-1])  # missing codes: JSON list in the table, tuple in memory
        existing[(k1, k2)] = (pk, tuple(fields), version_seen)

    def make(key: tuple[int, int], row: tuple[Any, ...]) -> models.Model:
        values = dict(zip(table.key_fields + table.row_fields, key + row, strict=True))
        if table.model is GraduationStatus:
            values["missing"] = list(values["missing"])
        values.setdefault("framework_id", framework_id)
        return table.model(**values, policy_version=version)

    stale_pks: list[int] = []
    created: list[models.Model] = []
    updated = same = 0
    for key, row in desired.items():
        found = existing.pop(key, None)
        if found is None:
            created.append(make(key, row))
        elif found[1] != row or found[2] != version:
            stale_pks.append(found[0])
            created.append(make(key, row))
            updated += 1
        else:
            same += 1
    removed = [pk for pk, _, _ in existing.values()]
    for chunk in _chunks(stale_pks + removed):
        manager.filter(pk__in=chunk).delete()
    manager.bulk_create(created, batch_size=2000)
    return len(created) - updated, updated, len(removed), same


def recompute_framework(
    framework: Framework, progress: Progress = _no_progress, *, as_of: date | None = None
) -> RecomputeReport:
    """Rebuild every result of ``framework`` from evidence + policy; writes only what changed.

    ``as_of`` rebuilds the results as they stood at the end of that day, from the evidence dated up to it — for
    a term's snapshot written after the fact (the demo's past terms); a later plain run puts today's back."""
    shape = load_shape(framework)
    steps = 4 + len(shape.parts)
    progress(f"{framework.title}: reading evidence", 0, steps)
    rows = evidence_rows(counted_scores().filter(indicator__standard__framework=framework))
    if as_of is not None:
        rows = [row for row in rows if row.on <= as_of]
    student_ids = _student_ids(framework, {r.student_id for r in rows})
    desired = _Desired()
    for done, part in enumerate(shape.parts, start=1):
        progress(f"{framework.title}: computing", done, steps)
        _compute_part(shape, part, rows, student_ids, desired)

    report = RecomputeReport()
    wanted = (desired.indicators, desired.standards, desired.graduation)
    with transaction.atomic():
        for done, (table, rows) in enumerate(zip(_TABLES, wanted, strict=True), start=steps - 3):
            progress(f"{framework.title}: saving {table.label}", done, steps)
            report.add(table.label, *_sync(table, rows, shape.framework_id, shape.version))
    progress(f"{framework.title}: done", steps, steps)
    return report


def stale_count(framework: Framework) -> int:
    """Cached results computed under an older policy version than the framework's current one."""
    version = framework.policy.version
    return sum(
        model.objects.filter(framework=framework).exclude(policy_version=version).count()  # type: ignore[attr-defined]
        for model in (IndicatorResult, StandardResult, GraduationStatus)
    )
