"""Readiness counted by the database: each school's share on track, the classes by student group, and the students
furthest behind — for a district's page and a school's alike.

The same definitions as ``readiness`` (on track = standards met ≥ the share of required standards expected by
the start of the student's grade), counted by the database with conditional aggregation, so a district of
100,000 students is read as a few grouped rows rather than one row per student. Group breakdowns go through
``readiness.figures_from_tallies``, the one place readiness figures are suppressed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    Count,
    Expression,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Ceil

from proficio.insights import readiness
from proficio.insights.readiness import CohortFigure, Tally
from proficio.roster.models import School


def on_track_expression(shares: Mapping[int, float]) -> Expression:
    """1 for a student on track, 0 otherwise, as SQL. Standards met are whole, so met ≥ ⌈required × share⌉ is
    met ≥ required × share (less a hair, for shares like 0.1 that floats cannot hold exactly)."""
    whens = [
        When(
            Q(student__grade=grade)
            & Q(
                standards_met__gte=ExpressionWrapper(
                    F("standards_required") * Value(share) - Value(1e-9), output_field=FloatField()
                )
            ),
            then=Value(1),
        )
        for grade, share in shares.items()
    ]
    return Sum(Case(*whens, default=Value(0), output_field=IntegerField()))


@dataclass(frozen=True)
class SchoolReadinessLine:
    school: School
    tally: Tally
    at_risk: int


def school_lines(schools: Sequence[School]) -> list[SchoolReadinessLine]:
    """Each high school's students with a graduation status, on track and at risk (schools already checked)."""
    shares = readiness.on_track_shares()
    counted = {
        row["student__school_id"]: Tally(row["students"], row["on_track"])
        for row in readiness.statuses([s.pk for s in schools])
        .values("student__school_id")
        .annotate(students=Count("id"), on_track=on_track_expression(shares))
    }
    lines = []
    for school in schools:
        tally = counted.get(school.pk, Tally(0, 0))
        lines.append(SchoolReadinessLine(school, tally, tally.students - tally.on_track))
    return lines


def behind_expression(shares: Mapping[int, float]) -> Expression:
    """Standards met minus those expected by now (negative: behind), as SQL — ``ReadinessRow.met - expected``."""
    whens = [
        When(
            student__grade=grade,
            then=F("standards_met")
            - Cast(Ceil(F("standards_required") * Value(share) - Value(1e-9)), output_field=IntegerField()),
        )
        for grade, share in shares.items()
    ]
    return Case(*whens, default=F("standards_met") - F("standards_required"), output_field=IntegerField())


def furthest_behind(school_ids: Sequence[int], *, limit: int) -> tuple[int, list[readiness.ReadinessRow]]:
    """How many students of the schools (already checked) are at risk, and the ``limit`` furthest behind, in the
    order of ``readiness.at_risk``: the furthest behind first, then by name."""
    shares = readiness.on_track_shares()
    behind = readiness.statuses(school_ids).annotate(behind=behind_expression(shares)).filter(behind__lt=0)
    first = behind.order_by("behind", "student__user__first_name", "student__user__last_name", "student_id")
    labels = readiness.group_labels()
    return behind.count(), [readiness.row_from_values(v, labels) for v in first.values(*readiness.ROW_FIELDS)[:limit]]


def _grade(row: Mapping[str, Any]) -> int:
    grade = row["student__grade"]
    assert grade is not None  # readiness.statuses keeps the high-school grades only
    return int(grade)


def _add(before: Tally | None, counted: Tally) -> Tally:
    return counted if before is None else Tally(before.students + counted.students, before.on_track + counted.on_track)


def cohorts(school_ids: Sequence[int], today: date, *, dimensions: Sequence[str], minimum: int) -> list[CohortFigure]:
    """The district's classes (the schools already checked), each broken down by group, as ``readiness.cohorts``
    computes them for one school — but counted in SQL.

    One grouped query, by grade and every dimension at once (a few thousand rows at most), folded here into each
    grade's total and each dimension's groups: every pass over the district's graduation statuses costs about as
    much as the whole page may (~80 ms for 100,000 students), so the statuses are read once, not once per
    dimension and once more for the totals."""
    shares = readiness.on_track_shares()
    columns = [f"student__{dimension}" for dimension in dimensions]
    rows = (
        readiness.statuses(school_ids)
        .values("student__grade", *columns)
        .annotate(students=Count("id"), on_track=on_track_expression(shares))
        .order_by()
    )
    labels = readiness.group_labels()
    overall: dict[int, Tally] = {}
    by_grade: dict[int, dict[str, dict[str, Tally]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        grade, counted = _grade(row), Tally(row["students"], row["on_track"])
        overall[grade] = _add(overall.get(grade), counted)
        for dimension, column in zip(dimensions, columns, strict=True):
            group = labels[dimension](row[column])  # several stored values may read as one group
            by_grade[grade][dimension][group] = _add(by_grade[grade][dimension].get(group), counted)
    return [
        CohortFigure(
            cohort=readiness.cohort_of(grade, today),
            grade=grade,
            all_students=overall[grade],
            breakdowns={
                dimension: readiness.figures_from_tallies(
                    by_grade[grade][dimension], minimum=minimum, overall=overall[grade]
                )
                for dimension in dimensions
            },
        )
        for grade in sorted(overall, reverse=True)
    ]
