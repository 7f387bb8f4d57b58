"""The demo district as plain data, decided entirely by a seed.

Planning is pure Python (no database), so the same seed always gives the same district and tests can
check realism and determinism cheaply; ``writer.py`` then stores a plan. Students follow the latent growth
model of ``latent.py``: each has an ability (where they start a year) and a growth rate (levels gained over
it); every score is that latent level on the day, plus the indicator's difficulty and day-to-day noise,
rounded onto the 1–4 scale. So some students struggle all year, some excel, most climb toward 3.

A district holds several years, not one: today's high-school students carry the summative evidence of their
earlier high-school years (``history.py``), in courses mapped onto the graduation standards
(``curriculum.py``), and the classes of the last three years are there with what became of each student
(``cohorts.py``). The building blocks live beside this module: the records (``records.py``), names and
demographics (``people.py``), the calendar (``calendar.py``) and the evidence of one section
(``evidence.py``). Each part draws from its own random stream derived from the seed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import date, timedelta

from proficio.demo import catalogue as cat
from proficio.demo import curriculum
from proficio.demo.calendar import school_days, school_year
from proficio.demo.cohorts import PAST_CLASSES, PastStudent, draw_class, seat_fifth_years
from proficio.demo.evidence import Gradebook, Task, assessment_dates, course_tasks, give, score, term_windows
from proficio.demo.history import plan_history
from proficio.demo.latent import Groups, latent_at, latent_from_draws, to_scale
from proficio.demo.people import (
    DISABILITY,
    ECONOMICALLY_DISADVANTAGED,
    ENGLISH_LEARNER,
    GENDER,
    RACE_ETHNICITY,
    Names,
    pick,
)
from proficio.demo.records import (
    SCHOOL_YEAR,
    AssessmentPlan,
    DistrictPlan,
    GuardianPlan,
    OutcomePlan,
    OutsideEvidencePlan,
    PastStudentPlan,
    PersonPlan,
    SectionPlan,
    StaffPlan,
    StudentPlan,
)

SCHOOL_YEAR_START = school_year(SCHOOL_YEAR).start
SCHOOL_YEAR_END = school_year(SCHOOL_YEAR).end
HIGH_SCHOOL_GRADES = (9, 10, 11, 12)
MIDDLE_SCHOOL_GRADES = (6, 7, 8)
SECTION_SIZE = 26
SECTIONS_PER_TEACHER = 5
SUMMATIVE_PER_COURSE = 10
FORMATIVE_PER_COURSE = 6
INDICATORS_PER_COURSE = 8
CC_INDICATORS_PER_COURSE = 3


def latent_level(student: StudentPlan, difficulty: float, day: date) -> float:
    """A current student's latent level on ``day`` of the current school year."""
    return latent_at(student.ability, student.growth, difficulty, school_year(SCHOOL_YEAR).fraction(day))


def _indicators_by_area() -> dict[str, list[cat.IndicatorSpec]]:
    by_area: dict[str, list[cat.IndicatorSpec]] = {}
    for standard in cat.CONTENT_AREA_STANDARDS:
        by_area.setdefault(standard.content_area, []).extend(standard.indicators)
    return by_area


def _cc_indicators() -> list[cat.IndicatorSpec]:
    return [indicator for standard in cat.CROSS_CURRICULAR for indicator in standard.indicators]


def _wh_indicators() -> list[cat.IndicatorSpec]:
    return [standard.indicators[0] for standard in cat.WORK_HABITS]


def courses_for_grade(grade: int) -> list[str]:
    """Content areas a student in ``grade`` takes: all seven in middle school, six in high school."""
    areas = ["ela", "math", "science", "social_studies", "world_languages"]
    if grade in MIDDLE_SCHOOL_GRADES:
        return [*areas, "arts", "pe_health"]
    return [*areas, "arts" if grade % 2 else "pe_health"]


