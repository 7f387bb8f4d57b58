"""Graduation readiness by cohort: who is on track, who is at risk and what each still lacks, by student group.

A student's *cohort* is the class they graduate with: a grade-10 student in the school year ending in June 2026
is in the class of 2028. A student is *on track* when they have met at least the share of their required
graduation standards the district expects by the start of their grade (policy as data,
``PROFICIO_ON_TRACK_SHARE``: by default none at the start of grade 9, a quarter at grade 10, half at grade 11,
three quarters at grade 12 — every one by graduation). Standards met come from ``GraduationStatus``, which the
engine keeps current, so nothing here scans scores.

The figures are computed from plain rows (``ReadinessRow``) by pure functions, so each one is testable by hand;
``load_rows`` is the one query that reads them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from proficio.insights.suppression import NOT_RECORDED, hidden_groups
from proficio.proficiency.models import GraduationStatus
from proficio.roster.models import AcademicSession, Student

HIGH_SCHOOL_GRADES = (9, 10, 11, 12)
DEFAULT_ON_TRACK_SHARE = {9: 0.0, 10: 0.25, 11: 0.5, 12: 0.75}


def on_track_shares() -> dict[int, float]:
    configured = getattr(settings, "PROFICIO_ON_TRACK_SHARE", DEFAULT_ON_TRACK_SHARE)
    return {int(grade): float(share) for grade, share in configured.items()}


def school_year_end(today: date) -> int:
    """The calendar year the current school year ends in (July starts a new school year)."""
    return today.year + 1 if today.month >= 7 else today.year


def school_year_name(school_year: int) -> str:
    """A school year as people write it: 2026 → "2025–26"."""
    return f"{school_year - 1}–{school_year % 100:02d}"


def _latest_school_year(school_ids: Sequence[int], today: date) -> tuple[date, date] | None:
    """(first day, last day) of the schools' district's latest school year begun by ``today``."""
    return (
        AcademicSession.objects.filter(
            district__schools__in=school_ids, kind=AcademicSession.Kind.SCHOOL_YEAR, start_date__lte=today
        )
        .order_by("-start_date")
        .values_list("start_date", "end_date")
        .first()
    )


def school_day(school_ids: Sequence[int], today: date) -> date:
    """The day the schools' classes are counted from: today, unless their district's latest school year has ended
    and no new one has begun — then that year's last day, so that until the district rolls its calendar over,
    a grade-12 student stays in the class that year graduates, not the next one."""
    latest = _latest_school_year(school_ids, today)
    return min(today, latest[1]) if latest is not None else today


def school_year_start(school_ids: Sequence[int], today: date) -> date | None:
    """The first day of the schools' current school year (as ``school_day`` counts it), if the district has one."""
    latest = _latest_school_year(school_ids, today)
    return latest[0] if latest is not None else None


def cohort_of(grade: int, today: date) -> int:
    """The class a student in ``grade`` today graduates with (``12`` this school year → this year's class)."""
    return school_year_end(today) + 12 - grade


def expected_by_now(required: int, grade: int, shares: Mapping[int, float]) -> int:
    """Standards a student should have met by the start of ``grade`` (rounded up: on track means at least)."""
    return math.ceil(required * shares.get(grade, 1.0) - 1e-9)


@dataclass(frozen=True)
class ReadinessRow:
    """One high-school student's standing towards graduation, with the groups they belong to."""

    student_id: int
    name: str
    grade: int
    met: int
    required: int
    missing: tuple[str, ...]
    groups: Mapping[str, str]  # dimension → the student's group in it (``"not recorded"`` when unknown)

    def expected(self, shares: Mapping[int, float]) -> int:
        return expected_by_now(self.required, self.grade, shares)

    def on_track(self, shares: Mapping[int, float]) -> bool:
        return self.met >= self.expected(shares)


@dataclass(frozen=True)
class Tally:
    students: int
    on_track: int

    @property
    def share(self) -> float | None:
        return self.on_track / self.students if self.students else None


@dataclass(frozen=True)
class GroupFigure:
    """One group of a breakdown: its tally and its gap to all students (percentage points), or hidden."""

    group: str
    tally: Tally | None  # None when suppressed (too few students, or to protect another small group)
    gap: float | None


@dataclass(frozen=True)
class CohortFigure:
    cohort: int
    grade: int
    all_students: Tally
    breakdowns: dict[str, list[GroupFigure]] = field(default_factory=dict)

    @property
    def any_group_shown(self) -> bool:
        return any(figure.tally is not None for groups in self.breakdowns.values() for figure in groups)


def tally(rows: Iterable[ReadinessRow], shares: Mapping[int, float]) -> Tally:
    items = list(rows)
    return Tally(len(items), sum(1 for row in items if row.on_track(shares)))


