"""Store a planned demo district in the database, in one transaction, with bulk inserts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import TypeVar

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from proficio.accounts.models import Membership, Role, User
from proficio.demo import catalogue as cat
from proficio.demo.plan import DistrictPlan, PersonPlan, iter_people
from proficio.evidence.models import Assessment, OutsideEvidence, Score
from proficio.learners.demo import write_learners
from proficio.proficiency.services import recompute_framework
from proficio.roster.models import (
    AcademicSession,
    Advisory,
    Course,
    District,
    Enrollment,
    Guardian,
    GuardianLink,
    Network,
    School,
    Section,
    Student,
)
from proficio.standards.models import (
    CalculationPolicy,
    Exemplar,
    Framework,
    LearningObjective,
    PerformanceIndicator,
    ProficiencyScale,
    ScaleLevel,
    ScoringCriterion,
    Standard,
)

Progress = Callable[[str, int], None]
"""Called with a step name and how many items that step just stored."""

M = TypeVar("M", bound=Model)
BATCH = 2000


def _chunks(items: list[M], size: int = BATCH) -> Iterator[list[M]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class DemoResult:
    usernames: dict[str, list[str]]  # role -> usernames, first is the one to print
    counts: dict[str, int]


def _noop(step: str, n: int) -> None:
    return None


@transaction.atomic
def write_plan(plan: DistrictPlan, password: str, progress: Progress = _noop) -> DemoResult:
    """Write ``plan``; every demo account gets ``password`` (hashed once, shared — demo only)."""
    network = Network.objects.create(name="Green Mountain League of Innovative Schools")
    district = District.objects.create(name=plan.district_name, network=network, identifier="NRSD")
    schools = {
        key: School.objects.create(district=district, name=name, lowest_grade=low, highest_grade=high)
        for key, (name, low, high) in plan.schools.items()
    }
    year = _sessions(district)
    progress("organisations", len(schools) + 2)

    framework = _framework(district)
    progress("framework", framework.standards.count())

    users = _users(plan, make_password(password))
    progress("people", len(users))
    students = _students(plan, users, schools)
    _guardians(plan, users, students)
    _memberships(plan, users, schools, district)
    Advisory.objects.bulk_create(
        [Advisory(advisor=users[a], student=students[s]) for a, s in plan.advisories], batch_size=BATCH
    )
    progress("roles and families", len(plan.guardians) + len(plan.advisories))

    sections = _sections(plan, users, schools, year)
    progress("sections", len(sections))

    indicators = {i.code: i for i in PerformanceIndicator.objects.filter(standard__framework=framework)}
    assessments = _assessments(plan, sections, indicators, users)
    progress("assessments", len(assessments))
    score_count = _scores(plan, students, assessments, indicators, users, progress)
    _retakers(plan, students, assessments)
    outside = _outside(plan, students, indicators, users)
    progress("outside evidence", outside)
    # Scores were bulk-inserted (no signals), so the result cache is built here, in the same transaction.
    recompute_framework(framework)
    progress("proficiency results", 1)

    usernames: dict[str, list[str]] = {}
    for member in plan.staff:
        usernames.setdefault(member.role, []).append(member.person.username)
    usernames["student"] = [s.person.username for s in sorted(plan.students, key=lambda s: (-s.grade, s.person.key))]
    with_two_children = [g for g in plan.guardians if len(g.student_keys) > 1]
    usernames["guardian"] = [g.person.username for g in (with_two_children or plan.guardians)]
    write_learners(
        student=usernames["student"][0],
        teacher=usernames["teacher"][0],
        advisor=usernames["advisor"][0],
        today=timezone.localdate(),
    )
    return DemoResult(
        usernames=usernames,
        counts={
            "students": len(students),
            "guardians": len(plan.guardians),
            "staff": len(plan.staff),
            "sections": len(sections),
            "assessments": len(assessments),
            "scores": score_count,
            "outside evidence": outside,
        },
    )


def _sessions(district: District) -> AcademicSession:
    year = AcademicSession.objects.create(
        district=district,
        title="2025–26",
        kind=AcademicSession.Kind.SCHOOL_YEAR,
        school_year=2026,
        start_date=date(2025, 8, 27),
        end_date=date(2026, 6, 12),
    )
    semesters = [
        ("Semester 1", date(2025, 8, 27), date(2026, 1, 23)),
        ("Semester 2", date(2026, 1, 26), date(2026, 6, 12)),
    ]
    quarters = [
        ("Quarter 1", date(2025, 8, 27), date(2025, 10, 31)),
        ("Quarter 2", date(2025, 11, 3), date(2026, 1, 23)),
        ("Quarter 3", date(2026, 1, 26), date(2026, 3, 27)),
        ("Quarter 4", date(2026, 3, 30), date(2026, 6, 12)),
    ]
    for index, (title, start, end) in enumerate(semesters):
        semester = AcademicSession.objects.create(
            district=district,
            title=title,
            kind=AcademicSession.Kind.SEMESTER,
            school_year=2026,
            start_date=start,
            end_date=end,
            parent=year,
        )
        for q_title, q_start, q_end in quarters[2 * index : 2 * index + 2]:
            AcademicSession.objects.create(
                district=district,
                title=q_title,
                kind=AcademicSession.Kind.GRADING_PERIOD,
                school_year=2026,
                start_date=q_start,
                end_date=q_end,
                parent=semester,
            )
    return year


def _scale(district: District, name: str, purpose: str, levels: Iterable[cat.LevelSpec]) -> ProficiencyScale:
    scale = ProficiencyScale.objects.create(name=name, district=district, purpose=purpose)
    ScaleLevel.objects.bulk_create(
        [
            ScaleLevel(
                scale=scale,
                value=Decimal(level.value),
                label=level.label,
                description=level.description,
                is_threshold=level.is_threshold,
            )
            for level in levels
        ]
    )
    return scale


def _framework(district: District) -> Framework:
    academic = _scale(
        district, "Northfield proficiency scale (1–4)", ProficiencyScale.Purpose.ACADEMIC, cat.ACADEMIC_SCALE
    )
    habits = _scale(district, "Habits of work scale (1–4)", ProficiencyScale.Purpose.WORK_HABIT, cat.WORK_HABIT_SCALE)
    framework = Framework.objects.create(
        title="Northfield Graduation Standards",
        district=district,
        scale=academic,
        work_habit_scale=habits,
        adopted_on=date(2024, 6, 1),
        description="Cross-curricular and content-area graduation standards adopted by the Northfield school board.",
    )
    CalculationPolicy.objects.create(
        framework=framework,
        method="decaying_average",
        parameters={"w": 0.65},
        minimum_evidence=1,
        rollup="mean",
        minimum_share_assessed=Decimal("0.50"),
    )
    levels = {scale.pk: {int(level.value): level for level in scale.levels.all()} for scale in (academic, habits)}
    specs = [*cat.CROSS_CURRICULAR, *cat.CONTENT_AREA_STANDARDS, *cat.WORK_HABITS]
    criteria: list[ScoringCriterion] = []
    objectives: list[LearningObjective] = []
    exemplars: list[Exemplar] = []
    for position, spec in enumerate(specs):
        standard = Standard.objects.create(
            framework=framework,
            code=spec.code,
            title=spec.title,
            statement=spec.statement,
            kind=spec.kind,
            content_area=spec.content_area,
            required_for_graduation=spec.kind != Standard.Kind.WORK_HABIT,
            position=position,
        )
        scale_levels = levels[habits.pk if spec.kind == Standard.Kind.WORK_HABIT else academic.pk]
        indicators = PerformanceIndicator.objects.bulk_create(
            [
                PerformanceIndicator(standard=standard, code=ind.code, statement=ind.statement, position=i)
                for i, ind in enumerate(spec.indicators)
            ]
        )
        level_specs = cat.WORK_HABIT_SCALE if spec.kind == Standard.Kind.WORK_HABIT else cat.ACADEMIC_SCALE
        for indicator, ind_spec in zip(indicators, spec.indicators, strict=True):
            for level in level_specs:
                criteria.append(
                    ScoringCriterion(
                        indicator=indicator,
                        level=scale_levels[level.value],
                        description=cat.scoring_criterion(ind_spec, level),
                    )
                )
            objectives.extend(
                LearningObjective(
                    indicator=indicator, code=f"{ind_spec.code}.{chr(97 + j)}", statement=text, position=j
                )
                for j, text in enumerate(ind_spec.objectives)
            )
            if spec.kind != Standard.Kind.WORK_HABIT and indicator.position == 0:
                for level_spec in level_specs[1:]:
                    value = level_spec.value
                    level = scale_levels[value]
                    exemplars.append(
                        Exemplar(
                            indicator=indicator,
                            level=level,
                            title=f"{ind_spec.code} exemplar — {level.label}",
                            text=(
                                f"Anonymized student work scored {value} ({level.label}) on {ind_spec.code}. "
                                f"Rubric: {cat.scoring_criterion(ind_spec, level_spec)}"
                            ),
                        )
                    )
    ScoringCriterion.objects.bulk_create(criteria, batch_size=BATCH)
    LearningObjective.objects.bulk_create(objectives, batch_size=BATCH)
    Exemplar.objects.bulk_create(exemplars, batch_size=BATCH)
    return framework


def _users(plan: DistrictPlan, password_hash: str) -> dict[str, User]:
    people: list[PersonPlan] = list(iter_people(plan))
    admins = {m.person.key for m in plan.staff if m.role == "district_admin"}
    objects = [
        User(
            username=p.username,
            first_name=p.first_name,
            last_name=p.last_name,
            email=p.email,
            password=password_hash,
            is_staff=p.key in admins,
            is_superuser=p.key in admins,
            date_joined=datetime(2025, 8, 1, tzinfo=UTC),
            preferred_language="en",
        )
        for p in people
    ]
    created = User.objects.bulk_create(objects, batch_size=BATCH)
    return {p.key: user for p, user in zip(people, created, strict=True)}


def _students(plan: DistrictPlan, users: dict[str, User], schools: dict[str, School]) -> dict[str, Student]:
    objects = [
        Student(
            user=users[s.person.key],
            school=schools[s.school],
            student_number=s.student_number,
            grade=s.grade,
            birth_date=s.birth_date,
            race_ethnicity=s.race_ethnicity,
            gender=s.gender,
            economically_disadvantaged=s.economically_disadvantaged,
            english_learner=s.english_learner,
            disability=s.disability,
        )
        for s in plan.students
    ]
    created = Student.objects.bulk_create(objects, batch_size=BATCH)
    Membership.objects.bulk_create(
        [Membership(user=users[s.person.key], role=Role.STUDENT) for s in plan.students], batch_size=BATCH
    )
    return {s.person.key: student for s, student in zip(plan.students, created, strict=True)}


def _guardians(plan: DistrictPlan, users: dict[str, User], students: dict[str, Student]) -> None:
    created = Guardian.objects.bulk_create(
        [Guardian(user=users[g.person.key], phone=g.phone) for g in plan.guardians], batch_size=BATCH
    )
    GuardianLink.objects.bulk_create(
        [
            GuardianLink(guardian=guardian, student=students[key], relationship=g.relationship)
            for g, guardian in zip(plan.guardians, created, strict=True)
            for key in g.student_keys
        ],
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        [Membership(user=users[g.person.key], role=Role.GUARDIAN) for g in plan.guardians], batch_size=BATCH
    )


def _memberships(plan: DistrictPlan, users: dict[str, User], schools: dict[str, School], district: District) -> None:
    rows: list[Membership] = []
    for member in plan.staff:
        user = users[member.person.key]
        if member.role == Role.DISTRICT_ADMIN:
            rows.append(Membership(user=user, role=Role.DISTRICT_ADMIN, district=district))
        elif member.role == Role.COACH:
            rows.extend(Membership(user=user, role=Role.COACH, school=schools[key]) for key in member.also_coaches)
        else:
            rows.append(Membership(user=user, role=member.role, school=schools[member.school]))
    Membership.objects.bulk_create(rows, batch_size=BATCH)


def _sections(
    plan: DistrictPlan, users: dict[str, User], schools: dict[str, School], year: AcademicSession
) -> dict[str, Section]:
    courses: dict[tuple[str, str], Course] = {}
    for s in plan.sections:
        if (s.school, s.course_code) not in courses:
            courses[(s.school, s.course_code)] = Course(
                school=schools[s.school],
                title=s.course_title,
                code=s.course_code,
                content_area=s.content_area,
                grade=s.grade,
            )
    Course.objects.bulk_create(list(courses.values()), batch_size=BATCH)
    created = Section.objects.bulk_create(
        [
            Section(
                course=courses[(s.school, s.course_code)],
                session=year,
                name=s.name,
                period=s.period,
                room=s.room,
            )
            for s in plan.sections
        ],
        batch_size=BATCH,
    )
    enrollments: list[Enrollment] = []
    for s, section in zip(plan.sections, created, strict=True):
        enrollments.append(
            Enrollment(section=section, user=users[s.teacher], role=Enrollment.Role.TEACHER, primary=True)
        )
        enrollments.extend(
            Enrollment(section=section, user=users[key], role=Enrollment.Role.STUDENT) for key in s.student_keys
        )
    Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
    return {s.key: section for s, section in zip(plan.sections, created, strict=True)}


def _assessments(
    plan: DistrictPlan,
    sections: dict[str, Section],
    indicators: dict[str, PerformanceIndicator],
    users: dict[str, User],
) -> dict[str, Assessment]:
    teachers = {s.key: users[s.teacher] for s in plan.sections}
    objects = [
        Assessment(
            section=sections[a.section],
            title=a.title,
            kind=a.kind,
            assessed_on=a.assessed_on,
            created_by=teachers[a.section],
            created_at=datetime.combine(a.assessed_on, time(7, 30), tzinfo=UTC),
        )
        for a in plan.assessments
    ]
    created = Assessment.objects.bulk_create(objects, batch_size=BATCH)
    by_key = {a.key: obj for a, obj in zip(plan.assessments, created, strict=True)}
    retakes = []
    for a in plan.assessments:
        if a.retake_of:
            assessment = by_key[a.key]
            assessment.retake_of = by_key[a.retake_of]
            retakes.append(assessment)
    Assessment.objects.bulk_update(retakes, ["retake_of"], batch_size=BATCH)
    alignment = Assessment.indicators.through
    alignment.objects.bulk_create(
        [
            alignment(assessment_id=by_key[a.key].pk, performanceindicator_id=indicators[code].pk)
            for a in plan.assessments
            for code in a.indicator_codes
        ],
        batch_size=BATCH,
    )
    return by_key


def _scores(
    plan: DistrictPlan,
    students: dict[str, Student],
    assessments: dict[str, Assessment],
    indicators: dict[str, PerformanceIndicator],
    users: dict[str, User],
    progress: Progress,
) -> int:
    originals: list[Score] = []
    corrections: list[tuple[int, Score]] = []
    for s in plan.scores:
        score = Score(
            student=students[s.student],
            assessment=assessments[s.assessment],
            indicator=indicators[s.indicator_code],
            value=Decimal(s.value),
            scorer=users[s.scorer],
            scored_at=s.scored_at,
            feedback=s.feedback,
        )
        originals.append(score)
        if s.corrected_to is not None:
            assert s.corrected_at is not None
            corrections.append(
                (
                    len(originals) - 1,
                    Score(
                        student=score.student,
                        assessment=score.assessment,
                        indicator=score.indicator,
                        value=Decimal(s.corrected_to),
                        scorer=score.scorer,
                        scored_at=s.corrected_at,
                        feedback=s.feedback,
                        reason=s.correction_reason,
                    ),
                )
            )
    for chunk in _chunks(originals, 5000):
        bulk_create_with_history(chunk, Score, batch_size=BATCH, default_date=None)
        progress("scores", len(chunk))
    for index, correction in corrections:
        correction.supersedes = originals[index]
    bulk_create_with_history([c for _, c in corrections], Score, batch_size=BATCH)
    progress("scores", len(corrections))
    return len(originals) + len(corrections)


def _retakers(plan: DistrictPlan, students: dict[str, Student], assessments: dict[str, Assessment]) -> None:
    """A retake is given to the students who retake it: those the plan scores on it."""
    retakes = {a.key for a in plan.assessments if a.retake_of}
    pairs = sorted({(s.assessment, s.student) for s in plan.scores if s.assessment in retakes})
    through = Assessment.retakers.through
    through.objects.bulk_create(
        [through(assessment_id=assessments[a].pk, student_id=students[st].pk) for a, st in pairs], batch_size=BATCH
    )


def _outside(
    plan: DistrictPlan,
    students: dict[str, Student],
    indicators: dict[str, PerformanceIndicator],
    users: dict[str, User],
) -> int:
    scores: list[Score] = []
    for o in plan.outside_evidence:
        verified_at = datetime.combine(o.completed_on, time(16, 0), tzinfo=UTC)
        evidence = OutsideEvidence.objects.create(
            student=students[o.student],
            kind=o.kind,
            title=o.title,
            organization=o.organization,
            description=f"{o.hours} hours of {OutsideEvidence.Kind(o.kind).label.lower()} with {o.organization}.",
            started_on=o.started_on,
            completed_on=o.completed_on,
            hours=o.hours,
            status=OutsideEvidence.Status.VERIFIED,
            submitted_by=users[o.student],
            verified_by=users[o.verifier],
            verified_at=verified_at,
        )
        evidence.indicators.set([indicators[code] for code in o.indicator_codes])
        scores.extend(
            Score(
                student=evidence.student,
                outside_evidence=evidence,
                indicator=indicators[code],
                value=Decimal(value),
                scorer=users[o.verifier],
                scored_at=verified_at,
                feedback="Verified from the supervisor's evaluation and the student's reflection.",
            )
            for code, value in zip(o.indicator_codes, o.values, strict=True)
        )
    bulk_create_with_history(scores, Score, batch_size=BATCH)
    return len(plan.outside_evidence)