def build_plan(
    seed: int = 2026,
    students: int = 1000,
    *,
    summative_per_course: int = SUMMATIVE_PER_COURSE,
    formative_per_course: int = FORMATIVE_PER_COURSE,
) -> DistrictPlan:
    """Plan a district of about ``students`` students in one high school and one middle school, with the
    high school's earlier years and past classes.

    Each course gets ``summative_per_course`` common summative assessments (each with its retake where
    students need one) and ``formative_per_course`` check-ins over the year; earlier years' courses get the
    same summatives. The demo keeps the defaults, a realistic year; tests ask for fewer, so that they write
    only the evidence they read."""
    if students < 7:
        raise ValueError("The demo district needs at least 7 students (one per grade, 6–12).")
    if summative_per_course < 1 or formative_per_course < 0:
        raise ValueError("A course needs at least one summative assessment, and no negative count of check-ins.")
    rng = random.Random(seed)
    names = Names(rng)
    plan = DistrictPlan(
        seed=seed,
        district_name="Northfield Regional School District",
        schools={"nhs": ("Northfield High School", 9, 12), "nms": ("Northfield Middle School", 6, 8)},
    )
    domain = "northfield.example.org"
    counts = _grade_counts(rng, students)
    past_rng = random.Random(f"{seed}:past classes")
    classes = _draw_past_classes(past_rng, students, room=counts[-1] - 1)
    counts[-1] -= sum(1 for s in classes if s.outcome == "still_enrolled")
    _plan_students(plan, rng, names, counts)
    _name_past_classes(plan, past_rng, Names(past_rng, names.taken), classes)
    _plan_guardians(plan, rng, names)
    _plan_sections_and_staff(plan, rng, names, domain)
    _plan_advisories(plan, rng, names, domain)
    _plan_assessments_and_scores(plan, rng, summative_per_course, formative_per_course)
    _plan_outside_evidence(plan, rng)
    plan_history(plan, random.Random(f"{seed}:history"), summative_per_course)
    return plan


def _grade_counts(rng: random.Random, total: int) -> list[int]:
    """Students per grade, 6 to 12: high-school grades a little larger than middle-school ones, as in most
    districts."""
    weights = [0.13, 0.13, 0.14, 0.15, 0.15, 0.15, 0.15]
    counts = [max(1, round(total * w * rng.uniform(0.94, 1.06) / sum(weights))) for w in weights]
    counts[-1] += total - sum(counts)
    return counts


def _draw_past_classes(rng: random.Random, total: int, room: int) -> list[PastStudent]:
    """The classes of the last ``PAST_CLASSES`` years, each about the size of a high-school grade; at most
    ``room`` fifth-year seniors (grade 12 keeps a student of its own class)."""
    drawn: list[PastStudent] = []
    for back in range(PAST_CLASSES, 0, -1):
        size = max(1, round(total * 0.15 * rng.uniform(0.94, 1.06)))
        drawn.extend(draw_class(rng, SCHOOL_YEAR - back, size, latest=back == 1))
    return seat_fifth_years(drawn, max(0, room))


def _plan_students(plan: DistrictPlan, rng: random.Random, names: Names, counts: list[int]) -> None:
    grades = [*MIDDLE_SCHOOL_GRADES, *HIGH_SCHOOL_GRADES]
    number = 100000 + rng.randrange(10000)
    for grade, count in zip(grades, counts, strict=True):
        school = "nhs" if grade in HIGH_SCHOOL_GRADES else "nms"
        for _ in range(count):
            number += 1 + rng.randrange(3)
            race = pick(rng, RACE_ETHNICITY)
            gender = pick(rng, GENDER)
            first = names.first_name(gender)
            last = rng.choice(cat.LAST_NAMES)
            key = f"stu{number}"
            person = names.person(key, first, last, "students.northfield.example.org")
            disadvantaged = rng.random() < ECONOMICALLY_DISADVANTAGED
            # Ability (starting level offset) and growth (levels gained over the year), with the opportunity
            # gaps of latent.py: they appear in real schools, and the demo lets leaders find them.
            ability_draw, growth_draw = rng.gauss(0.0, 1.0), rng.gauss(0.0, 1.0)
            birth_year = SCHOOL_YEAR - grade - 6
            birth_date = date(birth_year - 1, 9, 1) + timedelta(days=rng.randrange(365))
            groups = Groups(
                economically_disadvantaged=disadvantaged,
                english_learner=rng.random() < ENGLISH_LEARNER.get(race, ENGLISH_LEARNER["default"]),
                disability=rng.random() < DISABILITY,
            )
            ability, growth = latent_from_draws(ability_draw, growth_draw, groups)
            plan.students.append(
                StudentPlan(
                    person=person,
                    school=school,
                    grade=grade,
                    student_number=f"S{number}",
                    birth_date=birth_date,
                    race_ethnicity=race,
                    gender=gender,
                    economically_disadvantaged=groups.economically_disadvantaged,
                    english_learner=groups.english_learner,
                    disability=groups.disability,
                    ability=ability,
                    growth=growth,
                    cohort=SCHOOL_YEAR + 12 - grade,
                )
            )


