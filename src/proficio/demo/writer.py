"""Store a planned demo district in the database, in one transaction, with bulk inserts.

Every school year of the plan gets its sessions (the year, two semesters, four quarters), every section its
year's session. This year's sections enrol their teacher and students; earlier years' sections enrol their
students only, dated with the year (their teachers are named on the evidence they scored), so that teachers'
pages list this year's classes. Students of past classes are stored as inactive students with inactive
accounts, and each past student's outcome (and a fifth-year senior's) as an ``insights.CohortOutcome``.
Scores go in through ``score_rows`` (plain SQL), the rest through the ORM's bulk inserts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from proficio.accounts.models import Membership, Role, User
from proficio.demo import catalogue as cat
from proficio.demo import score_rows
from proficio.demo.calendar import school_year
from proficio.demo.plan import SCHOOL_YEAR, DistrictPlan, PersonPlan, iter_people
from proficio.demo.records import PastStudentPlan, StudentPlan
from proficio.demo.snapshots import write_last_year_snapshots
from proficio.evidence.models import Assessment, OutsideEvidence, Score
from proficio.insights.demo import write_interventions
from proficio.insights.models import CohortOutcome
from proficio.learners.demo import write_learners
from proficio.proficiency.services import recompute_framework
from proficio.programs.catalogue import add_quoted_activities
from proficio.programs.demo import write_network_history
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

BATCH = 2000
POLICY: dict[str, Any] = {
    "method": "decaying_average",
    "parameters": {"w": 0.65},
    "minimum_evidence": 1,
    "rollup": "mean",
    "minimum_share_assessed": Decimal("0.50"),
}
"""The district's calculation policy (``standards.CalculationPolicy``)."""


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
    add_quoted_activities(network=network)  # the Implementation Grid's defined activities
    district = District.objects.create(name=plan.district_name, network=network, identifier="NRSD")
    schools = {
        key: School.objects.create(district=district, name=name, lowest_grade=low, highest_grade=high)
        for key, (name, low, high) in plan.schools.items()
    }
    years = _sessions(district, plan.school_years)
    progress("organisations", len(schools) + 2)

    framework = _framework(district)
    progress("framework", framework.standards.count())

    users, students = _people(plan, password, schools, district, progress)
    sections = _sections(plan, users, schools, years)
    progress("sections", len(sections))

    counts = _evidence(plan, framework, sections, students, users, progress)
    if len(plan.school_years) > 1:  # a year of history: its semesters' snapshots, for growth
        counts["snapshot rows"] = write_last_year_snapshots(framework=framework, school_year=plan.school_years[-2])
        progress("term snapshots", 2)
    # Scores were bulk-inserted (no signals), so the result cache is built here, in the same transaction.
    recompute_framework(framework)
    progress("proficiency results", 1)

    usernames = _usernames(plan)
    write_learners(
        student=usernames["student"][0],
        teacher=usernames["teacher"][0],
        advisor=usernames["advisor"][0],
        today=timezone.localdate(),
    )
    plans = write_interventions(district=district, advisor=usernames["advisor"][0], today=timezone.localdate())
    progress("interventions and improvement cycles", plans)
    league = write_network_history(network=network, district=district, password=password, today=timezone.localdate())
    usernames |= league.usernames
    progress("the network's initiative and its schools' work", len(league.schools))
    return DemoResult(
        usernames=usernames,
        counts={
            "students": len(plan.students),
            "students of past classes": len(plan.past_students),
            "guardians": len(plan.guardians),
            "staff": len(plan.staff),
            "school years": len(years),
            "sections": len(sections),
            "intervention plans": plans,
            **counts,
        },
    )


def _people(
    plan: DistrictPlan, password: str, schools: dict[str, School], district: District, progress: Progress
) -> tuple[dict[str, User], dict[str, Student]]:
    """Every account, student (past classes' too, with their outcomes), family, role and advisory."""
    users = _users(plan, make_password(password))
    progress("people", len(users))
    students = _students(plan, users, schools)
    students.update(_past_students(plan, users, schools))
    _outcomes(plan, students, users)
    _guardians(plan, users, students)
    _memberships(plan, users, schools, district)
    Advisory.objects.bulk_create(
        [Advisory(advisor=users[a], student=students[s]) for a, s in plan.advisories], batch_size=BATCH
    )
    progress("roles and families", len(plan.guardians) + len(plan.advisories))
    return users, students


