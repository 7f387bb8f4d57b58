"""Learner data for the demo district: learning paths with choice boards, profiles, goals and a few "show what I
know" requests around the accounts that ``make demo`` prints, so each role's first login has something to show."""

from __future__ import annotations

from datetime import date, timedelta

from proficio.accounts.models import User
from proficio.evidence.models import Assessment
from proficio.learners.models import AssessmentRequest, Goal, GoalCheckpoint, LearnerProfile, PathOption, PathStep
from proficio.proficiency.models import IndicatorResult
from proficio.roster.models import Enrollment, Section, Student
from proficio.standards.models import Standard

STEPS_PER_PATH = 6
INTERESTS = [
    "Robotics club and building things",
    "Soccer and drawing comics",
    "Music: guitar in a band with friends",
    "Cooking and baking for my family",
    "Hiking and photography",
    "Coding small games",
    "Volunteering at the animal shelter",
    "Theatre and writing stories",
]
COLLEGE = [
    "A four-year state university",
    "Community college, then transfer",
    "An electrician apprenticeship program",
    "Nursing school",
    "An art and design school",
]
CAREER = ["Engineer", "Nurse", "Electrician", "Game designer", "Teacher", "Chef", "Veterinarian", "Graphic designer"]
PREFERENCES = [
    "Working with a partner and talking it through",
    "Seeing a worked example first, then trying on my own",
    "Hands-on projects",
    "Reading and taking notes somewhere quiet",
    "Short videos, then practice",
]
OPTIONS = [
    (
        PathOption.Kind.READ,
        "Annotated model for {code}",
        "Read the model and its margin notes; mark where it meets the criteria.",
    ),
    (
        PathOption.Kind.WATCH,
        "Mini-lesson: {code}",
        "A ten-minute walkthrough with a check-for-understanding at the end.",
    ),
    (
        PathOption.Kind.PRACTICE,
        "Practice set for {code}",
        "Three short tasks, easiest first; check your answers with the key.",
    ),
    (
        PathOption.Kind.MAKE,
        "Show {code} your way",
        "A poster, a podcast or a short video: agree the plan with your teacher.",
    ),
    (PathOption.Kind.DISCUSS, "Small-group conference", "Bring your draft; the group gives two glows and a grow."),
]


def _path(section: Section) -> list[PathStep]:
    """The first indicators the section assessed (summative, academic), in the order it assessed them."""
    seen: dict[int, None] = {}
    aligned = (
        Assessment.indicators.through.objects.filter(
            assessment__section=section, assessment__kind=Assessment.Kind.SUMMATIVE
        )
        .exclude(performanceindicator__standard__kind=Standard.Kind.WORK_HABIT)
        .order_by("assessment__assessed_on", "performanceindicator__code")
        .values_list("performanceindicator_id", flat=True)
    )
    for indicator_id in aligned:
        seen.setdefault(indicator_id, None)
        if len(seen) == STEPS_PER_PATH:
            break
    steps = PathStep.objects.bulk_create(
        [PathStep(section=section, indicator_id=i, position=n) for n, i in enumerate(seen, start=1)]
    )
    options = []
    for n, step in enumerate(PathStep.objects.filter(pk__in=[s.pk for s in steps]).select_related("indicator")):
        for kind, title, description in (OPTIONS[(n + k) % len(OPTIONS)] for k in range(2 + n % 2)):
            options.append(
                PathOption(step=step, kind=kind, title=title.format(code=step.indicator.code), description=description)
            )
    PathOption.objects.bulk_create(options)
    return steps


def _weakest(student: Student, indicator_ids: list[int] | None = None) -> IndicatorResult | None:
    results = IndicatorResult.objects.filter(student=student, level__isnull=False, is_proficient=False).exclude(
        indicator__standard__kind=Standard.Kind.WORK_HABIT
    )
    if indicator_ids is not None:
        results = results.filter(indicator_id__in=indicator_ids)
    return results.select_related("indicator", "level").order_by("level__value", "indicator__code").first()


def write_learners(*, student: str, teacher: str, advisor: str, today: date) -> None:
    """Paths for the featured teacher's and student's sections; profiles and goals for the featured student and
    the featured advisor's advisees; pending requests for the featured teacher and from the featured student."""
    featured = Student.objects.select_related("user").get(user__username=student)
    teacher_user = User.objects.get(username=teacher)
    mine = Section.objects.filter(enrollments__user=featured.user, enrollments__role=Enrollment.Role.STUDENT)
    taught = Section.objects.filter(enrollments__user=teacher_user, enrollments__role=Enrollment.Role.TEACHER)
    paths = {section.pk: _path(section) for section in (mine | taught).distinct().order_by("period", "pk")}

    people = [*Student.objects.filter(advisories__advisor__username=advisor).order_by("pk"), featured]
    for n, person in enumerate(dict.fromkeys(people)):
        LearnerProfile.objects.create(
            student=person,
            interests=INTERESTS[n % len(INTERESTS)],
            college_aspirations=COLLEGE[n % len(COLLEGE)],
            career_aspirations=CAREER[n % len(CAREER)],
            learning_preferences=PREFERENCES[n % len(PREFERENCES)],
            accommodations="Extended time on summative tasks; notes shared in advance." if person.disability else "",
        )
        weakest = _weakest(person)
        if weakest is None:
            continue
        # Due next week, overdue, or later in the term: the advisor's home shows the first two.
        due = today + timedelta(days=(7, -5, 45)[n % 3])
        goal = Goal.objects.create(
            student=person,
            indicator=weakest.indicator,
            statement=f"Reach proficient on {weakest.indicator.code}",
            measure="A level of 3 or better on my next summative task",
            target_date=due,
        )
        GoalCheckpoint.objects.bulk_create(
            [
                GoalCheckpoint(
                    goal=goal,
                    description="Review my last scored work and the rubric",
                    due_on=due - timedelta(days=14),
                    done=True,
                ),
                GoalCheckpoint(
                    goal=goal, description="Finish one choice-board activity", due_on=due - timedelta(days=5)
                ),
            ]
        )
        goal.reflections.create(body="I know what the rubric asks for now; I need more practice with evidence.")

    for section in mine.order_by("period", "pk")[:1]:
        weakest = _weakest(featured, [s.indicator_id for s in paths.get(section.pk, [])])
        if weakest is not None:
            AssessmentRequest.objects.create(
                student=featured,
                section=section,
                indicator=weakest.indicator,
                kind=AssessmentRequest.Kind.RETAKE,
                note="I did the practice set and rewrote my last task.",
            )
    first = taught.order_by("period", "pk").first()
    if first is not None:
        step_ids = [s.indicator_id for s in paths.get(first.pk, [])]
        classmates = Student.objects.filter(
            user__enrollments__section=first, user__enrollments__role=Enrollment.Role.STUDENT
        ).exclude(pk=featured.pk)
        for person in classmates.order_by("pk")[:2]:
            weakest = _weakest(person, step_ids)
            if weakest is not None:
                AssessmentRequest.objects.create(
                    student=person,
                    section=first,
                    indicator=weakest.indicator,
                    kind=AssessmentRequest.Kind.RETAKE,
                    note="I met with you at lunch and redid the practice.",
                )