def _name_past_classes(plan: DistrictPlan, rng: random.Random, names: Names, classes: list[PastStudent]) -> None:
    """Give the students of past classes names and records: those who left become past students, fifth-year
    seniors join today's grade 12; each gets their class's outcome."""
    number = 10000 + rng.randrange(1000)  # enrolled before today's students: lower numbers, never the same
    for drawn in classes:
        number += 1 + rng.randrange(3)
        key = f"stu{number}"
        first, last = names.first_name(drawn.gender), rng.choice(cat.LAST_NAMES)
        person = names.person(key, first, last, "students.northfield.example.org")
        birth_date = date(drawn.cohort - 19, 9, 1) + timedelta(days=rng.randrange(365))
        past = PastStudentPlan(
            person=person,
            school="nhs",
            grade=drawn.grade,
            student_number=f"S{number:06d}",
            birth_date=birth_date,
            race_ethnicity=drawn.race_ethnicity,
            gender=drawn.gender,
            economically_disadvantaged=drawn.groups.economically_disadvantaged,
            english_learner=drawn.groups.english_learner,
            disability=drawn.groups.disability,
            cohort=drawn.cohort,
        )
        if drawn.outcome == "still_enrolled":
            plan.students.append(_fifth_year(past, drawn))
        else:
            plan.past_students.append(past)
        plan.outcomes.append(OutcomePlan(key, drawn.cohort, drawn.outcome, drawn.postsecondary))


def _fifth_year(past: PastStudentPlan, drawn: PastStudent) -> StudentPlan:
    """A student of last year's class still at school: in grade 12 again, with their latent model."""
    return StudentPlan(
        person=past.person,
        school=past.school,
        grade=12,
        student_number=past.student_number,
        birth_date=past.birth_date,
        race_ethnicity=past.race_ethnicity,
        gender=past.gender,
        economically_disadvantaged=past.economically_disadvantaged,
        english_learner=past.english_learner,
        disability=past.disability,
        ability=drawn.ability,
        growth=drawn.growth,
        cohort=past.cohort,
    )


def _plan_guardians(plan: DistrictPlan, rng: random.Random, names: Names) -> None:
    households: list[list[StudentPlan]] = []
    for student in plan.students:
        # About one student in eight has a sibling already in the district (same family name, same adults).
        siblings = [h for h in households if h[0].person.last_name == student.person.last_name and len(h) < 3]
        if siblings and rng.random() < 0.5:
            siblings[0].append(student)
        else:
            households.append([student])
    n = 0
    for household in households:
        last = household[0].person.last_name
        adults = 2 if rng.random() < 0.62 else 1
        for i in range(adults):
            n += 1
            gender = "female" if (i == 0) == (rng.random() < 0.7) else "male"
            person = names.person(f"gdn{n}", names.first_name(gender), last, "family.example.net")
            plan.guardians.append(
                GuardianPlan(
                    person=person,
                    phone=f"(802) 555-{rng.randrange(10000):04d}",
                    student_keys=tuple(s.person.key for s in household),
                    relationship="parent" if rng.random() < 0.93 else "guardian",
                )
            )


