"""The demo district as plain data, decided entirely by a seed.

Planning is pure Python (no database), so the same seed always gives the same district and tests can
check realism and determinism cheaply; ``writer.py`` then stores a plan. Students follow a simple
growth model: each has an ability (where they start) and a growth rate (levels gained over the year);
every score is that latent level on the day, plus the indicator's difficulty and day-to-day noise,
rounded onto the 1–4 scale. So some students struggle all year, some excel, most climb toward 3.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from proficio.demo import catalogue as cat

SCHOOL_YEAR_START = date(2025, 8, 27)
SCHOOL_YEAR_END = date(2026, 6, 12)
SCHOOL_YEAR = 2026
HIGH_SCHOOL_GRADES = (9, 10, 11, 12)
MIDDLE_SCHOOL_GRADES = (6, 7, 8)
SECTION_SIZE = 26
SECTIONS_PER_TEACHER = 5
SUMMATIVE_PER_COURSE = 10
FORMATIVE_PER_COURSE = 6
INDICATORS_PER_COURSE = 8
CC_INDICATORS_PER_COURSE = 3

# Shares of enrolment, roughly a mid-sized, diverse US district.
RACE_ETHNICITY = {
    "white": 0.46,
    "hispanic": 0.27,
    "black": 0.14,
    "asian": 0.06,
    "two_or_more": 0.05,
    "american_indian": 0.01,
    "pacific_islander": 0.01,
}
ECONOMICALLY_DISADVANTAGED = 0.42
ENGLISH_LEARNER = {"hispanic": 0.28, "asian": 0.22, "default": 0.02}
DISABILITY = 0.15
GENDER = {"female": 0.49, "male": 0.49, "nonbinary": 0.02}

CORRECTION_REASONS = (
    "Rescored after department calibration with the common rubric.",
    "Entered the wrong level; corrected from the scoring sheet.",
    "Reviewed the work again with the exemplars; the evidence supports a different level.",
)


@dataclass(frozen=True)
class PersonPlan:
    key: str
    username: str
    first_name: str
    last_name: str
    email: str


@dataclass(frozen=True)
class StudentPlan:
    person: PersonPlan
    school: str
    grade: int
    student_number: str
    birth_date: date
    race_ethnicity: str
    gender: str
    economically_disadvantaged: bool
    english_learner: bool
    disability: bool
    ability: float
    growth: float


@dataclass(frozen=True)
class GuardianPlan:
    person: PersonPlan
    phone: str
    student_keys: tuple[str, ...]
    relationship: str


@dataclass(frozen=True)
class StaffPlan:
    person: PersonPlan
    role: str  # accounts.Role value
    school: str  # school key, "" for district-scoped roles
    content_area: str = ""
    also_coaches: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionPlan:
    key: str
    school: str
    course_code: str
    course_title: str
    content_area: str
    grade: int
    name: str
    period: str
    room: str
    teacher: str
    student_keys: tuple[str, ...]


@dataclass(frozen=True)
class AssessmentPlan:
    key: str
    section: str
    title: str
    kind: str
    assessed_on: date
    indicator_codes: tuple[str, ...]
    retake_of: str = ""


@dataclass(frozen=True)
class ScorePlan:
    student: str
    assessment: str
    indicator_code: str
    value: int
    scorer: str
    scored_at: datetime
    feedback: str
    corrected_to: int | None = None
    correction_reason: str = ""
    corrected_at: datetime | None = None


@dataclass(frozen=True)
class OutsideEvidencePlan:
    student: str
    kind: str
    title: str
    organization: str
    started_on: date
    completed_on: date
    hours: int
    indicator_codes: tuple[str, ...]
    verifier: str
    values: tuple[int, ...]


@dataclass
class DistrictPlan:
    seed: int
    district_name: str
    schools: dict[str, tuple[str, int, int]]  # key -> (name, lowest grade, highest grade)
    staff: list[StaffPlan] = field(default_factory=list)
    students: list[StudentPlan] = field(default_factory=list)
    guardians: list[GuardianPlan] = field(default_factory=list)
    advisories: list[tuple[str, str]] = field(default_factory=list)  # (advisor key, student key)
    sections: list[SectionPlan] = field(default_factory=list)
    assessments: list[AssessmentPlan] = field(default_factory=list)
    scores: list[ScorePlan] = field(default_factory=list)
    outside_evidence: list[OutsideEvidencePlan] = field(default_factory=list)


class _Names:
    """Unique usernames and e-mail addresses from the catalogue's names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def person(self, key: str, first: str, last: str, domain: str) -> PersonPlan:
        base = "".join(ch for ch in f"{first}.{last}".lower() if ch.isalpha() or ch == ".")
        username, n = base, 1
        while username in self.taken:
            n += 1
            username = f"{base}{n}"
        self.taken.add(username)
        return PersonPlan(key, username, first, last, f"{username}@{domain}")

    def first_name(self, gender: str) -> str:
        pool = {
            "female": cat.FIRST_NAMES_FEMALE,
            "male": cat.FIRST_NAMES_MALE,
            "nonbinary": cat.FIRST_NAMES_NEUTRAL,
        }[gender]
        return self.rng.choice(pool)


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def school_days(start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5 and not _is_break(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _is_break(day: date) -> bool:
    breaks = [
        (date(2025, 11, 26), date(2025, 11, 28)),
        (date(2025, 12, 22), date(2026, 1, 2)),
        (date(2026, 2, 16), date(2026, 2, 20)),
        (date(2026, 4, 13), date(2026, 4, 17)),
    ]
    return any(a <= day <= b for a, b in breaks)


def _year_fraction(day: date) -> float:
    return (day - SCHOOL_YEAR_START).days / (SCHOOL_YEAR_END - SCHOOL_YEAR_START).days


def latent_level(student: StudentPlan, difficulty: float, day: date) -> float:
    return 1.0 + student.ability + student.growth * _year_fraction(day) - difficulty


def to_scale(latent: float, noise: float) -> int:
    return max(1, min(4, math.floor(latent + noise + 0.5)))


def _scored_at(rng: random.Random, day: date) -> datetime:
    lag = rng.choice([0, 1, 1, 2, 2, 3, 4, 6])
    moment = datetime.combine(day + timedelta(days=lag), time(15 + rng.randrange(6), rng.randrange(60)))
    return moment.replace(tzinfo=UTC)


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
    """Plan a district of about ``students`` students in one high school and one middle school.

    Each course gets ``summative_per_course`` common summative assessments (each with its retake where
    students need one) and ``formative_per_course`` check-ins over the year. The demo keeps the defaults, a
    realistic year; tests ask for fewer, so that they write only the evidence they read."""
    if students < 7:
        raise ValueError("The demo district needs at least 7 students (one per grade, 6–12).")
    if summative_per_course < 1 or formative_per_course < 0:
        raise ValueError("A course needs at least one summative assessment, and no negative count of check-ins.")
    rng = random.Random(seed)
    names = _Names(rng)
    plan = DistrictPlan(
        seed=seed,
        district_name="Northfield Regional School District",
        schools={"nhs": ("Northfield High School", 9, 12), "nms": ("Northfield Middle School", 6, 8)},
    )
    domain = "northfield.example.org"
    _plan_students(plan, rng, names, students)
    _plan_guardians(plan, rng, names)
    _plan_sections_and_staff(plan, rng, names, domain)
    _plan_advisories(plan, rng, names, domain)
    _plan_assessments_and_scores(plan, rng, summative_per_course, formative_per_course)
    _plan_outside_evidence(plan, rng)
    return plan


def _plan_students(plan: DistrictPlan, rng: random.Random, names: _Names, total: int) -> None:
    grades = [*MIDDLE_SCHOOL_GRADES, *HIGH_SCHOOL_GRADES]
    # High-school grades are a little larger than middle-school ones, as in most districts.
    weights = [0.13, 0.13, 0.14, 0.15, 0.15, 0.15, 0.15]
    counts = [max(1, round(total * w * rng.uniform(0.94, 1.06) / sum(weights))) for w in weights]
    counts[-1] += total - sum(counts)
    number = 100000 + rng.randrange(10000)
    for grade, count in zip(grades, counts, strict=True):
        school = "nhs" if grade in HIGH_SCHOOL_GRADES else "nms"
        for _ in range(count):
            number += 1 + rng.randrange(3)
            race = _pick(rng, RACE_ETHNICITY)
            gender = _pick(rng, GENDER)
            first = names.first_name(gender)
            last = rng.choice(cat.LAST_NAMES)
            key = f"stu{number}"
            person = names.person(key, first, last, "students.northfield.example.org")
            disadvantaged = rng.random() < ECONOMICALLY_DISADVANTAGED
            # Ability (starting level offset) and growth (levels gained over the year). Opportunity gaps
            # appear in the data because they appear in real schools; the demo lets leaders find them.
            ability = rng.gauss(1.05, 0.55) - (0.12 if disadvantaged else 0.0)
            growth = max(0.0, rng.gauss(0.9, 0.45))
            birth_year = SCHOOL_YEAR - grade - 6
            plan.students.append(
                StudentPlan(
                    person=person,
                    school=school,
                    grade=grade,
                    student_number=f"S{number}",
                    birth_date=date(birth_year - 1, 9, 1) + timedelta(days=rng.randrange(365)),
                    race_ethnicity=race,
                    gender=gender,
                    economically_disadvantaged=disadvantaged,
                    english_learner=rng.random() < ENGLISH_LEARNER.get(race, ENGLISH_LEARNER["default"]),
                    disability=rng.random() < DISABILITY,
                    ability=ability,
                    growth=growth,
                )
            )


def _plan_guardians(plan: DistrictPlan, rng: random.Random, names: _Names) -> None:
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


def _plan_sections_and_staff(plan: DistrictPlan, rng: random.Random, names: _Names, domain: str) -> None:
    def staff(role: str, school: str, area: str = "", coaches: tuple[str, ...] = ()) -> StaffPlan:
        gender = _pick(rng, {"female": 0.6, "male": 0.38, "nonbinary": 0.02})
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


def _plan_advisories(plan: DistrictPlan, rng: random.Random, names: _Names, domain: str) -> None:
    for school in plan.schools:
        students = [s for s in plan.students if s.school == school]
        counselors = max(1, math.ceil(len(students) / 250))
        advisors = []
        for _ in range(counselors):
            gender = _pick(rng, {"female": 0.7, "male": 0.3})
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


def _assessment_dates(rng: random.Random, days: list[date], count: int) -> list[date]:
    """``count`` dates spread over the year, one per equal slice, jittered within it."""
    if count == 0:
        return []
    size = len(days) / count
    return [days[min(len(days) - 1, int(i * size + rng.random() * size * 0.8))] for i in range(count)]


def _plan_assessments_and_scores(
    plan: DistrictPlan, rng: random.Random, summative_per_course: int, formative_per_course: int
) -> None:
    days = school_days(SCHOOL_YEAR_START, SCHOOL_YEAR_END - timedelta(days=3))
    by_area = _indicators_by_area()
    cc = _cc_indicators()
    wh = _wh_indicators()
    difficulty = {ind.code: rng.gauss(0.0, 0.25) for area in by_area.values() for ind in area}
    difficulty.update({ind.code: rng.gauss(0.0, 0.2) for ind in cc})
    students = {s.person.key: s for s in plan.students}
    course_plans: dict[str, list[tuple[str, str, int, tuple[str, ...]]]] = {}

    for section in plan.sections:
        if section.course_code not in course_plans:
            # A department shares common assessments across a course's sections (common rubrics).
            indicators = rng.sample(
                by_area[section.content_area], min(INDICATORS_PER_COURSE, len(by_area[section.content_area]))
            )
            cross = rng.sample(cc, CC_INDICATORS_PER_COURSE)
            titles = list(cat.ASSESSMENT_TITLES[section.content_area])
            rng.shuffle(titles)
            tasks: list[tuple[str, str, int, tuple[str, ...]]] = []
            for i in range(summative_per_course):
                aligned = [indicators[(2 * i) % len(indicators)], indicators[(2 * i + 1) % len(indicators)]]
                if rng.random() < 0.4:
                    aligned.append(cross[i % len(cross)])
                tasks.append(("summative", titles[i % len(titles)], i, tuple(ind.code for ind in aligned)))
            for i in range(formative_per_course):
                aligned = [indicators[(3 * i) % len(indicators)]]
                tasks.append(
                    (
                        "formative",
                        f"Check-in: {titles[(i + 3) % len(titles)]}",
                        i,
                        tuple(ind.code for ind in aligned),
                    )
                )
            course_plans[section.course_code] = tasks
        teacher = section.teacher
        summative_dates = _assessment_dates(rng, days, summative_per_course)
        formative_dates = _assessment_dates(rng, days, formative_per_course)
        for kind, title, index, codes in course_plans[section.course_code]:
            day = (summative_dates if kind == "summative" else formative_dates)[index]
            if kind == "formative":
                day = days[max(0, days.index(day) - 4)]
            key = f"{section.key}-{kind[0]}{index + 1}"
            assessment = AssessmentPlan(key, section.key, title, kind, day, codes)
            plan.assessments.append(assessment)
            needs_retake: list[str] = []
            for student_key in section.student_keys:
                student = students[student_key]
                if rng.random() < 0.03:  # absent, not assessed
                    continue
                low = False
                for code in codes:
                    value = to_scale(latent_level(student, difficulty[code], day), rng.gauss(0, 0.45))
                    low = low or value < 3
                    plan.scores.append(_score(rng, student_key, key, code, value, teacher, day))
                if kind == "summative" and low and rng.random() < 0.35:
                    needs_retake.append(student_key)
            if needs_retake and days.index(day) + 15 < len(days):
                retake_day = days[days.index(day) + rng.randrange(8, 15)]
                retake_key = f"{key}-retake"
                plan.assessments.append(
                    AssessmentPlan(retake_key, section.key, f"Retake: {title}", kind, retake_day, codes, retake_of=key)
                )
                for student_key in needs_retake:
                    student = students[student_key]
                    for code in codes:
                        # Students who retake have revisited the learning: a real but modest boost.
                        latent = latent_level(student, difficulty[code], retake_day) + 0.45
                        value = to_scale(latent, rng.gauss(0, 0.4))
                        plan.scores.append(_score(rng, student_key, retake_key, code, value, teacher, retake_day))
        for term, day in enumerate([date(2026, 1, 23), date(2026, 6, 5)], start=1):
            key = f"{section.key}-wh{term}"
            plan.assessments.append(
                AssessmentPlan(
                    key,
                    section.key,
                    f"Habits of work — semester {term}",
                    "summative",
                    day,
                    tuple(i.code for i in wh),
                )
            )
            for student_key in section.student_keys:
                student = students[student_key]
                for ind in wh:
                    value = to_scale(1.6 + 0.8 * student.ability + 0.3 * term, rng.gauss(0, 0.55))
                    plan.scores.append(_score(rng, student_key, key, ind.code, value, teacher, day, feedback_rate=0.1))


def _score(
    rng: random.Random,
    student: str,
    assessment: str,
    code: str,
    value: int,
    scorer: str,
    day: date,
    feedback_rate: float = 0.3,
) -> ScorePlan:
    scored_at = _scored_at(rng, day)
    feedback = rng.choice(cat.FEEDBACK[value]) if rng.random() < feedback_rate else ""
    if rng.random() < 0.006:
        corrected = value + (1 if value < 4 and (value == 1 or rng.random() < 0.6) else -1)
        return ScorePlan(
            student,
            assessment,
            code,
            value,
            scorer,
            scored_at,
            feedback,
            corrected_to=corrected,
            correction_reason=rng.choice(CORRECTION_REASONS),
            corrected_at=scored_at + timedelta(days=rng.randrange(1, 12), hours=rng.randrange(4)),
        )
    return ScorePlan(student, assessment, code, value, scorer, scored_at, feedback)


def _plan_outside_evidence(plan: DistrictPlan, rng: random.Random) -> None:
    options = [
        (
            "internship",
            "Internship at Northfield Regional Hospital",
            "Northfield Regional Hospital",
            "science",
        ),
        (
            "dual_enrollment",
            "Dual enrollment: College Composition I",
            "Champlain Valley Community College",
            "ela",
        ),
        (
            "online_course",
            "Online course: Introduction to Statistics",
            "Vermont Virtual Learning Cooperative",
            "math",
        ),
        ("community_project", "Community garden project", "Northfield Food Shelf", "social_studies"),
        ("job", "Part-time job: bilingual customer service", "Green Mountain Grocers", "world_languages"),
    ]
    by_area = _indicators_by_area()
    cc = _cc_indicators()
    teachers_by_area: dict[str, list[str]] = {}
    for member in plan.staff:
        if member.role == "teacher" and member.school == "nhs":
            teachers_by_area.setdefault(member.content_area, []).append(member.person.key)
    for student in plan.students:
        if student.grade < 11 or rng.random() > 0.12:
            continue
        kind, title, organization, area = rng.choice(options)
        codes = (rng.choice(by_area[area]).code, rng.choice(cc).code)
        started = date(2025, 9, 15) + timedelta(days=rng.randrange(120))
        completed = started + timedelta(days=rng.randrange(40, 120))
        completed = min(completed, SCHOOL_YEAR_END)
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
