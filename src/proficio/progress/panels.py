"""What a student's progress gives the home page: the student's own panel, and one per child for a guardian.

A panel summarises the progress page: the student's courses and teachers, their latest evidence, their level on
each graduation standard of the district's current framework (from the result cache) with the summative scores
behind it, their graduation status and their latest work-habit scores, which are shown apart from academic
levels. The student is the reader themselves or a child read through ``Student.objects.for_user``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from proficio.accounts.models import User
from proficio.evidence.models import Score
from proficio.proficiency.models import GraduationStatus, StandardResult
from proficio.proficiency.standing import current_framework, standard_results
from proficio.roster.models import Enrollment, Section, Student
from proficio.standards.models import Standard

RECENT_EVIDENCE = 8
HABIT_SCORES_READ = 40  # the latest work-habit scores read to find each habit's latest one


@dataclass(frozen=True)
class CourseRow:
    section: Section
    teacher: User | None


@dataclass(frozen=True)
class StandardLine:
    """A graduation standard, the student's cached result on it (if any) and their summative scores on it."""

    standard: Standard
    evidence: int
    result: StandardResult | None


@dataclass(frozen=True)
class StandardGroup:
    """Standards of one content area (or, for cross-curricular ones, one kind), in framework order."""

    label: str
    standards: list[StandardLine]


@dataclass(frozen=True)
class StudentDetail:
    student: Student
    courses: list[CourseRow]
    recent: list[Score]
    habits: list[Score]
    standard_groups: list[StandardGroup]
    graduation: GraduationStatus | None


@dataclass(frozen=True)
class GuardianPanel:
    children: list[StudentDetail] = field(default_factory=list)


def _graduation_for_student(student: Student) -> GraduationStatus | None:
    """The student's graduation status on a current framework of their district (any one, when it has two)."""
    return GraduationStatus.objects.filter(
        student=student, framework__is_current=True, framework__district=student.school.district
    ).first()


def _standards_for_student(student: Student) -> list[StandardGroup]:
    framework = current_framework(student)
    if framework is None:
        return []
    results = standard_results(student, framework)
    counts = dict(
        Score.objects.current()
        .summative()
        .filter(student=student, indicator__standard__framework=framework)
        .values_list("indicator__standard_id")
        .annotate(n=Count("id"))
    )
    groups: dict[str, list[StandardLine]] = {}
    for standard in framework.standards.order_by("position", "code"):
        if standard.is_work_habit:
            continue  # reported apart from academic proficiency
        label = standard.get_content_area_display() if standard.content_area else standard.get_kind_display()
        groups.setdefault(label, []).append(
            StandardLine(standard, counts.get(standard.pk, 0), results.get(standard.pk))
        )
    return [StandardGroup(label, rows) for label, rows in groups.items()]


def _courses(student: Student) -> list[CourseRow]:
    sections = (
        Section.objects.filter(enrollments__user=student.user, enrollments__role=Enrollment.Role.STUDENT)
        .select_related("course", "session")
        .order_by("period")
    )
    teachers = {
        e.section_id: e.user
        for e in Enrollment.objects.filter(
            section__in=sections, role=Enrollment.Role.TEACHER, primary=True
        ).select_related("user")
    }
    return [CourseRow(s, teachers.get(s.pk)) for s in sections]


def student_detail(student: Student) -> StudentDetail:
    """Everything the student's panel shows, in a fixed number of queries."""
    current = student.scores.current().select_related("indicator", "assessment", "outside_evidence")
    academic = current.exclude(indicator__standard__kind=Standard.Kind.WORK_HABIT)
    habits = current.filter(indicator__standard__kind=Standard.Kind.WORK_HABIT).order_by("-scored_at", "-id")
    latest_habits: dict[int, Score] = {}
    for score in habits[:HABIT_SCORES_READ]:
        latest_habits.setdefault(score.indicator_id, score)
    return StudentDetail(
        student=student,
        courses=_courses(student),
        recent=list(academic.order_by("-scored_at", "-id")[:RECENT_EVIDENCE]),
        habits=sorted(latest_habits.values(), key=lambda score: score.indicator.code),
        standard_groups=_standards_for_student(student),
        graduation=_graduation_for_student(student),
    )


def guardian_panel(user: User) -> GuardianPanel:
    """A panel for each child the user is an active guardian of."""
    children = (
        Student.objects.for_user(user)
        .filter(guardian_links__guardian__user=user, guardian_links__is_active=True)
        .select_related("user", "school", "school__district")
    )
    return GuardianPanel([student_detail(child) for child in children])
