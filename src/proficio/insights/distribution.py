"""Proficiency by standard: how a school's students stand on each required graduation standard, level by level.

For each standard of the current framework that graduation requires (work habits aside), the number of the
school's active high-school students (or one grade's, one course's or one section's) at each level of the scale,
lowest first, and the number with no level yet — every student counted once per standard, so each row adds up to
the students in view. Read from ``StandardResult``, which the engine keeps current, or for a past term from that
term's ``ResultSnapshot`` (the students then of that school and grade, with a snapshot row): one grouped query,
no scan of scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from proficio.insights.readiness import HIGH_SCHOOL_GRADES
from proficio.proficiency.models import ResultSnapshot, StandardResult
from proficio.roster.models import Enrollment, Student
from proficio.standards.models import Standard

NO_LEVEL = "No level yet"


@dataclass(frozen=True)
class LevelCount:
    label: str
    value: float | None  # None for "no level yet"
    students: int


@dataclass(frozen=True)
class StandardDistribution:
    code: str
    title: str
    students: int
    levels: list[LevelCount]

    def share(self, level: LevelCount) -> float:
        return level.students / self.students if self.students else 0.0


@dataclass(frozen=True)
class InView:
    """Which students the distribution counts, and when: a grade, a course or one section of it, and either
    today (``term_id`` None: the results the engine keeps now) or the end of a past term (its snapshot)."""

    grade: int | None = None
    course_id: int | None = None
    section_id: int | None = None
    term_id: int | None = None


def _enrolled(students: QuerySet[Student], view: InView) -> QuerySet[Student]:
    if view.section_id is not None:
        return students.filter(
            user__enrollments__section_id=view.section_id, user__enrollments__role=Enrollment.Role.STUDENT
        )
    if view.course_id is not None:
        return students.filter(
            user__enrollments__section__course_id=view.course_id, user__enrollments__role=Enrollment.Role.STUDENT
        )
    return students


def _level_counts(school_ids: Sequence[int], view: InView) -> tuple[int, QuerySet[Any]]:
    """(students in view, their results grouped by standard and level): today's results, or a term's snapshot."""
    grades = (view.grade,) if view.grade is not None else HIGH_SCHOOL_GRADES
    if view.term_id is None:
        students = _enrolled(Student.objects.filter(school_id__in=school_ids, is_active=True, grade__in=grades), view)
        results = StandardResult.objects.filter(student__in=students.values("pk"), framework__is_current=True)
        return students.distinct().count(), results
    taken = ResultSnapshot.objects.filter(term_id=view.term_id, school_id__in=school_ids, grade__in=grades)
    taken = taken.filter(student__in=_enrolled(Student.objects.all(), view).values("pk"))
    return taken.values("student_id").distinct().count(), taken


def distribution(
    school_ids: Sequence[int], *, grade: int | None = None, view: InView | None = None
) -> list[StandardDistribution]:
    """One row per required standard (in framework order) for the schools' students (already checked as the
    reader's) in view — by default every active high-school student, today."""
    view = view or InView(grade=grade)
    total, results = _level_counts(school_ids, view)
    counted = (
        results.filter(standard__required_for_graduation=True, level__isnull=False)
        .exclude(standard__kind=Standard.Kind.WORK_HABIT)
        .values("standard_id", "level__value", "level__label")
        .annotate(n=Count("id"))
    )
    by_standard: dict[int, list[LevelCount]] = defaultdict(list)
    for row in counted:
        by_standard[row["standard_id"]].append(LevelCount(row["level__label"], float(row["level__value"]), row["n"]))
    standards = (
        Standard.objects.filter(
            framework__is_current=True,
            framework__district__schools__in=school_ids,
            required_for_graduation=True,
        )
        .exclude(kind=Standard.Kind.WORK_HABIT)
        .distinct()
        .order_by("position", "code")
    )
    rows = []
    for standard in standards:
        levels = sorted(by_standard.get(standard.pk, []), key=lambda level: level.value or 0.0)
        without = total - sum(level.students for level in levels)
        rows.append(
            StandardDistribution(standard.code, standard.title, total, [LevelCount(NO_LEVEL, None, without), *levels])
        )
    return rows


NO_LEVEL_COLOUR = "#d0d4dc"
LEVEL_COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")  # light (low) to dark (high)


def _colours(rows: Sequence[StandardDistribution]) -> tuple[list[str], list[str]]:
    """The levels in scale order (no level first) and a colour each: grey, then lighter to darker blue."""
    levels = sorted({(level.value, level.label) for row in rows for level in row.levels if level.value is not None})
    labels = [label for _value, label in levels]
    blues = list(LEVEL_COLOURS[-len(labels) :]) if len(labels) <= len(LEVEL_COLOURS) else []
    return [NO_LEVEL, *labels], [NO_LEVEL_COLOUR, *blues] if blues else []


def chart_spec(rows: Sequence[StandardDistribution]) -> dict[str, Any]:
    """A stacked bar per standard: the share of students at each level (Vega-Lite, built with Altair)."""
    import altair as alt  # imported on first use: it is large

    values = [
        {
            "standard": row.code,
            "level": level.label,
            "order": -1 if level.value is None else level.value,
            "students": level.students,
            "share": round(row.share(level), 4),
        }
        for row in rows
        for level in row.levels
    ]
    domain, colours = _colours(rows)
    scale = alt.Scale(domain=domain, range=colours) if colours else alt.Scale(domain=domain, scheme="blues")
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            y=alt.Y("standard:N", title="Standard", sort=[row.code for row in rows]),
            x=alt.X("share:Q", title="Share of students", stack="normalize", axis=alt.Axis(format="%")),
            color=alt.Color("level:N", title="Level", scale=scale, sort=domain),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("standard:N"), alt.Tooltip("level:N"), alt.Tooltip("students:Q")],
        )
        .properties(width="container", height=max(120, 16 * len(rows)))
    )
    return chart.to_dict(validate=False)


def alternative(rows: Sequence[StandardDistribution]) -> str:
    """The chart in words: on which standards most students are at which level (the table gives every number)."""
    if not rows or not rows[0].students:
        return "No students in view."
    by_top: dict[str, list[str]] = defaultdict(list)
    order: dict[str, float] = {}
    for row in rows:
        top = max(row.levels, key=lambda level: (level.students, level.value or -1.0))
        by_top[top.label].append(row.code)
        order[top.label] = -1.0 if top.value is None else top.value
    parts = []
    for label in sorted(by_top, key=lambda name: order[name]):
        codes = by_top[label]
        listed = ", ".join(codes) if len(codes) <= 8 else ", ".join(codes[:8]) + f" and {len(codes) - 8} more"
        where = "have no level yet" if label == NO_LEVEL else f"are at {label}"
        parts.append(f"most students {where} on {len(codes)} standard{'s' if len(codes) != 1 else ''} ({listed})")
    text = "; ".join(parts)
    return f"Of {rows[0].students} students: {text}."