def _evidence(
    plan: DistrictPlan,
    framework: Framework,
    sections: dict[str, Section],
    students: dict[str, Student],
    users: dict[str, User],
    progress: Progress,
) -> dict[str, int]:
    """The assessments, scores, retakers and outside evidence; how many of each were written."""
    indicators = {i.code: i for i in PerformanceIndicator.objects.filter(standard__framework=framework)}
    assessments = _assessments(plan, sections, indicators, users)
    progress("assessments", len(assessments))
    score_count = _scores(plan, students, assessments, indicators, users, progress)
    _retakers(plan, students, assessments)
    outside = _outside(plan, students, indicators, users)
    progress("outside evidence", outside)
    return {"assessments": len(assessments), "scores": score_count, "outside evidence": outside}


def _usernames(plan: DistrictPlan) -> dict[str, list[str]]:
    """Each role's usernames, the one to print first."""
    usernames: dict[str, list[str]] = {}
    for member in plan.staff:
        usernames.setdefault(member.role, []).append(member.person.username)
    # Seniors first, those of this year's class before fifth-year seniors: the demo's student is on pace.
    ordered = sorted(plan.students, key=lambda s: (-s.grade, -s.cohort, s.person.key))
    usernames["student"] = [s.person.username for s in ordered]
    with_two_children = [g for g in plan.guardians if len(g.student_keys) > 1]
    usernames["guardian"] = [g.person.username for g in (with_two_children or plan.guardians)]
    return usernames


def _sessions(district: District, school_years: Iterable[int]) -> dict[int, AcademicSession]:
    """Each school year with its two semesters and four quarters (grading periods); the years by their number."""
    years = {}
    for number in school_years:
        calendar = school_year(number)
        year = AcademicSession.objects.create(
            district=district,
            title=calendar.title,
            kind=AcademicSession.Kind.SCHOOL_YEAR,
            school_year=number,
            start_date=calendar.start,
            end_date=calendar.end,
        )
        for index, term in enumerate(calendar.semesters):
            semester = AcademicSession.objects.create(
                district=district,
                title=term.title,
                kind=AcademicSession.Kind.SEMESTER,
                school_year=number,
                start_date=term.start,
                end_date=term.end,
                parent=year,
            )
            AcademicSession.objects.bulk_create(
                AcademicSession(
                    district=district,
                    title=quarter.title,
                    kind=AcademicSession.Kind.GRADING_PERIOD,
                    school_year=number,
                    start_date=quarter.start,
                    end_date=quarter.end,
                    parent=semester,
                )
                for quarter in calendar.quarters[2 * index : 2 * index + 2]
            )
        years[number] = year
    return years


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
    CalculationPolicy.objects.create(framework=framework, **POLICY)
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
        for indicator, ind_spec in zip(indicators, spec.indicators, strict=True):
            texts = _indicator_texts(spec, indicator, ind_spec, scale_levels)
            criteria.extend(texts[0])
            objectives.extend(texts[1])
            exemplars.extend(texts[2])
    ScoringCriterion.objects.bulk_create(criteria, batch_size=BATCH)
    LearningObjective.objects.bulk_create(objectives, batch_size=BATCH)
    Exemplar.objects.bulk_create(exemplars, batch_size=BATCH)
    return framework


def _indicator_texts(
    spec: cat.StandardSpec,
    indicator: PerformanceIndicator,
    ind_spec: cat.IndicatorSpec,
    scale_levels: dict[int, ScaleLevel],
) -> tuple[list[ScoringCriterion], list[LearningObjective], list[Exemplar]]:
    """An indicator's scoring criteria (one per level), learning objectives and, for the first indicator of an
    academic standard, an exemplar at each level above the lowest."""
    level_specs = cat.WORK_HABIT_SCALE if spec.kind == Standard.Kind.WORK_HABIT else cat.ACADEMIC_SCALE
    criteria = [
        ScoringCriterion(
            indicator=indicator,
            level=scale_levels[spec_level.value],
            description=cat.scoring_criterion(ind_spec, spec_level),
        )
        for spec_level in level_specs
    ]
    objectives = [
        LearningObjective(indicator=indicator, code=f"{ind_spec.code}.{chr(97 + j)}", statement=text, position=j)
        for j, text in enumerate(ind_spec.objectives)
    ]
    exemplars = []
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
    return criteria, objectives, exemplars


def _users(plan: DistrictPlan, password_hash: str) -> dict[str, User]:
    people: list[PersonPlan] = list(iter_people(plan))
    admins = {m.person.key for m in plan.staff if m.role == "district_admin"}
    # Students of past classes have left: their accounts stay, closed, from the autumn they started grade 9.
    left = {s.person.key: datetime(s.cohort - 4, 8, 1, tzinfo=UTC) for s in plan.past_students}
    objects = [
        User(
            username=p.username,
            first_name=p.first_name,
            last_name=p.last_name,
            email=p.email,
            password=password_hash,
            is_staff=p.key in admins,
            is_superuser=p.key in admins,
            is_active=p.key not in left,
            date_joined=left.get(p.key, datetime(2025, 8, 1, tzinfo=UTC)),
            preferred_language="en",
        )
        for p in people
    ]
    created = User.objects.bulk_create(objects, batch_size=BATCH)
    return {p.key: user for p, user in zip(people, created, strict=True)}


