"""Keeping the result cache in step with evidence and policy.

- ``recompute_student``: after a score is recorded or corrected, the affected student × indicators, their
  standards and the student's graduation status — with the scalar engine, inside the caller's transaction.
- ``recompute_framework``: everything for a framework with the columnar engine; writes only rows that
  changed, so running it twice changes nothing.

Both paths produce the same rows (the engines agree bit for bit; tests recompute both ways and compare, and
tests/proficiency/test_incremental_matches_full.py holds any sequence of recordings to a full recompute).
A row is written only when its contents change, so ``computed_at`` says when a result last changed.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from django.db import connection, models, transaction
from django.utils import timezone

from proficio.engine import batch
from proficio.engine.indicator import evaluate_indicator
from proficio.engine.rollup import StandardResult as EngineStandardResult
from proficio.engine.rollup import rollup_standard
from proficio.proficiency.evidence import counted_scores, evidence_rows, rows_for
from proficio.proficiency.models import GraduationStatus, IndicatorResult, StandardResult
from proficio.proficiency.shape import (
    FrameworkShape,
    Part,
    StandardShape,
    cached_shape_holding,
    load_shape,
    shapes_for_indicators,
)
from proficio.roster.models import Student
from proficio.standards.models import CalculationPolicy, Framework, PerformanceIndicator, Standard

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
# Recording a score costs, besides the score itself, two reads and one write per result that changed:
#
# 1. the touched indicators' counted evidence (``rows_for``);
# 2. in one UNION ALL query, every cached row the recompute needs — the indicator results of the touched
#    standards, the standard results of those standards and of the graduation standards, the graduation
#    status — and, when the framework's shape came from the per-process cache, a row per touched indicator
#    confirming that it still belongs to that framework at the cached revision (otherwise the shape is looked
#    up and loaded the sure way, ``shapes_for_indicators``, and the rows read again);
# 3. only rows whose contents differ from what was read are written — one INSERT … ON CONFLICT DO UPDATE per
#    table — as the full path, too, writes only what changed; nothing written is read back.
#
# The roll-up and graduation are computed from the rows read in (2) with the touched indicators' new levels
# put in their place — the same inputs the cache would give after the indicator rows were written.

_INDICATOR_ROW = ("framework", "value", "level", "is_proficient", "evidence_count", "policy_version")
_STANDARD_ROW = ("framework", *(f.removesuffix("_id") for f in STANDARD_FIELDS), "policy_version")
_GRADUATION_ROW = ("met", "standards_required", "standards_met", "missing", "policy_version")


def _value(v: float | None) -> float | None:
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)


def _level_id(part: Part, level: Any) -> int | None:
    return part.level_ids[part.scale.levels.index(level)] if level is not None else None


@dataclass
class _Cached:
    """One student's cached rows, each as a tuple in the order of the ``_*_ROW`` field names."""

    indicators: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    standards: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    graduation: tuple[Any, ...] | None = None
    confirmed: set[int] = field(default_factory=set)  # touched indicators still in the shape at its revision


@dataclass
class _Changes:
    """What to write: rows to insert or update, keyed by their object id, and object ids whose row goes."""

    indicators: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    standards: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    graduation: tuple[Any, ...] | None = None
    gone_indicators: list[int] = field(default_factory=list)
    gone_standards: list[int] = field(default_factory=list)


def recompute_student(student: Student | int, indicators: Iterable[PerformanceIndicator | int]) -> None:
    """Recompute ``indicators`` for one student, then their standards and the student's graduation status.

    Runs inside the caller's transaction (a recorded score triggers it before the transaction commits), so
    the cache never disagrees with committed evidence.
    """
    student_id = student if isinstance(student, int) else student.pk
    indicator_ids = sorted({i if isinstance(i, int) else i.pk for i in indicators})
    if not indicator_ids:
        return
    with transaction.atomic(savepoint=False):  # inside the scoring transaction: no savepoint round trips
        guess = cached_shape_holding(indicator_ids)
        if guess is not None:
            revision, shape = guess
            cached = _read_cached(student_id, shape, indicator_ids, revision)
            if cached.confirmed == set(indicator_ids):
                _recompute_student_in(shape, student_id, indicator_ids, cached)
                return
        for shape in shapes_for_indicators(indicator_ids):
            mine = [i for i in indicator_ids if i in shape.part_of_indicator]
            _recompute_student_in(shape, student_id, mine, _read_cached(student_id, shape, mine))


def _touched_standards(shape: FrameworkShape, indicator_ids: Sequence[int]) -> list[tuple[Part, StandardShape]]:
    touched = set(indicator_ids)
    return [(p, s) for p in shape.parts for s in p.standards if not touched.isdisjoint(s.indicator_ids)]