def _plan_sections_and_staff(plan: DistrictPlan, rng: random.Random, names: Names, domain: str) -> None:
    def staff(role: str, school: str, area: str = "", coaches: tuple[str, ...] = ()) -> StaffPlan:
        gender = pick(rng, {"female": 0.6, "male": 0.38, "nonbinary": 0.02})
        key = f"staff{len(plan.staff) + 1}"
        member = StaffPlan(
            names.person(key, names.first_name(gender), rng.choice(cat.LAST_NAMES), domain),
            role,
            school,
            area,
            coaches,
        )
        plan.staff.append(member)
        return member

    staff("district_admin", "")
    staff("coach", "", coaches=("nhs", "nms"))
    for school in plan.schools:
        staff("school_leader", school)
        staff("school_leader", school)

    # Students move through the day with their cohort (a team, as in most middle schools): cohort k of a grade
    # takes section k of each of its courses, and each course meets in a period that differs by content area,
    # so no student has two classes at once. Teachers are then given sections in periods they have free.
    areas = list(cat.CONTENT_AREAS)
    for school, (_, low, high) in plan.schools.items():
        sections_by_area: dict[str, list[tuple[int, int, int, list[StudentPlan]]]] = {}
        for grade in range(low, high + 1):
            cohort = [s for s in plan.students if s.grade == grade]
            rng.shuffle(cohort)
            count = max(1, math.ceil(len(cohort) / SECTION_SIZE))
            for k in range(count):
                members = cohort[k::count]
                for area in courses_for_grade(grade):
                    period = (areas.index(area) + k + grade) % len(areas) + 1
                    sections_by_area.setdefault(area, []).append((grade, k, period, members))
        for area, groups in sections_by_area.items():
            by_period: dict[int, int] = {}
            for _, _, period, _ in groups:
                by_period[period] = by_period.get(period, 0) + 1
            needed = max(math.ceil(len(groups) / SECTIONS_PER_TEACHER), max(by_period.values()))
            teachers = [staff("teacher", school, area) for _ in range(needed)]
            busy: dict[str, set[int]] = {t.person.key: set() for t in teachers}
            for grade, k, period, members in sorted(groups, key=lambda g: (g[2], g[0], g[1])):
                teacher = min(
                    (t for t in teachers if period not in busy[t.person.key]),
                    key=lambda t: (len(busy[t.person.key]), t.person.key),
                )
                busy[teacher.person.key].add(period)
                title = cat.COURSE_TITLES[area][grade]
                code = f"{cat.CONTENT_AREA_PREFIXES[area]}{grade:02d}"
                building = "B" if school == "nhs" else "M"
                plan.sections.append(
                    SectionPlan(
                        key=f"{school}-{code}-{k + 1}",
                        school=school,
                        course_code=code,
                        course_title=title,
                        content_area=area,
                        grade=grade,
                        name=f"{title} — period {period}"
                        + (
                            f" ({chr(65 + k)})"
                            if sum(1 for g in groups if g[0] == grade and g[2] == period) > 1
                            else ""
                        ),
                        period=str(period),
                        room=f"{building}{100 + 10 * areas.index(area) + teachers.index(teacher)}",
                        teacher=teacher.person.key,
                        student_keys=tuple(s.person.key for s in sorted(members, key=lambda s: s.person.key)),
                    )
                )
        plan.sections.sort(key=lambda s: s.key)


def _plan_advisories(plan: DistrictPlan, rng: random.Random, names: Names, domain: str) -> None:
    for school in plan.schools:
        students = [s for s in plan.students if s.school == school]
        counselors = max(1, math.ceil(len(students) / 250))
        advisors = []
        for _ in range(counselors):
            gender = pick(rng, {"female": 0.7, "male": 0.3})
            key = f"staff{len(plan.staff) + 1}"
            member = StaffPlan(
                names.person(key, names.first_name(gender), rng.choice(cat.LAST_NAMES), domain),
                "advisor",
                school,
            )
            plan.staff.append(member)
            advisors.append(member)
        for student in sorted(students, key=lambda s: (s.person.last_name, s.person.first_name)):
            index = min(
                len(advisors) - 1,
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ".find(student.person.last_name[0].upper()) * len(advisors) // 26,
            )
            plan.advisories.append((advisors[max(0, index)].person.key, student.person.key))


def _plan_assessments_and_scores(
    plan: DistrictPlan, rng: random.Random, summative_per_course: int, formative_per_course: int
) -> None:
    """The current year's assessments and scores, section by section, and two semesters of work habits."""
    days = school_days(SCHOOL_YEAR_START, SCHOOL_YEAR_END - timedelta(days=3))
    by_area = _indicators_by_area()
    plan.difficulty = {ind.code: rng.gauss(0.0, 0.25) for area in by_area.values() for ind in area}
    plan.difficulty.update({ind.code: rng.gauss(0.0, 0.2) for ind in _cc_indicators()})
    students = {s.person.key: s for s in plan.students}
    course_plans: dict[str, list[Task]] = {}

    def level(student: str, code: str, day: date) -> float:
        return latent_level(students[student], plan.difficulty[code], day)

    windows = term_windows(school_year(SCHOOL_YEAR), days)
    for section in plan.sections:
        if section.course_code not in course_plans:
            # A department shares common assessments across a course's sections (common rubrics).
            course_plans[section.course_code] = _course_tasks(rng, section, summative_per_course, formative_per_course)
        summative_dates = assessment_dates(rng, days, summative_per_course)
        formative_dates = assessment_dates(rng, days, formative_per_course)
        schedule = []
        for task in course_plans[section.course_code]:
            day = (summative_dates if task.kind == "summative" else formative_dates)[task.index]
            if task.kind == "formative":
                day = days[max(0, days.index(day) - 4)]
            schedule.append((day, task))
        book = Gradebook(plan, rng, section.key, section.student_keys, section.teacher, days, level)
        give(book, schedule, windows)
        _plan_work_habits(plan, rng, section, students)