def breakdown(
    rows: Sequence[ReadinessRow], dimension: str, shares: Mapping[int, float], *, minimum: int, overall: Tally
) -> list[GroupFigure]:
    """The tally of each group of ``dimension``, with small groups (and their complements) hidden."""
    by_group: dict[str, list[ReadinessRow]] = defaultdict(list)
    for row in rows:
        by_group[row.groups.get(dimension, NOT_RECORDED)].append(row)
    return figures_from_tallies(
        {group: tally(members, shares) for group, members in by_group.items()}, minimum=minimum, overall=overall
    )


def figures_from_tallies(tallies: Mapping[str, Tally], *, minimum: int, overall: Tally) -> list[GroupFigure]:
    """Each group's figure and gap to all students, in name order, small groups (and complements) hidden —
    the one place a readiness breakdown is suppressed, whether its tallies were counted here or in SQL."""
    hidden = hidden_groups({group: t.students for group, t in tallies.items()}, minimum=minimum)
    figures = []
    for group in sorted(tallies):
        if group in hidden:
            figures.append(GroupFigure(group, None, None))
            continue
        share, all_share = tallies[group].share, overall.share
        gap = None if share is None or all_share is None else round((share - all_share) * 100, 1)
        figures.append(GroupFigure(group, tallies[group], gap))
    return figures


def cohorts(
    rows: Sequence[ReadinessRow], today: date, *, dimensions: Sequence[str], minimum: int
) -> list[CohortFigure]:
    """Each cohort in the rows (youngest last), with its tally and one breakdown per dimension."""
    shares = on_track_shares()
    by_grade: dict[int, list[ReadinessRow]] = defaultdict(list)
    for row in rows:
        by_grade[row.grade].append(row)
    figures = []
    for grade in sorted(by_grade, reverse=True):
        members = by_grade[grade]
        overall = tally(members, shares)
        figures.append(
            CohortFigure(
                cohort=cohort_of(grade, today),
                grade=grade,
                all_students=overall,
                breakdowns={
                    dimension: breakdown(members, dimension, shares, minimum=minimum, overall=overall)
                    for dimension in dimensions
                },
            )
        )
    return figures


def at_risk(rows: Iterable[ReadinessRow]) -> list[ReadinessRow]:
    """The students not on track, furthest behind first (standards short of what is expected by now)."""
    shares = on_track_shares()
    behind = [row for row in rows if not row.on_track(shares)]
    return sorted(behind, key=lambda row: (row.met - row.expected(shares), row.name))


# --- reading the rows --------------------------------------------------------------------------------------

DIMENSIONS = ("race_ethnicity", "gender", "economically_disadvantaged", "english_learner", "disability")
DIMENSION_LABELS = {
    "race_ethnicity": "Race and ethnicity",
    "gender": "Gender",
    "economically_disadvantaged": "Economically disadvantaged",
    "english_learner": "English learners",
    "disability": "Students with disabilities (IEP or 504)",
}


def group_labels() -> dict[str, Callable[[object], str]]:
    race = {key: str(label) for key, label in Student.RaceEthnicity.choices}  # plain strings: looked up per row
    gender = {key: str(label) for key, label in Student.Gender.choices}

    def flag(value: object) -> str:
        return NOT_RECORDED if value is None else "yes" if value else "no"

    return {
        "race_ethnicity": lambda value: race.get(str(value), NOT_RECORDED) if value else NOT_RECORDED,
        "gender": lambda value: gender.get(str(value), NOT_RECORDED) if value else NOT_RECORDED,
        "economically_disadvantaged": flag,
        "english_learner": flag,
        "disability": flag,
    }


def statuses(school_ids: Sequence[int]) -> QuerySet[GraduationStatus]:
    return GraduationStatus.objects.filter(
        student__school_id__in=school_ids,
        student__is_active=True,
        student__grade__in=HIGH_SCHOOL_GRADES,
        framework__is_current=True,
    )


ROW_FIELDS = (
    "student_id",
    "student__user__first_name",
    "student__user__last_name",
    "student__grade",
    "standards_met",
    "standards_required",
    "missing",
    *(f"student__{dimension}" for dimension in DIMENSIONS),
)


def row_from_values(v: Mapping[str, Any], labels: Mapping[str, Callable[[object], str]]) -> ReadinessRow:
    """A ``ReadinessRow`` from a graduation status's ``values(*ROW_FIELDS)``."""
    return ReadinessRow(
        student_id=v["student_id"],
        name=f"{v['student__user__first_name']} {v['student__user__last_name']}".strip(),
        grade=v["student__grade"],
        met=v["standards_met"],
        required=v["standards_required"],
        missing=tuple(v["missing"] or ()),
        groups={d: labels[d](v[f"student__{d}"]) for d in DIMENSIONS},
    )


def load_rows(school_ids: Sequence[int]) -> list[ReadinessRow]:
    """Every active high-school student of the schools (already checked as the reader's) with a graduation
    status, in one query."""
    labels = group_labels()
    values = statuses(school_ids).values(*ROW_FIELDS)
    ordered = values.order_by("student__user__last_name", "student__user__first_name", "student_id")
    return [row_from_values(v, labels) for v in ordered]