def _read_cached(
    student_id: int, shape: FrameworkShape, indicator_ids: Sequence[int], revision: uuid.UUID | None = None
) -> _Cached:
    """The cached rows the recompute of ``indicator_ids`` reads, in one query; with ``revision``, also which
    of the indicators still belong to ``shape``'s framework at that revision (and the framework has a policy)."""
    standards = _touched_standards(shape, indicator_ids)
    indicators = sorted({i for _, s in standards for i in s.indicator_ids})
    standard_ids = sorted({s.id for _, s in standards} | {s.id for s in shape.required})
    ir_sql, sr_sql, gs_sql, confirm_sql = _cached_sql(connection.vendor)
    branches = [ir_sql.replace("IN ()", _in(indicators))]
    params: list[Any] = [student_id, *indicators]
    if standard_ids:
        branches.append(sr_sql.replace("IN ()", _in(standard_ids)))
        params += [student_id, *standard_ids]
    branches.append(gs_sql)
    params += [student_id, shape.framework_id]
    if revision is not None:
        branches.append(confirm_sql.replace("IN ()", _in(indicator_ids)))
        stamp = Framework._meta.get_field("revision").get_db_prep_value(revision, connection)
        params += [*indicator_ids, shape.framework_id, stamp]
    cached = _Cached()
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), params)
        for kind, key, *row, missing in cursor.fetchall():
            if kind == 0:
                cached.indicators[key] = (*row[:3], bool(row[3]), *row[4:6])
            elif kind == 1:
                cached.standards[key] = (*row[:3], bool(row[3]), *row[4:])
            elif kind == 2:
                cached.graduation = (bool(row[3]), *row[4:6], json.loads(missing), row[7])
            else:
                cached.confirmed.add(key)
    return cached


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _column(model: type[models.Model], name: str) -> str:
    column = _field(model, name).column
    assert column is not None
    return connection.ops.quote_name(column)


def _in(ids: Sequence[int]) -> str:
    return f"IN ({', '.join(['%s'] * len(ids))})"


@functools.cache
def _cached_sql(vendor: str) -> tuple[str, str, str, str]:
    """The four branches of ``_read_cached``'s query, written once: plain SQL that SQLite and PostgreSQL both
    run, its eleven columns (kind, key, eight values, missing codes as JSON text) in the ``_*_ROW`` orders.

    Raw SQL because this runs on every recorded score: composing the same query with the ORM took longer
    than running it."""

    def table(model: type[models.Model]) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    def columns(model: type[models.Model], names: Sequence[str]) -> str:
        return ", ".join(_column(model, name) for name in names)

    ir, sr, gs = table(IndicatorResult), table(StandardResult), table(GraduationStatus)
    return (
        f"SELECT 0, indicator_id, {columns(IndicatorResult, _INDICATOR_ROW)}, NULL, NULL, NULL"
        f" FROM {ir} WHERE student_id = %s AND indicator_id IN ()",
        f"SELECT 1, standard_id, {columns(StandardResult, _STANDARD_ROW)}, NULL"
        f" FROM {sr} WHERE student_id = %s AND standard_id IN ()",
        f"SELECT 2, framework_id, NULL, NULL, NULL, {columns(GraduationStatus, _GRADUATION_ROW[:3])}, NULL,"
        f" policy_version, CAST(missing AS TEXT) FROM {gs} WHERE student_id = %s AND framework_id = %s",
        f"SELECT 3, i.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
        f" FROM {table(PerformanceIndicator)} i JOIN {table(Standard)} s ON s.id = i.standard_id"
        f" JOIN {table(Framework)} f ON f.id = s.framework_id"
        f" JOIN {table(CalculationPolicy)} p ON p.framework_id = f.id"
        f" WHERE i.id IN () AND f.id = %s AND f.revision = %s",
    )