def _course_tasks(rng: random.Random, section: SectionPlan, summative: int, formative: int) -> list[Task]:
    """A course's common assessments: the high school's follow its curriculum map, the middle school's
    sample the area's indicators."""
    area = section.content_area
    if section.grade in HIGH_SCHOOL_GRADES:
        indicators = curriculum.area_indicators(area, section.grade)
        cross = curriculum.cross_curricular_indicators(area, section.grade)
        return course_tasks(rng, area, indicators, cross, summative, formative, every_third_cross=True)
    pool = _indicators_by_area()[area]
    sampled = [ind.code for ind in rng.sample(pool, min(INDICATORS_PER_COURSE, len(pool)))]
    sampled_cross = [ind.code for ind in rng.sample(_cc_indicators(), CC_INDICATORS_PER_COURSE)]
    return course_tasks(rng, area, sampled, sampled_cross, summative, formative, every_third_cross=False)


def _plan_work_habits(
    plan: DistrictPlan, rng: random.Random, section: SectionPlan, students: dict[str, StudentPlan]
) -> None:
    wh = _wh_indicators()
    for term, day in enumerate([school_year(SCHOOL_YEAR).semesters[0].end, date(2026, 6, 5)], start=1):
        key = f"{section.key}-wh{term}"
        codes = tuple(i.code for i in wh)
        plan.assessments.append(
            AssessmentPlan(key, section.key, f"Habits of work — semester {term}", "summative", day, codes)
        )
        for student_key in section.student_keys:
            student = students[student_key]
            for code in codes:
                value = to_scale(1.6 + 0.8 * student.ability + 0.3 * term, rng.gauss(0, 0.55))
                plan.scores.append(score(rng, student_key, key, code, value, section.teacher, day, feedback_rate=0.1))


OUTSIDE_OPTIONS = (
    ("internship", "Internship at Northfield Regional Hospital", "Northfield Regional Hospital", "science"),
    ("dual_enrollment", "Dual enrollment: College Composition I", "Champlain Valley Community College", "ela"),
    ("online_course", "Online course: Introduction to Statistics", "Vermont Virtual Learning Cooperative", "math"),
    ("community_project", "Community garden project", "Northfield Food Shelf", "social_studies"),
    ("job", "Part-time job: bilingual customer service", "Green Mountain Grocers", "world_languages"),
)


def _plan_outside_evidence(plan: DistrictPlan, rng: random.Random) -> None:
    """About one junior or senior in eight has learning from outside school verified; every district at least
    one, so that the demo shows it."""
    teachers_by_area: dict[str, list[str]] = {}
    for member in plan.staff:
        if member.role == "teacher" and member.school == "nhs":
            teachers_by_area.setdefault(member.content_area, []).append(member.person.key)
    eligible = [student for student in plan.students if student.grade >= 11]
    for student in eligible:
        if rng.random() <= 0.12:
            _outside_evidence(plan, rng, student, teachers_by_area)
    if not plan.outside_evidence and eligible:
        _outside_evidence(plan, rng, eligible[0], teachers_by_area)


def _outside_evidence(
    plan: DistrictPlan, rng: random.Random, student: StudentPlan, teachers_by_area: dict[str, list[str]]
) -> None:
    kind, title, organization, area = rng.choice(OUTSIDE_OPTIONS)
    codes = (rng.choice(_indicators_by_area()[area]).code, rng.choice(_cc_indicators()).code)
    started = date(2025, 9, 15) + timedelta(days=rng.randrange(120))
    completed = min(started + timedelta(days=rng.randrange(40, 120)), SCHOOL_YEAR_END)
    values = tuple(to_scale(latent_level(student, 0.0, completed) + 0.3, rng.gauss(0, 0.4)) for _ in codes)
    plan.outside_evidence.append(
        OutsideEvidencePlan(
            student.person.key,
            kind,
            title,
            organization,
            started,
            completed,
            rng.choice([40, 60, 90, 120]),
            codes,
            rng.choice(teachers_by_area[area]),
            values,
        )
    )


def iter_people(plan: DistrictPlan) -> Iterator[PersonPlan]:
    for member in plan.staff:
        yield member.person
    for student in plan.students:
        yield student.person
    for guardian in plan.guardians:
        yield guardian.person
    for past in plan.past_students:
        yield past.person