def _student_rows(
    planned: Iterable[StudentPlan | PastStudentPlan],
    users: dict[str, User],
    schools: dict[str, School],
    *,
    active: bool,
) -> dict[str, Student]:
    """Write the planned students (today's, or past classes' who left, inactive); by their person's key."""
    planned = list(planned)
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
            is_active=active,
        )
        for s in planned
    ]
    created = Student.objects.bulk_create(objects, batch_size=BATCH)
    return {s.person.key: student for s, student in zip(planned, created, strict=True)}


def _students(plan: DistrictPlan, users: dict[str, User], schools: dict[str, School]) -> dict[str, Student]:
    students = _student_rows(plan.students, users, schools, active=True)
    Membership.objects.bulk_create(
        [Membership(user=users[s.person.key], role=Role.STUDENT) for s in plan.students], batch_size=BATCH
    )
    return students


def _past_students(plan: DistrictPlan, users: dict[str, User], schools: dict[str, School]) -> dict[str, Student]:
    """The students of past classes who have left, as inactive students in the grade they left from."""
    return _student_rows(plan.past_students, users, schools, active=False)


def _outcomes(plan: DistrictPlan, students: dict[str, Student], users: dict[str, User]) -> None:
    """Each past class's outcomes, recorded by a leader of the high school in the autumn after it graduated."""
    leader = next(users[m.person.key] for m in plan.staff if m.role == "school_leader" and m.school == "nhs")
    CohortOutcome.objects.bulk_create(
        [
            CohortOutcome(
                student=students[o.student],
                cohort=o.cohort,
                outcome=o.outcome,
                postsecondary=o.postsecondary,
                recorded_by=leader,
                recorded_at=datetime(o.cohort, 10, 15, 16, 0, tzinfo=UTC),
            )
            for o in plan.outcomes
        ],
        batch_size=BATCH,
    )


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
    plan: DistrictPlan, users: dict[str, User], schools: dict[str, School], years: dict[int, AcademicSession]
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
                session=years[s.school_year],
                name=s.name,
                period=s.period,
                room=s.room,
            )
            for s in plan.sections
        ],
        batch_size=BATCH,
    )
    Enrollment.objects.bulk_create(_enrollments(plan, users, created, years), batch_size=BATCH)
    return {s.key: section for s, section in zip(plan.sections, created, strict=True)}


def _enrollments(
    plan: DistrictPlan, users: dict[str, User], sections: list[Section], years: dict[int, AcademicSession]
) -> list[Enrollment]:
    """This year's sections: their teacher and students. Earlier years': their students, dated with the year."""
    enrollments: list[Enrollment] = []
    for s, section in zip(plan.sections, sections, strict=True):
        if s.school_year == SCHOOL_YEAR:
            enrollments.append(
                Enrollment(section=section, user=users[s.teacher], role=Enrollment.Role.TEACHER, primary=True)
            )
            begin, end = None, None
        else:
            begin, end = years[s.school_year].start_date, years[s.school_year].end_date
        enrollments.extend(
            Enrollment(section=section, user=users[key], role=Enrollment.Role.STUDENT, begin_date=begin, end_date=end)
            for key in s.student_keys
        )
    return enrollments


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
    """Every planned score, then the corrections superseding some of them, then their history rows."""
    first = score_rows.next_id()
    values = {level: score_rows.value(level) for level in range(1, 5)}
    moment = score_rows.moments()
    student = {key: s.pk for key, s in students.items()}
    assessment = {key: a.pk for key, a in assessments.items()}
    indicator = {code: i.pk for code, i in indicators.items()}
    user = {key: u.pk for key, u in users.items()}
    originals: list[score_rows.Row] = []
    corrections: list[score_rows.Row] = []
    for s in plan.scores:
        slot = (student[s.student], indicator[s.indicator_code], assessment[s.assessment], None)
        scorer = user[s.scorer]
        original = first + len(originals)
        originals.append((original, *slot, values[s.value], s.feedback, scorer, moment(s.scored_at), None, ""))
        if s.corrected_to is not None:
            assert s.corrected_at is not None
            at = moment(s.corrected_at)
            corrections.append(
                (0, *slot, values[s.corrected_to], s.feedback, scorer, at, original, s.correction_reason)
            )
    after = first + len(originals)
    corrections = [(after + i, *row[1:]) for i, row in enumerate(corrections)]
    score_rows.insert([*originals, *corrections], lambda n: progress("scores", n))
    score_rows.copy_history(first)
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
