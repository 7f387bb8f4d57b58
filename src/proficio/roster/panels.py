"""What the roster gives the home page: a district's schools and a school's students counted by grade and group.

Only counts, never a named student: coaches read these figures too. Every function here reads the roster (and
the role memberships below it) alone; the home page adds what other apps count about the same school.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Count, Q

from proficio.accounts.models import Role
from proficio.roster.models import District, School, Section, Student, student_grade_name


class GradeCount(TypedDict):
    grade: int | None
    n: int
    label: str


class SchoolSummary(TypedDict):
    """One school's students and staff, counted. Rows of ``subgroups`` and ``race`` are (label, count, share)."""

    school: School
    student_total: int
    by_grade: list[GradeCount]
    subgroups: list[tuple[str, int, str]]
    race: list[tuple[str, int, str]]
    teacher_count: int
    section_count: int
    named: bool


@dataclass(frozen=True)
class SchoolRow:
    """A school in its district's list, with its active students and its courses counted."""

    school: School
    student_count: int
    course_count: int


def share(part: int, whole: int) -> str:
    """A percentage for people to read: whole numbers, and "<1%" rather than a misleading "0%"."""
    if not whole:
        return "—"
    percent = 100 * part / whole
    return "<1%" if 0 < percent < 0.5 else f"{round(percent)}%"


def school_summary(school: School, *, named: bool) -> SchoolSummary:
    """The school's active students by grade, subgroup and race/ethnicity, and its teachers and sections.

    ``named`` says whether the reader may see students by name (a leader) or only these figures (a coach).
    """
    students = school.students.filter(is_active=True)
    by_grade: list[GradeCount] = [
        {"grade": row["grade"], "n": row["n"], "label": student_grade_name(row["grade"])}
        for row in students.values("grade").annotate(n=Count("id")).order_by("grade")
    ]
    total = sum(row["n"] for row in by_grade)
    groups = [
        ("Economically disadvantaged", students.filter(economically_disadvantaged=True).count()),
        ("English learners", students.filter(english_learner=True).count()),
        ("Students with disabilities", students.filter(disability=True).count()),
    ]
    race_rows = students.exclude(race_ethnicity="").values("race_ethnicity").annotate(n=Count("id")).order_by("-n")
    race_labels = dict(Student.RaceEthnicity.choices)
    return {
        "school": school,
        "student_total": total,
        "by_grade": by_grade,
        "subgroups": [(label, n, share(n, total)) for label, n in groups],
        "race": [(race_labels[row["race_ethnicity"]], row["n"], share(row["n"], total)) for row in race_rows],
        "teacher_count": school.memberships.filter(role=Role.TEACHER, is_active=True).count(),
        "section_count": Section.objects.filter(course__school=school).count(),
        "named": named,
    }


def district_schools(district: District) -> list[SchoolRow]:
    """The district's schools, each with its active students and its courses counted (one query)."""
    schools = School.objects.filter(district=district).annotate(
        student_count=Count("students", filter=Q(students__is_active=True), distinct=True),
        course_count=Count("courses", distinct=True),
    )
    return [SchoolRow(school, school.student_count, school.course_count) for school in schools]