def _recompute_student_in(
    shape: FrameworkShape, student_id: int, indicator_ids: Sequence[int], cached: _Cached
) -> None:
    changes = _Changes()
    evidence = rows_for(student_id, indicator_ids)
    level_ids = {i: row[2] for i, row in cached.indicators.items()}  # what the cache holds once written
    for indicator_id in indicator_ids:
        part = shape.part_of_indicator[indicator_id]
        rows = evidence[indicator_id]
        if not rows:
            level_ids.pop(indicator_id, None)
            if indicator_id in cached.indicators:
                changes.gone_indicators.append(indicator_id)
            continue
        result = evaluate_indicator([r.value for r in rows], part.scale, shape.policy)
        row = (
            shape.framework_id,
            _value(result.value),
            _level_id(part, result.level),
            result.proficient,
            result.evidence_count,
            shape.version,
        )
        level_ids[indicator_id] = row[2]
        if cached.indicators.get(indicator_id) != row:
            changes.indicators[indicator_id] = row

    proficient = {standard_id: row[3] for standard_id, row in cached.standards.items()}
    for part, standard in _touched_standards(shape, indicator_ids):
        level_of_id = dict(zip(part.level_ids, part.scale.levels, strict=True))
        # Indicators with no evidence and with insufficient evidence both have no level.
        levels = [level_of_id.get(level_ids.get(i)) for i in standard.indicator_ids]  # type: ignore[arg-type]
        rolled = rollup_standard(levels, part.scale, shape.policy)
        if rolled.assessed == 0:
            proficient.pop(standard.id, None)
            if standard.id in cached.standards:
                changes.gone_standards.append(standard.id)
            continue
        row = _standard_row(shape, part, rolled)
        proficient[standard.id] = row[3]
        if cached.standards.get(standard.id) != row:
            changes.standards[standard.id] = row

    missing = [s.code for s in shape.required if not proficient.get(s.id, False)]
    required = len(shape.required)
    graduation = (bool(required) and not missing, required, required - len(missing), missing, shape.version)
    if cached.graduation != graduation:
        changes.graduation = graduation
    _write(student_id, shape.framework_id, changes)


def _standard_row(shape: FrameworkShape, part: Part, result: EngineStandardResult) -> tuple[Any, ...]:
    return (
        shape.framework_id,
        _value(result.value),
        _level_id(part, result.level),
        result.proficient,
        result.assessed,
        result.total,
        result.proficient_count,
        shape.version,
    )


def _write(student_id: int, framework_id: int, changes: _Changes) -> None:
    """Apply ``changes``: a DELETE per table with rows that go, an upsert per table with rows that changed."""
    if changes.gone_indicators:
        IndicatorResult.objects.filter(student_id=student_id, indicator_id__in=changes.gone_indicators).delete()
    if changes.gone_standards:
        StandardResult.objects.filter(student_id=student_id, standard_id__in=changes.gone_standards).delete()
    tables: list[tuple[type[models.Model], str, dict[int, tuple[Any, ...]], tuple[str, ...]]] = [
        (IndicatorResult, "indicator", changes.indicators, _INDICATOR_ROW),
        (StandardResult, "standard", changes.standards, _STANDARD_ROW),
    ]
    if changes.graduation is not None:
        tables.append((GraduationStatus, "framework", {framework_id: changes.graduation}, _GRADUATION_ROW))
    now = timezone.now()
    for model, key, rows, names in tables:
        if not rows:
            continue
        sql, fields = _upsert_sql(connection.vendor, model, key, names, len(rows))
        params: list[Any] = []
        for pk, row in rows.items():
            values = (student_id, pk, *row, now)
            params += [f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@functools.cache
def _upsert_sql(
    vendor: str, model: type[models.Model], key: str, names: tuple[str, ...], rows: int
) -> tuple[str, tuple[models.Field[Any, Any], ...]]:
    """INSERT … ON CONFLICT (student, ``key``) DO UPDATE for ``rows`` rows of (student, key, *names, computed
    at), in SQL that SQLite and PostgreSQL both run, with the fields that prepare each value for the database.

    A row another transaction inserted since the read is updated, not a failed insert; composing the same
    statement with ``bulk_create`` cost more than running it."""
    every = ("student", key, *names, "computed_at")
    columns = [_column(model, name) for name in every]
    row = f"({', '.join(['%s'] * len(columns))})"
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns[2:])
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(columns)})"
        f" VALUES {', '.join([row] * rows)}"
        f" ON CONFLICT ({columns[0]}, {columns[1]}) DO UPDATE SET {updates}"
    )
    return sql, tuple(_field(model, name) for name in every)


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
    wanted: tuple[dict[tuple[int, int], tuple[Any, ...]], ...] = (
        desired.indicators,
        desired.standards,
        desired.graduation,  # type: ignore[arg-type]  # its rows' last field is a tuple, still a tuple
    )
    with transaction.atomic():
        for done, (table, table_rows) in enumerate(zip(_TABLES, wanted, strict=True), start=steps - 3):
            progress(f"{framework.title}: saving {table.label}", done, steps)
            report.add(table.label, *_sync(table, table_rows, shape.framework_id, shape.version))
    progress(f"{framework.title}: done", steps, steps)
    return report


def stale_count(framework: Framework) -> int:
    """Cached results computed under an older policy version than the framework's current one."""
    version = framework.policy.version
    return sum(
        model.objects.filter(framework=framework).exclude(policy_version=version).count()  # type: ignore[attr-defined]
        for model in (IndicatorResult, StandardResult, GraduationStatus)
    )
