"""Earlier school years at the high school: the sections today's students were in, and their summative evidence.

Pure (no database). For each of the ``PAST_YEARS`` school years before the current one, every current student
who was then in high school (grades 9–12; a fifth-year senior was in grade 12 last year too) is placed in that
year's sections of their grade, in groups of at most ``SECTION_SIZE`` as today, and given the course's common
summative assessments with their retakes, scored from the latent model with that year's wobble
(``latent.year_wobble``). The courses follow the curriculum map (``curriculum.py``), so by the end of grade 11 a
student has been taught the standards of grades 9–11, and a typical senior has met most of them.

Kept out, to keep the demo quick to build: check-ins (formative evidence never counts toward proficiency),
work-habit scores, outside evidence, and the students of past classes (they hold outcomes, not evidence).
The sections' teachers are today's teachers of the subject; they scored the evidence but hold no enrollment in
an earlier year's section, so teachers' pages list this year's classes.

Invariants: every earlier section belongs to an earlier school year and holds only students who were in its
grade that year; every date lies within that year's school days; the same seed gives the same history.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from proficio.demo import catalogue as cat
from proficio.demo import curriculum
from proficio.demo.calendar import school_days, school_year
from proficio.demo.evidence import Gradebook, Task, assessment_dates, course_tasks, give, term_windows
from proficio.demo.latent import latent_at, year_wobble
from proficio.demo.records import SCHOOL_YEAR, DistrictPlan, SectionPlan, StudentPlan

PAST_YEARS = 3
SECTION_SIZE = 26


def grade_in(student: StudentPlan, year: int) -> int:
    """The grade ``student`` was in during school year ``year`` (below 9: not yet in high school)."""
    return min(12, 12 - (student.cohort - year))


def plan_history(plan: DistrictPlan, rng: random.Random, summative_per_course: int) -> None:
    """Add the earlier school years' sections, assessments and scores of today's high-school students."""
    years = tuple(range(SCHOOL_YEAR - PAST_YEARS, SCHOOL_YEAR))
    plan.school_years = (*years, SCHOOL_YEAR)
    teachers: dict[str, list[str]] = {}
    for member in plan.staff:
        if member.role == "teacher" and member.school == "nhs":
            teachers.setdefault(member.content_area, []).append(member.person.key)
    for year in years:
        by_grade: dict[int, list[StudentPlan]] = {}
        for student in plan.students:
            if student.school == "nhs" and grade_in(student, year) >= 9:
                by_grade.setdefault(grade_in(student, year), []).append(student)
        busy: dict[str, set[str]] = {}  # teacher -> periods taught this year
        for grade in sorted(by_grade):
            _plan_grade(plan, rng, year, grade, by_grade[grade], teachers, busy, summative_per_course)


def _plan_grade(
    plan: DistrictPlan,
    rng: random.Random,
    year: int,
    grade: int,
    students: list[StudentPlan],
    teachers: dict[str, list[str]],
    busy: dict[str, set[str]],
    summative: int,
) -> None:
    """One grade's sections of one earlier year, each with its assessments and scores, taught by teachers of
    the subject free in its period (``busy``: each teacher's periods already taken that year)."""
    calendar = school_year(year)
    days = school_days(calendar.start, calendar.end - timedelta(days=3))
    windows = term_windows(calendar, days)
    latent = {s.person.key: year_wobble(rng, s.ability, s.growth) for s in students}
    cohort = sorted(students, key=lambda s: s.person.key)
    rng.shuffle(cohort)
    count = max(1, math.ceil(len(cohort) / SECTION_SIZE))

    def level(student: str, code: str, day: date) -> float:
        ability, growth = latent[student]
        return latent_at(ability, growth, plan.difficulty[code], calendar.fraction(day))

    for area in curriculum.areas_for_grade(grade):
        tasks = _tasks(rng, area, grade, summative)
        staff = teachers[area]
        for k in range(count):
            members = tuple(sorted(s.person.key for s in cohort[k::count]))
            section = _section(year, grade, area, k, count, staff, members, busy)
            plan.sections.append(section)
            dates = assessment_dates(rng, days, summative)
            book = Gradebook(plan, rng, section.key, members, section.teacher, days, level)
            give(book, [(dates[task.index], task) for task in tasks], windows)


def _tasks(rng: random.Random, area: str, grade: int, summative: int) -> list[Task]:
    indicators = curriculum.area_indicators(area, grade)
    cross = curriculum.cross_curricular_indicators(area, grade)
    return course_tasks(rng, area, indicators, cross, summative, 0, every_third_cross=True)


def _section(
    year: int,
    grade: int,
    area: str,
    k: int,
    count: int,
    staff: list[str],
    members: tuple[str, ...],
    busy: dict[str, set[str]],
) -> SectionPlan:
    """Section ``k`` of ``count`` of the grade's course in ``area``, taught by the teacher of ``staff`` who is
    free in its period and teaches the fewest sections so far."""
    title = cat.COURSE_TITLES[area][grade]
    code = f"{cat.CONTENT_AREA_PREFIXES[area]}{grade:02d}"
    areas = list(cat.CONTENT_AREAS)
    period = str((areas.index(area) + k + grade) % len(areas) + 1)
    free = [i for i, key in enumerate(staff) if period not in busy.get(key, set())] or list(range(len(staff)))
    teacher = min(free, key=lambda i: (len(busy.get(staff[i], set())), i))
    busy.setdefault(staff[teacher], set()).add(period)
    return SectionPlan(
        key=f"nhs-{year}-{code}-{k + 1}",
        school="nhs",
        course_code=code,
        course_title=title,
        content_area=area,
        grade=grade,
        name=f"{title} — period {period}" + (f" ({chr(65 + k)})" if count > len(areas) else ""),
        period=period,
        room=f"B{100 + 10 * areas.index(area) + teacher}",
        teacher=staff[teacher],
        student_keys=members,
        school_year=year,
    )
