"""Small, explicit builders for tests that need a handful of objects rather than the demo district."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from proficio.accounts.models import Membership, Role, User
from proficio.evidence.models import Assessment
from proficio.roster.models import AcademicSession, Course, District, Enrollment, School, Section, Student
from proficio.standards.models import (
    CalculationPolicy,
    Framework,
    PerformanceIndicator,
    ProficiencyScale,
    ScaleLevel,
    Standard,
)

LEVELS = [(1, "Does not meet"), (2, "Partially meets"), (3, "Meets"), (4, "Exceeds")]


def make_scale(name: str = "Scale 1–4", purpose: str = ProficiencyScale.Purpose.ACADEMIC) -> ProficiencyScale:
    scale = ProficiencyScale.objects.create(name=name, purpose=purpose)
    for value, label in LEVELS:
        ScaleLevel.objects.create(scale=scale, value=Decimal(value), label=label, is_threshold=value == 3)
    return scale


def make_user(username: str, **extra: object) -> User:
    return User.objects.create_user(username=username, password="a-long-test-password", **extra)


@dataclass
class World:
    district: District
    school: School
    framework: Framework
    standard: Standard
    indicator: PerformanceIndicator
    other_indicator: PerformanceIndicator
    habit_indicator: PerformanceIndicator
    section: Section
    teacher: User
    student: Student
    assessment: Assessment


def make_world(prefix: str = "w") -> World:
    district = District.objects.create(name=f"{prefix} district")
    school = School.objects.create(district=district, name=f"{prefix} high", lowest_grade=9, highest_grade=12)
    academic = make_scale(f"{prefix} academic")
    habits = make_scale(f"{prefix} habits", ProficiencyScale.Purpose.WORK_HABIT)
    framework = Framework.objects.create(
        title=f"{prefix} framework", district=district, scale=academic, work_habit_scale=habits
    )
    CalculationPolicy.objects.create(framework=framework)
    standard = Standard.objects.create(
        framework=framework,
        code="ELA.1",
        title="Reading",
        statement="Reads.",
        kind=Standard.Kind.CONTENT_AREA,
        content_area="ela",
    )
    indicator = PerformanceIndicator.objects.create(standard=standard, code="ELA.1.1", statement="Analyze.")
    other = PerformanceIndicator.objects.create(standard=standard, code="ELA.1.2", statement="Cite.")
    habit_standard = Standard.objects.create(
        framework=framework,
        code="WH.1",
        title="Responsibility",
        statement="Is responsible.",
        kind=Standard.Kind.WORK_HABIT,
        required_for_graduation=False,
    )
    habit = PerformanceIndicator.objects.create(standard=habit_standard, code="WH.1.1", statement="Meets deadlines.")
    year = AcademicSession.objects.create(
        district=district,
        title="2025–26",
        kind=AcademicSession.Kind.SCHOOL_YEAR,
        school_year=2026,
        start_date=date(2025, 8, 27),
        end_date=date(2026, 6, 12),
    )
    course = Course.objects.create(school=school, title="English 9", code="ELA09", content_area="ela", grade=9)
    section = Section.objects.create(course=course, session=year, name="English 9 — period 1", period="1")
    teacher = make_user(f"{prefix}.teacher", first_name="Tess", last_name="Teacher")
    Membership.objects.create(user=teacher, role=Role.TEACHER, school=school)
    Enrollment.objects.create(section=section, user=teacher, role=Enrollment.Role.TEACHER, primary=True)
    student_user = make_user(f"{prefix}.student", first_name="Sam", last_name="Student")
    student = Student.objects.create(user=student_user, school=school, student_number=f"{prefix}-1", grade=9)
    Enrollment.objects.create(section=section, user=student_user, role=Enrollment.Role.STUDENT)
    assessment = Assessment.objects.create(
        section=section, title="Argument essay", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2025, 10, 1)
    )
    assessment.indicators.set([indicator, habit])
    return World(district, school, framework, standard, indicator, other, habit, section, teacher, student, assessment)


def first_scored_section(teacher: User) -> Section:
    """The teacher's first section (by period) that already has scored assessments."""
    section = (
        Section.objects.filter(enrollments__user=teacher, enrollments__role=Enrollment.Role.TEACHER)
        .filter(assessments__scores__isnull=False)
        .distinct()
        .order_by("period")
        .first()
    )
    assert section is not None, f"{teacher} teaches no section with scores"
    return section
